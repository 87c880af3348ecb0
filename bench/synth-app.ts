/**
 * Child process of the bench: builds one environment and synthesizes it.
 *
 *   node synth-app.js --variant library|ecs-patterns|ecs-patterns-parity --public 5 --internal 5 [--per-stack 20] [--profile PRODUCTION]
 *
 * The harness sets CDK_OUTDIR (a fresh directory) and CDK_CONTEXT_JSON (the AZs of BENCH_ENV).
 */
import { parseArgs } from 'node:util';
import { App } from 'aws-cdk-lib';
import { EnvironmentSpec } from './apps/environment';

type Builder = (app: App, spec: EnvironmentSpec) => void;

/** Loaded lazily, so that neither side pays for loading the other. */
const BUILDERS: { readonly [variant: string]: () => Promise<Builder> } = {
  'library': async () => (await import('./apps/library.js')).buildLibraryEnvironment,
  'ecs-patterns': async () => (await import('./apps/ecs-patterns.js')).buildEcsPatternsEnvironment,
  'ecs-patterns-parity': async () => (await import('./apps/ecs-patterns-parity.js')).buildEcsPatternsParityEnvironment,
};

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'variant': { type: 'string' },
      'public': { type: 'string' },
      'internal': { type: 'string' },
      'per-stack': { type: 'string' },
      'profile': { type: 'string', default: 'PRODUCTION' },
    },
  });
  const load = BUILDERS[values.variant ?? ''];
  if (!load) {
    throw new Error(`--variant must be one of ${Object.keys(BUILDERS).join(', ')}, got '${values.variant}'`);
  }
  if (values.profile !== 'DEVELOPMENT' && values.profile !== 'PRODUCTION') {
    throw new Error(`--profile must be DEVELOPMENT or PRODUCTION, got '${values.profile}'`);
  }
  const spec: EnvironmentSpec = {
    publicServices: Number(values.public ?? 0),
    internalServices: Number(values.internal ?? 0),
    servicesPerStack: values['per-stack'] ? Number(values['per-stack']) : undefined,
    profile: values.profile,
  };
  const app = new App();
  (await load())(app, spec);
  app.synth();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
