/**
 * Checks used by test/package/consumer-test.sh (run with ts-node, outside jest):
 *
 *   verify.ts tarball <tarball.tgz> <extract-dir>
 *     the packed npm tarball holds only what a consumer needs, with the right
 *     main/types, peer dependencies and jsii assembly.
 *   verify.ts assembly <cdk.out> <stack-name> <cluster-id>
 *     a consumer app synthesized two services, and the library's synth-time
 *     artifacts (docker-compose, topology, secrets env) are in its cloud assembly.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const problems: string[] = [];
function check(ok: boolean, message: string): void {
  if (!ok) {
    problems.push(message);
  }
}

function readJson(file: string): Record<string, unknown> {
  const parsed: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error(`${file}: not a JSON object`);
  }
  return parsed as Record<string, unknown>;
}

function objectAt(value: unknown, key: string): Record<string, unknown> {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const child = (value as Record<string, unknown>)[key];
    if (typeof child === 'object' && child !== null && !Array.isArray(child)) {
      return child as Record<string, unknown>;
    }
  }
  return {};
}

/** Files a consumer may receive: compiled code, declarations, the jsii assembly and the package's own docs. */
const ALLOWED_FILES = [
  /^package\.json$/,
  /^README\.md$/,
  /^LICENSE$/,
  /^NOTICE$/,
  /^API\.md$/,
  /^\.jsii$/,
  /^lib\/.+\.(js|d\.ts)$/,
];
/** Public API the assembly must declare (DESIGN.md). */
const PUBLIC_TYPES = [
  'MicroserviceCluster',
  'MicroserviceClusterProps',
  'DiscoverableService',
  'DiscoverableServiceProps',
  'AutoscaledFargateService',
  'AutoscaledFargateServiceProps',
  'SecretsFromSsm',
  'SecretsFromSsmProps',
  'EnvironmentProfile',
  'CapacityStrategy',
];

function verifyTarball(tarball: string, extractDir: string): void {
  const files = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' })
    .split('\n').filter((f) => f && !f.endsWith('/')).map((f) => f.replace(/^package\//, ''));
  const unexpected = files.filter((f) => !ALLOWED_FILES.some((re) => re.test(f)));
  const byDir = new Map<string, number>();
  for (const f of unexpected) {
    const dir = f.includes('/') ? `${f.split('/')[0]}/` : f;
    byDir.set(dir, (byDir.get(dir) ?? 0) + 1);
  }
  check(unexpected.length === 0, 'the tarball ships files a consumer does not need (exclude them in .projenrc.ts: project.npmignore): '
    + [...byDir].map(([dir, n]) => `${dir} (${n})`).join(', '));
  check(!files.some((f) => f.startsWith('lib/') && f.endsWith('.ts') && !f.endsWith('.d.ts')), 'the tarball ships TypeScript sources');

  fs.mkdirSync(extractDir, { recursive: true });
  execFileSync('tar', ['-xzf', tarball, '-C', extractDir]);
  const pkgDir = path.join(extractDir, 'package');
  const pkg = readJson(path.join(pkgDir, 'package.json'));
  for (const field of ['main', 'types']) {
    const file = pkg[field];
    check(typeof file === 'string' && fs.existsSync(path.join(pkgDir, file)), `package.json "${field}" (${String(file)}) is not in the tarball`);
  }
  const peers = objectAt(pkg, 'peerDependencies');
  const deps = objectAt(pkg, 'dependencies');
  for (const name of ['aws-cdk-lib', 'constructs']) {
    check(typeof peers[name] === 'string', `${name} is not a peer dependency`);
    check(deps[name] === undefined, `${name} is a regular dependency: consumers would get a second copy (it must be a peer dependency only)`);
  }
  check(Object.keys(deps).length === 0, `unexpected runtime dependencies: ${Object.keys(deps).join(', ')}`);

  const jsiiFile = path.join(pkgDir, '.jsii');
  check(fs.existsSync(jsiiFile), 'the tarball has no .jsii assembly');
  if (fs.existsSync(jsiiFile)) {
    const assembly = readJson(jsiiFile);
    check(assembly.name === pkg.name && assembly.version === pkg.version, '.jsii name/version differ from package.json');
    const targets = objectAt(assembly, 'targets');
    for (const target of ['python', 'java', 'go']) {
      check(targets[target] !== undefined, `.jsii declares no ${target} target`);
    }
    const types = objectAt(assembly, 'types');
    for (const name of PUBLIC_TYPES) {
      check(types[`${String(pkg.name)}.${name}`] !== undefined, `.jsii does not declare ${name}`);
    }
  }
  console.log(`tarball: ${files.length} files, main/types/peers/.jsii OK`);
}

interface CfnResource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
}

function verifyAssembly(outdir: string, stackName: string, clusterId: string): void {
  const manifest = readJson(path.join(outdir, 'manifest.json'));
  const artifacts = objectAt(manifest, 'artifacts');
  const stack = objectAt(artifacts, stackName);
  check(stack.type === 'aws:cloudformation:stack', `stack ${stackName} is not in the cloud assembly`);
  for (const [id, artifact] of Object.entries(artifacts)) {
    for (const entries of Object.values(objectAt(artifact, 'metadata'))) {
      for (const entry of Array.isArray(entries) ? entries as Array<Record<string, unknown>> : []) {
        check(entry.type !== 'aws:cdk:error', `${id}: synth error ${String(entry.data)}`);
      }
    }
  }

  const template = readJson(path.join(outdir, `${stackName}.template.json`));
  const resources = Object.values(objectAt(template, 'Resources')) as CfnResource[];
  const count = (type: string) => resources.filter((r) => r.Type === type).length;
  check(count('AWS::ECS::Service') === 2, `expected 2 ECS services, found ${count('AWS::ECS::Service')}`);
  check(count('AWS::ElasticLoadBalancingV2::LoadBalancer') === 1, 'expected one shared load balancer');
  check(count('AWS::ServiceDiscovery::PrivateDnsNamespace') === 1, 'expected one Cloud Map namespace');
  const containers = resources.filter((r) => r.Type === 'AWS::ECS::TaskDefinition')
    .flatMap((r) => (r.Properties?.ContainerDefinitions ?? []) as Array<Record<string, unknown>>);
  const text = JSON.stringify(containers);
  check(text.includes('"ORDERS_URL"') && text.includes('http://orders:8080'), 'web has no ORDERS_URL=http://orders:8080');
  check(text.includes('"DB_PASSWORD"') && text.includes('ValueFrom'), 'orders has no DB_PASSWORD secret');

  const artifactFiles = {
    compose: `${clusterId}.docker-compose.yml`,
    topology: `${clusterId}.topology.md`,
    secrets: `${clusterId}.secrets.env`,
  };
  for (const file of Object.values(artifactFiles)) {
    const full = path.join(outdir, file);
    check(fs.existsSync(full) && fs.statSync(full).size > 0, `${file} is missing from ${outdir}`);
  }
  const read = (file: string) => fs.existsSync(path.join(outdir, file)) ? fs.readFileSync(path.join(outdir, file), 'utf8') : '';
  const compose = read(artifactFiles.compose);
  check(/^\s+orders:/m.test(compose) && /^\s+web:/m.test(compose), 'the compose file does not define the services orders and web');
  check(/^DB_PASSWORD=\s*$/m.test(read(artifactFiles.secrets)), 'the secrets env file does not list DB_PASSWORD with an empty value');
  check(read(artifactFiles.topology).includes('orders'), 'the topology report does not mention orders');
  console.log(`assembly: ${resources.length} resources in ${stackName}; artifacts ${Object.values(artifactFiles).join(', ')} OK`);
}

const [command, ...args] = process.argv.slice(2);
if (command === 'tarball' && args.length === 2) {
  verifyTarball(args[0], args[1]);
} else if (command === 'assembly' && args.length === 3) {
  verifyAssembly(args[0], args[1], args[2]);
} else {
  console.error('usage: verify.ts tarball <tarball.tgz> <extract-dir> | assembly <cdk.out> <stack-name> <cluster-id>');
  process.exit(2);
}
if (problems.length > 0) {
  console.error(`FAILED (${command}):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  process.exit(1);
}
