/**
 * Writes the synth-time artifacts of one cluster into a cloud assembly directory.
 *
 * Call it after every stack of the cluster's Stage has written its template:
 * the topology report is read from those templates.
 */
import * as fs from 'fs';
import * as path from 'path';
import { artifactFileNames, DEFAULT_PROXY_HOST_PORT, envFileNames, renderCompose, renderSecretsEnvFile, secretNames } from './compose';
import { ClusterModel } from './model';
import { needsProxy, renderNginxConfig } from './nginx';
import { loadTemplates, TemplateSet } from './templates';
import { renderTopology } from './topology';

export interface WriteClusterArtifactsOptions {
  /** Cloud assembly directory of the cluster's Stage. */
  readonly outdir: string;
  /** `<clusterId>`, or `<stackName>.<clusterId>` when two clusters of the assembly share an id. */
  readonly baseName: string;
  readonly model: ClusterModel;
  /**
   * The templates to read, by file name relative to `outdir`.
   * @default - every `*.template.json` of `outdir` plus every template the model names
   */
  readonly templates?: TemplateSet;
  /** Host port of the local load balancer (bound to 127.0.0.1). @default 8080 */
  readonly proxyHostPort?: number;
}

export interface ClusterArtifactFiles {
  /** Absolute paths. */
  readonly composeFile: string;
  readonly secretsEnvFile: string;
  readonly topologyFile: string;
  /** The nginx configuration of the local load balancer; undefined when the cluster has none. */
  readonly proxyConfigFile?: string;
  /** True when this call created the secrets env file (it is never overwritten). */
  readonly secretsEnvFileCreated: boolean;
  /** Secret names the existing secrets env file does not define (added to the cluster after it was created). */
  readonly missingSecretNames: string[];
}

/**
 * Writes `<baseName>.docker-compose.yml`, `<baseName>.nginx.conf` (when the
 * cluster has a load balancer), `<baseName>.topology.md`, and creates
 * `<baseName>.secrets.env` only when it does not exist.
 */
export function writeClusterArtifacts(options: WriteClusterArtifactsOptions): ClusterArtifactFiles {
  const { outdir, baseName, model } = options;
  const names = artifactFileNames(baseName);
  const file = (name: string): string => path.join(outdir, name);
  const templates = options.templates ?? loadTemplates(outdir, model);
  const proxyHostPort = options.proxyHostPort ?? DEFAULT_PROXY_HOST_PORT;

  fs.mkdirSync(outdir, { recursive: true });
  fs.writeFileSync(file(names.compose), renderCompose(model, { baseName, composeDir: outdir, proxyHostPort }));
  const proxyConfigFile = needsProxy(model) ? file(names.proxyConfig) : undefined;
  if (proxyConfigFile !== undefined) {
    fs.writeFileSync(proxyConfigFile, renderNginxConfig(model, { publishedPort: proxyHostPort }));
  } else {
    // generated earlier, when the cluster still had a load balancer
    fs.rmSync(file(names.proxyConfig), { force: true });
  }
  fs.writeFileSync(file(names.topology), renderTopology(model, templates, { baseName }));
  const secrets = ensureSecretsEnvFile(file(names.secretsEnv), model);

  return {
    composeFile: file(names.compose),
    secretsEnvFile: file(names.secretsEnv),
    topologyFile: file(names.topology),
    proxyConfigFile,
    ...secrets,
  };
}

/**
 * Creates the secrets env file unless it exists; never overwrites it, never
 * writes a value. Created with owner-only permissions (it will hold secrets).
 */
function ensureSecretsEnvFile(envFile: string, model: ClusterModel): { secretsEnvFileCreated: boolean; missingSecretNames: string[] } {
  try {
    // 'wx': fails when the file exists, so a developer's values are never replaced
    fs.writeFileSync(envFile, renderSecretsEnvFile(model), { flag: 'wx', mode: 0o600 });
    return { secretsEnvFileCreated: true, missingSecretNames: [] };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const defined = envFileNames(fs.readFileSync(envFile, 'utf8'));
  return { secretsEnvFileCreated: false, missingSecretNames: secretNames(model).filter((n) => !defined.has(n)) };
}
