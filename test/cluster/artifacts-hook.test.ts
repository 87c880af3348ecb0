import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack, Stage } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import {
  AutoscaledFargateService,
  DiscoverableService,
  EnvironmentProfile,
  MicroserviceCluster,
  SecretsFromSsm,
} from '../../src';

/**
 * The artifacts end to end: real synthesis of real apps writes the compose
 * file, the secrets env file and the topology report of every cluster into
 * the cloud assembly directory of its Stage.
 */
const ENV = { account: '123456789012', region: 'eu-west-1' };
const IMAGE = ecs.ContainerImage.fromRegistry('public.ecr.aws/acme/app:1.0.0');

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-microservices-artifacts-'));
}

function files(dir: string): string[] {
  return fs.readdirSync(dir).filter((f) => /\.(docker-compose\.yml|topology\.md|secrets\.env)$/.test(f)).sort();
}

/** A cluster with a public web service calling an internal orders service that reads one secret. */
function shop(scope: Stack, profile = EnvironmentProfile.DEVELOPMENT): MicroserviceCluster {
  const cluster = new MicroserviceCluster(scope, 'Shop', { profile });
  const secrets = new SecretsFromSsm(scope, 'Secrets', { parameters: { DB_PASSWORD: '/shop/orders/db-password' } });
  const orders = new DiscoverableService(scope, 'Orders', { cluster, image: IMAGE, secrets, environment: { LOG_LEVEL: 'info' } });
  const web = new AutoscaledFargateService(scope, 'Web', { cluster, image: IMAGE, pathPatterns: ['/*'] });
  web.connectTo(orders);
  return cluster;
}

test('synth writes <clusterId>.docker-compose.yml, .secrets.env and .topology.md into the cloud assembly', () => {
  const outdir = tempDir();
  const app = new App({ outdir });
  shop(new Stack(app, 'ShopStack', { env: ENV }));
  app.synth();

  expect(files(outdir)).toEqual(['Shop.docker-compose.yml', 'Shop.secrets.env', 'Shop.topology.md']);
  const compose = fs.readFileSync(path.join(outdir, 'Shop.docker-compose.yml'), 'utf8');
  expect(compose).toMatch(/^\s{2}orders:/m);
  expect(compose).toMatch(/^\s{2}web:/m);
  expect(compose).toContain('ORDERS_URL');
  expect(compose).toContain('http://orders:8080');
  expect(compose).toContain('Shop.secrets.env');
  expect(compose).not.toMatch(/^name:/m);
  expect(fs.readFileSync(path.join(outdir, 'Shop.secrets.env'), 'utf8')).toMatch(/^DB_PASSWORD=$/m);
  const topology = fs.readFileSync(path.join(outdir, 'Shop.topology.md'), 'utf8');
  expect(topology).toContain('/shop/orders/db-password');
  expect(topology).toContain('ssm:GetParameters');
});

test('the secrets env file is created once and never overwritten', () => {
  const outdir = tempDir();
  const build = () => {
    const app = new App({ outdir });
    shop(new Stack(app, 'ShopStack', { env: ENV }));
    app.synth();
  };
  build();
  const envFile = path.join(outdir, 'Shop.secrets.env');
  fs.writeFileSync(envFile, 'DB_PASSWORD=local-only\n');
  build();
  expect(fs.readFileSync(envFile, 'utf8')).toBe('DB_PASSWORD=local-only\n');
});

test('every cluster of a multi-stack app gets its files; clusters sharing an id get their stack name as a prefix', () => {
  const outdir = tempDir();
  const app = new App({ outdir });
  shop(new Stack(app, 'Blue', { env: ENV }));
  shop(new Stack(app, 'Green', { env: ENV }));
  const other = new Stack(app, 'Admin', { env: ENV });
  new DiscoverableService(other, 'Users', { cluster: new MicroserviceCluster(other, 'Backoffice'), image: IMAGE });
  app.synth();

  expect(files(outdir)).toEqual([
    'Backoffice.docker-compose.yml', 'Backoffice.secrets.env', 'Backoffice.topology.md',
    'Blue.Shop.docker-compose.yml', 'Blue.Shop.secrets.env', 'Blue.Shop.topology.md',
    'Green.Shop.docker-compose.yml', 'Green.Shop.secrets.env', 'Green.Shop.topology.md',
  ]);
});

test('each Stage writes the files of its own clusters into its own assembly directory', () => {
  const outdir = tempDir();
  const app = new App({ outdir });
  for (const name of ['Staging', 'Prod']) {
    const stage = new Stage(app, name, { env: ENV });
    shop(new Stack(stage, 'ShopStack'), name === 'Prod' ? EnvironmentProfile.PRODUCTION : EnvironmentProfile.STAGING);
  }
  const assembly = app.synth();

  for (const name of ['Staging', 'Prod']) {
    const stageDir = assembly.getNestedAssembly(`assembly-${name}`).directory;
    expect(files(stageDir)).toEqual(['Shop.docker-compose.yml', 'Shop.secrets.env', 'Shop.topology.md']);
  }
  expect(files(outdir)).toEqual([]);
});

test('cost figures in the topology report follow the profile', () => {
  const costOf = (profile: EnvironmentProfile) => {
    const outdir = tempDir();
    const app = new App({ outdir });
    shop(new Stack(app, 'ShopStack', { env: ENV }), profile);
    app.synth();
    const topology = fs.readFileSync(path.join(outdir, 'Shop.topology.md'), 'utf8');
    const total = /\*\*Estimated baseline cost\*\* \| \$([\d.]+) \/ month/.exec(topology);
    expect(total).not.toBeNull();
    return Number(total![1]);
  };
  const development = costOf(EnvironmentProfile.DEVELOPMENT);
  const production = costOf(EnvironmentProfile.PRODUCTION);
  expect(development).toBeGreaterThan(0);
  expect(production).toBeGreaterThan(2 * development); // 3 NAT gateways, on-demand tasks, min 2 tasks
});

test('an asset image becomes a build context pointing at the staged asset in the cloud assembly', () => {
  const source = tempDir();
  fs.writeFileSync(path.join(source, 'Dockerfile'), 'FROM public.ecr.aws/docker/library/busybox:1.36\n');
  const outdir = tempDir();
  const app = new App({ outdir });
  const stack = new Stack(app, 'ShopStack', { env: ENV });
  const cluster = new MicroserviceCluster(stack, 'Shop');
  new DiscoverableService(stack, 'Orders', { cluster, image: ecs.ContainerImage.fromAsset(source) });
  app.synth();

  const compose = fs.readFileSync(path.join(outdir, 'Shop.docker-compose.yml'), 'utf8');
  const context = /context: "?(\S+?)"?$/m.exec(compose);
  expect(context).not.toBeNull();
  expect(context![1]).toMatch(/asset\.[0-9a-f]{64}$/);
  expect(fs.existsSync(path.resolve(outdir, context![1], 'Dockerfile'))).toBe(true);
});
