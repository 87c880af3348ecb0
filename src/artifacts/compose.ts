/**
 * `<baseName>.docker-compose.yml`: the cluster's services for local runs.
 *
 * Compose service names are the Service Connect aliases, so `http://orders:8080`
 * resolves the same way locally as in AWS. Secrets are never written: services
 * that read secrets name the env file `<baseName>.secrets.env` (created once,
 * with empty values, by the writer). When the cluster has a load balancer, an
 * nginx service published on localhost mirrors its listener rules (see nginx.ts).
 *
 * The file has no `version:` and no top-level `name:`, the form Compose v2 and
 * `docker-compose` 1.27+ (Debian's 1.29) both accept. Every string is escaped
 * for Compose interpolation (`$` → `$$`), so values reach containers verbatim.
 */
import * as path from 'path';
import { ClusterModel, ServiceModel, servicesByName } from './model';
import { needsProxy, PROXY_CONFIG_MOUNT, PROXY_CONTAINER_PORT, PROXY_IMAGE } from './nginx';
import { routesInPriorityOrder } from './routes';
import { toYaml, YamlMap, YamlValue } from './yaml';
import { screamingSnakeCase } from '../internal/naming';

/** Host port the proxy is published on by default. */
export const DEFAULT_PROXY_HOST_PORT = 8080;

/** Name of the proxy service, unless a service of the cluster already uses it. */
export const PROXY_SERVICE_NAME = 'alb';

export interface ComposeOptions {
  /** `<clusterId>` or `<stackName>.<clusterId>`: prefix of every artifact file name. */
  readonly baseName: string;
  /**
   * Directory the Compose file is written to (the cloud assembly directory).
   * Asset build contexts inside it are written as relative paths.
   * @default - asset directories are written as given
   */
  readonly composeDir?: string;
  /** Host port of the local load balancer, bound to 127.0.0.1. @default 8080 */
  readonly proxyHostPort?: number;
}

/** Names of the files a Compose file refers to, relative to its directory. */
export interface ArtifactFileNames {
  readonly compose: string;
  readonly secretsEnv: string;
  readonly proxyConfig: string;
  readonly topology: string;
}

/** File names of the artifacts of `baseName`. */
export function artifactFileNames(baseName: string): ArtifactFileNames {
  return {
    compose: `${baseName}.docker-compose.yml`,
    secretsEnv: `${baseName}.secrets.env`,
    proxyConfig: `${baseName}.nginx.conf`,
    topology: `${baseName}.topology.md`,
  };
}

/** Renders the Compose file: a comment header and the document of composeDocument. */
export function renderCompose(model: ClusterModel, options: ComposeOptions): string {
  return header(model, options) + toYaml(composeDocument(model, options));
}

/**
 * The Compose document: one service per ECS service (sorted by name), then the
 * local load balancer when the cluster has one.
 */
export function composeDocument(model: ClusterModel, options: ComposeOptions): YamlMap {
  const files = artifactFileNames(options.baseName);
  const byName = new Map(model.services.map((s) => [s.serviceName, s]));
  const dependsOn = acyclicDependencies(model.services);
  const services: { [name: string]: YamlValue } = {};
  for (const service of servicesByName(model.services)) {
    services[service.serviceName] = composeService(service, {
      envFile: service.secrets.length > 0 ? files.secretsEnv : undefined,
      buildContext: service.image.assetDirectory === undefined ? undefined : relativeBuildContext(service.image.assetDirectory, options.composeDir),
      dependsOn: (dependsOn.get(service.serviceName) ?? []).map((name) => [name, byName.get(name)?.healthCheck !== undefined] as const),
    });
  }
  const proxyName = proxyServiceName(model);
  if (proxyName !== undefined) {
    services[proxyName] = proxyService(model, files.proxyConfig, options.proxyHostPort ?? DEFAULT_PROXY_HOST_PORT);
  }
  return { services };
}

/**
 * Renders the secrets env file: every secret's environment name with an empty
 * value, sorted, each preceded by a comment naming the SSM parameter(s) it comes
 * from in AWS. Never a value.
 */
export function renderSecretsEnvFile(model: ClusterModel): string {
  const sources = new Map<string, Array<{ serviceName: string; parameter: string }>>();
  for (const service of servicesByName(model.services)) {
    for (const secret of service.secrets) {
      const list = sources.get(secret.environmentName) ?? [];
      list.push({ serviceName: service.serviceName, parameter: secret.parameter });
      sources.set(secret.environmentName, list);
    }
  }
  const lines = [
    `# Secrets of the MicroserviceCluster at '${model.constructPath}' for docker-compose runs.`,
    '# cdk synth created this file once and never overwrites it: put local values here, and never commit it.',
    '# In AWS, ECS injects each variable from the SSM parameter named above it; every service with secrets',
    '# receives this whole file locally.',
  ];
  for (const name of [...sources.keys()].sort()) {
    const from = sources.get(name) ?? [];
    lines.push('', ...from.map((f) => `# ${f.serviceName} <- SSM ${f.parameter}`));
    if (new Set(from.map((f) => f.parameter)).size > 1) lines.push(`# note: different parameters share the name ${name}; locally one value serves all of them`);
    lines.push(`${name}=`);
  }
  return `${lines.map((l) => l.replace(/[\r\n]+/g, ' ')).join('\n')}\n`;
}

/** Variable names an env file defines (`NAME=...` lines; comments and blank lines ignored). */
export function envFileNames(content: string): Set<string> {
  const names = new Set<string>();
  for (const line of content.split(/\r?\n/)) {
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=/.exec(line);
    if (match) names.add(match[1]);
  }
  return names;
}

/** Every secret environment name of the cluster, sorted and unique. */
export function secretNames(model: ClusterModel): string[] {
  return [...new Set(model.services.flatMap((s) => s.secrets.map((x) => x.environmentName)))].sort();
}

/** Name of the local load balancer service, or undefined when the cluster has no load balancer. */
export function proxyServiceName(model: ClusterModel): string | undefined {
  if (!needsProxy(model)) return undefined;
  const taken = new Set(model.services.map((s) => s.serviceName));
  let name = PROXY_SERVICE_NAME;
  for (let i = 2; taken.has(name); i++) name = `${PROXY_SERVICE_NAME}-${i}`;
  return name;
}

/**
 * The `depends_on` edges: every `connectsTo`, except edges that would close a
 * cycle (two services may call each other in AWS, Compose cannot start a cycle).
 * Edges are considered in sorted order, so the result is deterministic.
 */
export function acyclicDependencies(services: ServiceModel[]): Map<string, string[]> {
  const known = new Set(services.map((s) => s.serviceName));
  const edges = new Map<string, string[]>();
  for (const service of servicesByName(services)) {
    for (const target of [...new Set(service.connectsTo)].sort()) {
      if (!known.has(target) || target === service.serviceName || reaches(edges, target, service.serviceName)) continue;
      edges.set(service.serviceName, [...(edges.get(service.serviceName) ?? []), target]);
    }
  }
  return edges;
}

/** Escapes a string for Compose variable interpolation. */
export function escapeInterpolation(value: string): string {
  return value.replace(/\$/g, '$$$$');
}

interface ServiceWiring {
  readonly envFile?: string;
  readonly buildContext?: string;
  /** [serviceName, has a health check]. */
  readonly dependsOn: ReadonlyArray<readonly [string, boolean]>;
}

function composeService(service: ServiceModel, wiring: ServiceWiring): YamlMap {
  const env = service.environment;
  return {
    ...imageEntries(service, wiring.buildContext),
    platform: service.architecture === 'ARM64' ? 'linux/arm64' : 'linux/amd64',
    command: service.command?.map(escapeInterpolation),
    environment: Object.keys(env).length === 0
      ? undefined
      : Object.fromEntries(Object.keys(env).sort().map((k) => [k, escapeInterpolation(env[k])])),
    env_file: wiring.envFile === undefined ? undefined : [wiring.envFile],
    expose: [String(service.port)],
    healthcheck: service.healthCheck === undefined ? undefined : {
      test: service.healthCheck.command.map(escapeInterpolation),
      interval: `${service.healthCheck.intervalSeconds}s`,
      timeout: `${service.healthCheck.timeoutSeconds}s`,
      retries: service.healthCheck.retries,
      start_period: `${service.healthCheck.startPeriodSeconds}s`,
    },
    cpus: service.cpu / 1024,
    mem_limit: `${service.memoryMiB}m`,
    read_only: service.readonlyRootFilesystem ? true : undefined,
    depends_on: wiring.dependsOn.length === 0 ? undefined : Object.fromEntries(wiring.dependsOn.map(([name, healthy]) =>
      [name, { condition: healthy ? 'service_healthy' : 'service_started' }])),
  };
}

function imageEntries(service: ServiceModel, buildContext: string | undefined): YamlMap {
  const image = service.image;
  if (image.registryName !== undefined) {
    return { image: escapeInterpolation(image.registryName) };
  }
  if (buildContext !== undefined) {
    const args = image.buildArgs ?? {};
    return {
      build: {
        context: escapeInterpolation(buildContext),
        dockerfile: escapeInterpolation(image.dockerFile ?? 'Dockerfile'),
        args: Object.keys(args).length === 0
          ? undefined
          : Object.fromEntries(Object.keys(args).sort().map((k) => [k, escapeInterpolation(args[k])])),
      },
    };
  }
  // Not known at synth time (e.g. an ECR repository token): taken from the environment.
  return { image: `\${${imageVariable(service)}:-${service.serviceName}:local}` };
}

/** Variable that supplies the image of a service whose image is not known at synth time. */
export function imageVariable(service: ServiceModel): string {
  return `${screamingSnakeCase(service.serviceName)}_IMAGE`;
}

function proxyService(model: ClusterModel, configFile: string, hostPort: number): YamlMap {
  const forwarded = new Set<string>();
  for (const route of routesInPriorityOrder(model.routes)) {
    if (route.action.kind === 'forward') forwarded.add(route.action.serviceName);
  }
  const known = new Set(model.services.map((s) => s.serviceName));
  const targets = [...forwarded].filter((n) => known.has(n)).sort();
  return {
    image: PROXY_IMAGE,
    ports: [`127.0.0.1:${hostPort}:${PROXY_CONTAINER_PORT}`],
    volumes: [`./${escapeInterpolation(configFile)}:${PROXY_CONFIG_MOUNT}:ro`],
    depends_on: targets.length === 0 ? undefined : targets,
  };
}

/**
 * A build context relative to the Compose file when the asset is staged in its
 * directory (`./asset.x`) or in the parent one (`../asset.x`: a nested Stage's
 * assembly, whose assets live in the top-level assembly), so the cloud assembly
 * can be moved; otherwise the path as given.
 */
function relativeBuildContext(assetDirectory: string, composeDir: string | undefined): string {
  if (composeDir === undefined || !path.isAbsolute(assetDirectory)) return assetDirectory;
  const relative = path.relative(composeDir, assetDirectory);
  if (path.isAbsolute(relative)) return assetDirectory;
  const posix = relative.split(path.sep).join('/');
  if (!posix.startsWith('..')) return `./${posix}`;
  return /^\.\.\/[^/]+$/.test(posix) ? posix : assetDirectory;
}

function header(model: ClusterModel, options: ComposeOptions): string {
  const files = artifactFileNames(options.baseName);
  const proxyName = proxyServiceName(model);
  const dropped = droppedEdges(model.services, acyclicDependencies(model.services));
  const unknownImages = model.services.filter((s) => s.image.registryName === undefined && s.image.assetDirectory === undefined);
  const lines = [
    `Generated by cdk-microservices from the MicroserviceCluster at '${model.constructPath}'. Do not edit: cdk synth rewrites it.`,
    `Run from the directory of this file: docker-compose -f ${files.compose} up --build`,
    'Service names are the Service Connect aliases (http://<service>:<port>), as in AWS; no service port is published.',
    ...(model.services.some((s) => s.secrets.length > 0)
      ? [`Secrets come from ${files.secretsEnv} (created once with empty values, never overwritten): fill it in, never commit it.`]
      : []),
    ...(proxyName === undefined ? [] : [
      `'${proxyName}' (nginx, ${files.proxyConfig}) mirrors the load balancer's rules on http://127.0.0.1:${options.proxyHostPort ?? DEFAULT_PROXY_HOST_PORT}`
      + ' (plain HTTP; Lambda targets answer 501).',
    ]),
    ...unknownImages.map((s) => `Image of '${s.serviceName}' is not known at synth time (${s.image.description ?? 'no registry name or asset'}): set ${imageVariable(s)} or tag one as ${s.serviceName}:local.`),
    ...dropped.map(([from, to]) => `'${from}' calls '${to}' but does not depend_on it here: Compose cannot start a dependency cycle.`),
  ];
  return lines.map((l) => `# ${l.replace(/[\r\n]+/g, ' ')}\n`).join('');
}

function droppedEdges(services: ServiceModel[], kept: Map<string, string[]>): Array<[string, string]> {
  const known = new Set(services.map((s) => s.serviceName));
  const dropped: Array<[string, string]> = [];
  for (const service of servicesByName(services)) {
    for (const target of [...new Set(service.connectsTo)].sort()) {
      if (known.has(target) && target !== service.serviceName && !(kept.get(service.serviceName) ?? []).includes(target)) {
        dropped.push([service.serviceName, target]);
      }
    }
  }
  return dropped;
}

function reaches(edges: Map<string, string[]>, from: string, to: string): boolean {
  const seen = new Set<string>();
  const stack = [from];
  while (stack.length > 0) {
    const current = stack.pop() as string;
    if (current === to) return true;
    if (seen.has(current)) continue;
    seen.add(current);
    stack.push(...(edges.get(current) ?? []));
  }
  return false;
}
