import { internalOnlyModel, ordersService, paymentsService, shopModel, webService } from './fixtures';
import {
  acyclicDependencies, composeDocument, ComposeOptions, envFileNames, escapeInterpolation, renderCompose, renderSecretsEnvFile, secretNames,
} from '../../src/artifacts/compose';
import { ClusterModel } from '../../src/artifacts/model';
import { PROXY_IMAGE } from '../../src/artifacts/nginx';
import { YamlMap } from '../../src/artifacts/yaml';

const OPTIONS: ComposeOptions = { baseName: 'Shop', composeDir: '/assembly' };

function services(model: ClusterModel, options: ComposeOptions = OPTIONS): { [name: string]: YamlMap } {
  return composeDocument(model, options).services as { [name: string]: YamlMap };
}

describe('composeDocument', () => {
  test('has one service per ECS service, named by serviceName, plus the local load balancer', () => {
    expect(Object.keys(services(shopModel()))).toEqual(['orders', 'payments', 'web', 'alb']);
  });

  test('pulls registry images by name', () => {
    expect(services(shopModel()).orders.image).toBe('public.ecr.aws/acme/orders:1.4.2');
  });

  test('builds asset images from the staged directory, relative to the assembly', () => {
    expect(services(shopModel()).web.build).toEqual({
      context: './asset.0123abcd',
      dockerfile: 'Dockerfile.web',
      args: { NODE_ENV: 'production' },
    });
    expect(services(shopModel()).web.image).toBeUndefined();
  });

  test('keeps an asset directory outside the assembly absolute', () => {
    const model = shopModel({ services: [webService({ image: { assetDirectory: '/elsewhere/asset.1' } })] });
    expect((services(model).web.build as YamlMap).context).toBe('/elsewhere/asset.1');
  });

  test('points a nested Stage\'s Compose file at the top-level assembly\'s assets', () => {
    const model = shopModel({ services: [webService({ image: { assetDirectory: '/cdk.out/asset.1' } })] });
    expect((services(model, { baseName: 'Shop', composeDir: '/cdk.out/assembly-Prod' }).web.build as YamlMap).context).toBe('../asset.1');
  });

  test('takes an image unknown at synth time from a variable with a local default', () => {
    const model = shopModel({ services: [ordersService({ image: { description: 'ECR repository Shop/Repo' } })] });
    expect(services(model).orders.image).toBe('${ORDERS_IMAGE:-orders:local}');
    expect(renderCompose(model, OPTIONS)).toContain("# Image of 'orders' is not known at synth time (ECR repository Shop/Repo): set ORDERS_IMAGE");
  });

  test('keeps command, environment, port, health check, architecture and limits', () => {
    const web = services(shopModel()).web;
    expect(web).toMatchObject({
      platform: 'linux/amd64',
      command: ['node', 'server.js', '--greeting=$$HELLO'],
      environment: { LOG_LEVEL: 'info', ORDERS_URL: 'http://orders:8080' },
      expose: ['8080'],
      healthcheck: {
        test: ['CMD-SHELL', 'curl -f http://localhost:8080/health || exit 1'],
        interval: '30s',
        timeout: '5s',
        retries: 3,
        start_period: '10s',
      },
      cpus: 0.5,
      mem_limit: '1024m',
      read_only: true,
    });
    expect(services(shopModel()).orders).toMatchObject({ platform: 'linux/arm64', cpus: 0.25, mem_limit: '512m' });
  });

  test('sets the <NAME>_URL variables exactly as in AWS', () => {
    expect(services(shopModel()).orders.environment).toEqual({ PAYMENTS_URL: 'http://payments:9090' });
  });

  test('turns connectsTo into depends_on, waiting for health when the target has a health check', () => {
    const all = services(shopModel());
    expect(all.web.depends_on).toEqual({ orders: { condition: 'service_healthy' } });
    expect(all.orders.depends_on).toEqual({ payments: { condition: 'service_started' } });
    expect(all.payments.depends_on).toBeUndefined();
  });

  test('names the secrets env file only on services that read secrets, never a value', () => {
    const all = services(shopModel());
    expect(all.orders.env_file).toEqual(['Shop.secrets.env']);
    expect(all.payments.env_file).toEqual(['Shop.secrets.env']);
    expect(all.web.env_file).toBeUndefined();
    expect(JSON.stringify(all)).not.toMatch(/DB_PASSWORD|API_KEY|\/shop\/prod/);
  });

  test('the env file name follows the base name', () => {
    const all = services(shopModel(), { baseName: 'ShopStack.Shop', composeDir: '/assembly' });
    expect(all.orders.env_file).toEqual(['ShopStack.Shop.secrets.env']);
    expect((all.alb.volumes as string[])[0]).toBe('./ShopStack.Shop.nginx.conf:/etc/nginx/conf.d/default.conf:ro');
  });

  test('the local load balancer is a pinned nginx on localhost that waits for the forward targets', () => {
    expect(services(shopModel()).alb).toEqual({
      image: PROXY_IMAGE,
      ports: ['127.0.0.1:8080:80'],
      volumes: ['./Shop.nginx.conf:/etc/nginx/conf.d/default.conf:ro'],
      depends_on: ['web'],
    });
    expect(PROXY_IMAGE).toMatch(/^nginx:\d+\.\d+\.\d+-alpine$/);
    expect(services(shopModel(), { ...OPTIONS, proxyHostPort: 9000 }).alb.ports).toEqual(['127.0.0.1:9000:80']);
  });

  test('renames the load balancer service when a service is called alb', () => {
    const model = shopModel({ services: [...shopModel().services, ordersService({ serviceName: 'alb', endpoint: 'http://alb:8080', connectsTo: [] })] });
    expect(Object.keys(services(model))).toContain('alb-2');
  });

  test('has no load balancer when the cluster has none', () => {
    expect(Object.keys(services(internalOnlyModel()))).toEqual(['orders', 'payments']);
  });

  test('escapes $ in every value so Compose does not interpolate it', () => {
    const model = shopModel({ services: [ordersService({ environment: { PRICE: '$5 ${HOME}' }, command: ['echo', '$X'] })] });
    expect(services(model).orders).toMatchObject({ environment: { PRICE: '$$5 $${HOME}' }, command: ['echo', '$$X'] });
  });
});

describe('renderCompose', () => {
  test('has no version and no top-level name (docker-compose 1.29 and Compose v2)', () => {
    const yaml = renderCompose(shopModel(), OPTIONS);
    expect(yaml).not.toMatch(/^(version|name):/m);
    expect(yaml).toMatch(/^services:$/m);
  });

  test('is deterministic whatever the order of the model', () => {
    const reversed = shopModel({ services: [...shopModel().services].reverse(), routes: [...shopModel().routes].reverse() });
    expect(renderCompose(reversed, OPTIONS)).toBe(renderCompose(shopModel(), OPTIONS));
  });

  test('explains how to run it and where secrets go', () => {
    const yaml = renderCompose(shopModel(), OPTIONS);
    expect(yaml).toContain('# Run from the directory of this file: docker-compose -f Shop.docker-compose.yml up --build');
    expect(yaml).toContain('# Secrets come from Shop.secrets.env');
    expect(yaml).toContain("# 'alb' (nginx, Shop.nginx.conf) mirrors the load balancer's rules on http://127.0.0.1:8080");
  });
});

describe('acyclicDependencies', () => {
  test('drops the edge that would close a cycle, and says so', () => {
    const model = shopModel({
      services: [ordersService({ connectsTo: ['payments'] }), paymentsService({ connectsTo: ['orders'] })],
    });
    expect(Object.fromEntries(acyclicDependencies(model.services))).toEqual({ orders: ['payments'] });
    expect(renderCompose(model, OPTIONS)).toContain("# 'payments' calls 'orders' but does not depend_on it here");
  });

  test('ignores self references and unknown services', () => {
    expect(acyclicDependencies([ordersService({ connectsTo: ['orders', 'ghost'] })]).size).toBe(0);
  });
});

describe('renderSecretsEnvFile', () => {
  const content = renderSecretsEnvFile(shopModel());

  test('lists every secret name once with an empty value', () => {
    const assignments = content.split('\n').filter((l) => !l.startsWith('#') && l !== '');
    expect(assignments).toEqual(['API_KEY=', 'DB_PASSWORD=']);
    expect(envFileNames(content)).toEqual(new Set(secretNames(shopModel())));
  });

  test('names the SSM parameter each value comes from in AWS, and flags a name shared by different parameters', () => {
    expect(content).toContain('# orders <- SSM /shop/prod/orders/db-password');
    expect(content).toContain('# payments <- SSM /shop/prod/payments/db-password');
    expect(content).toContain('# note: different parameters share the name DB_PASSWORD');
  });
});

describe('helpers', () => {
  test('escapeInterpolation doubles every dollar', () => {
    expect(escapeInterpolation('a$b$$c')).toBe('a$$b$$$$c');
  });

  test('envFileNames reads assignments, ignoring comments', () => {
    expect(envFileNames('# A=1\nB=2\n  export C=3\nnot a line\nD_1=\n')).toEqual(new Set(['B', 'C', 'D_1']));
  });
});
