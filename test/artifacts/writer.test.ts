import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  FORBIDDEN_VALUES, internalOnlyModel, ordersService, SERVICES_TEMPLATE, servicesTemplate, SHOP_TEMPLATE, shopModel, shopTemplate, webService,
} from './fixtures';
import { ClusterModel } from '../../src/artifacts/model';
import { writeClusterArtifacts } from '../../src/artifacts/writer';

/** docker-compose 1.29 (Debian) validates offline; CI installs it. */
const composeAvailable = spawnSync('docker-compose', ['version'], { stdio: 'ignore' }).status === 0;
if (!composeAvailable) {
  // eslint-disable-next-line no-console
  console.warn('skipping docker-compose validation: docker-compose is not on PATH (apt-get install docker-compose)');
}

let outdir: string;

beforeEach(() => {
  outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdkms-assembly-'));
  fs.writeFileSync(path.join(outdir, SHOP_TEMPLATE), JSON.stringify(shopTemplate()));
  fs.writeFileSync(path.join(outdir, SERVICES_TEMPLATE), JSON.stringify(servicesTemplate()));
  fs.mkdirSync(path.join(outdir, 'asset.0123abcd'));
});

afterEach(() => {
  fs.rmSync(outdir, { recursive: true, force: true });
});

/** The shop with web's asset staged in the temporary assembly. */
function model(overrides: Partial<ClusterModel> = {}): ClusterModel {
  const base = shopModel();
  const web = webService({ image: { assetDirectory: path.join(outdir, 'asset.0123abcd'), dockerFile: 'Dockerfile.web' } });
  return shopModel({ services: [web, ...base.services.slice(1)], ...overrides });
}

function read(file: string): string {
  return fs.readFileSync(file, 'utf8');
}

function validateWithDockerCompose(composeFile: string): void {
  const result = spawnSync('docker-compose', ['-f', composeFile, 'config', '-q'], { encoding: 'utf8', cwd: path.dirname(composeFile) });
  expect(`${result.status} ${result.stderr}`).toBe('0 ');
}

describe('writeClusterArtifacts', () => {
  test('writes the Compose file, the proxy configuration, the topology report and the secrets env file', () => {
    const files = writeClusterArtifacts({ outdir, baseName: 'Shop', model: model() });
    expect(files).toEqual({
      composeFile: path.join(outdir, 'Shop.docker-compose.yml'),
      secretsEnvFile: path.join(outdir, 'Shop.secrets.env'),
      topologyFile: path.join(outdir, 'Shop.topology.md'),
      proxyConfigFile: path.join(outdir, 'Shop.nginx.conf'),
      secretsEnvFileCreated: true,
      missingSecretNames: [],
    });
    expect(read(files.composeFile)).toContain('env_file: ["Shop.secrets.env"]');
    expect(read(files.composeFile)).toContain('context: "./asset.0123abcd"');
    expect(read(files.topologyFile)).toContain('# Topology of the MicroserviceCluster `Shop`');
  });

  test('reads the templates from the assembly directory', () => {
    const files = writeClusterArtifacts({ outdir, baseName: 'Shop', model: model() });
    expect(read(files.topologyFile)).toContain('| `orders` | tcp 9090 | orders to payments |');
  });

  test('prefixes every file, and the env file the Compose file names, with the base name', () => {
    const files = writeClusterArtifacts({ outdir, baseName: 'ShopStack.Shop', model: model() });
    expect(path.basename(files.composeFile)).toBe('ShopStack.Shop.docker-compose.yml');
    expect(path.basename(files.secretsEnvFile)).toBe('ShopStack.Shop.secrets.env');
    expect(path.basename(files.topologyFile)).toBe('ShopStack.Shop.topology.md');
    expect(read(files.composeFile)).toContain('env_file: ["ShopStack.Shop.secrets.env"]');
    expect(read(files.composeFile)).toContain('"./ShopStack.Shop.nginx.conf:/etc/nginx/conf.d/default.conf:ro"');
  });

  test('creates the secrets env file with every secret name and an empty value, readable by the owner only', () => {
    const files = writeClusterArtifacts({ outdir, baseName: 'Shop', model: model() });
    const assignments = read(files.secretsEnvFile).split('\n').filter((l) => /^\w+=/.test(l));
    expect(assignments).toEqual(['API_KEY=', 'DB_PASSWORD=']);
    expect((fs.statSync(files.secretsEnvFile).mode % 0o1000).toString(8)).toBe('600');
  });

  test('never overwrites the secrets env file, and reports names it lacks', () => {
    const envFile = path.join(outdir, 'Shop.secrets.env');
    fs.writeFileSync(envFile, `DB_PASSWORD=${FORBIDDEN_VALUES[0]}\n`);
    const files = writeClusterArtifacts({ outdir, baseName: 'Shop', model: model() });
    expect(read(envFile)).toBe(`DB_PASSWORD=${FORBIDDEN_VALUES[0]}\n`);
    expect(files.secretsEnvFileCreated).toBe(false);
    expect(files.missingSecretNames).toEqual(['API_KEY']);
  });

  test('never copies a secret value into another artifact', () => {
    fs.writeFileSync(path.join(outdir, 'Shop.secrets.env'), `DB_PASSWORD=${FORBIDDEN_VALUES[0]}\nAPI_KEY=${FORBIDDEN_VALUES[1]}\n`);
    const files = writeClusterArtifacts({ outdir, baseName: 'Shop', model: model() });
    for (const file of [files.composeFile, files.topologyFile, files.proxyConfigFile as string]) {
      for (const value of FORBIDDEN_VALUES) expect(read(file)).not.toContain(value);
    }
  });

  test('writes no proxy configuration for a cluster without a load balancer, and removes a stale one', () => {
    fs.writeFileSync(path.join(outdir, 'Shop.nginx.conf'), 'stale');
    const files = writeClusterArtifacts({ outdir, baseName: 'Shop', model: internalOnlyModel() });
    expect(files.proxyConfigFile).toBeUndefined();
    expect(fs.existsSync(path.join(outdir, 'Shop.nginx.conf'))).toBe(false);
    expect(read(files.composeFile)).not.toContain('nginx');
  });

  test('publishes the local load balancer on the port asked for', () => {
    const files = writeClusterArtifacts({ outdir, baseName: 'Shop', model: model(), proxyHostPort: 9080 });
    expect(read(files.composeFile)).toContain('ports: ["127.0.0.1:9080:80"]');
    expect(read(files.proxyConfigFile as string)).toContain('proxy_set_header X-Forwarded-Port 9080;');
  });

  test('uses templates given in memory instead of reading the directory', () => {
    fs.rmSync(path.join(outdir, SERVICES_TEMPLATE));
    const files = writeClusterArtifacts({
      outdir, baseName: 'Shop', model: model(), templates: { [SHOP_TEMPLATE]: shopTemplate(), [SERVICES_TEMPLATE]: servicesTemplate() },
    });
    expect(read(files.topologyFile)).toContain('orders to payments');
  });

  test('fails clearly when a template the model names is not written yet', () => {
    fs.rmSync(path.join(outdir, SERVICES_TEMPLATE));
    expect(() => writeClusterArtifacts({ outdir, baseName: 'Shop', model: model() }))
      .toThrow(/ServicesStack\.template\.json does not exist; the artifacts must be written after every stack of the cluster was synthesized/);
  });

  describe('docker-compose config', () => {
    const validate = composeAvailable ? test : test.skip;

    validate('accepts the shop', () => {
      validateWithDockerCompose(writeClusterArtifacts({ outdir, baseName: 'Shop', model: model() }).composeFile);
    });

    validate('accepts an internal-only cluster', () => {
      validateWithDockerCompose(writeClusterArtifacts({ outdir, baseName: 'Shop', model: internalOnlyModel() }).composeFile);
    });

    validate('accepts a stack-prefixed base name, a dependency cycle and an image unknown at synth time', () => {
      const cyclic = model({
        services: [
          ordersService({ connectsTo: ['payments'], image: { description: 'ECR repository' } }),
          ordersService({ serviceName: 'payments', endpoint: 'http://payments:8080', connectsTo: ['orders'] }),
        ],
        routes: [],
        loadBalancer: undefined,
      });
      validateWithDockerCompose(writeClusterArtifacts({ outdir, baseName: 'ShopStack.Shop', model: cyclic }).composeFile);
    });
  });
});
