import * as fs from 'node:fs';
import * as path from 'node:path';
import { AssemblySummary, readAssembly } from './assembly';
import { ChildFailure, ChildRun, runChild } from './child';
import { transpileTree } from './transpile';
import { EnvironmentSpec } from '../apps/environment';

/** The two apps under comparison. */
export type Variant = 'library' | 'ecs-patterns';
/** The apps whose synth time is measured: the two compared, and ecs-patterns with the library's production defaults. */
export type SynthVariant = Variant | 'ecs-patterns-parity';

/** The repository root. */
export const ROOT = path.resolve(__dirname, '..', '..');
/** Where the bench apps are transpiled to (git-ignored). */
const JS_ROOT = path.join(ROOT, '.bench-out', 'js');
/** Preloaded into every child to report its peak memory and CPU time. */
const USAGE_PROBE = compiled('bench/harness/usage-probe.ts');

/** Transpiles `src/` and `bench/` once, so no child compiles TypeScript. */
export function compileApps(): void {
  fs.rmSync(JS_ROOT, { recursive: true, force: true });
  transpileTree(ROOT, ['src', 'bench'], JS_ROOT);
}

/** Synthesizes one environment in a fresh process. The caller deletes `outdir`. */
export function synthEnvironment(variant: SynthVariant, spec: EnvironmentSpec): ChildRun {
  const args = ['--variant', variant, '--public', `${spec.publicServices}`, '--internal', `${spec.internalServices}`, '--profile', spec.profile];
  if (spec.servicesPerStack) {
    args.push('--per-stack', `${spec.servicesPerStack}`);
  }
  return runChild(USAGE_PROBE, compiled('bench/synth-app.ts'), args);
}

/** Synthesizes a standalone app (a `.ts` file relative to the root) in a fresh process. */
export function synthScript(file: string): ChildRun {
  return runChild(USAGE_PROBE, compiled(file), []);
}

/** Synthesizes, reads the cloud assembly and deletes it. */
export function synthAndRead(variant: Variant, spec: EnvironmentSpec): AssemblySummary {
  return readAndDelete(synthEnvironment(variant, spec));
}

/** Reads the cloud assembly of a run and deletes it. */
export function readAndDelete(run: ChildRun): AssemblySummary {
  try {
    return readAssembly(run.outdir);
  } finally {
    fs.rmSync(run.outdir, { recursive: true, force: true });
  }
}

/** True when the environment synthesizes into one stack; false when CloudFormation's 500-resource limit stops it. */
export function fitsOneStack(variant: Variant, spec: EnvironmentSpec): boolean {
  try {
    synthAndRead(variant, { ...spec, servicesPerStack: undefined });
    return true;
  } catch (error) {
    if (error instanceof ChildFailure && /is greater than allowed maximum of 500/.test(error.stderr)) {
      return false;
    }
    throw error;
  }
}

function compiled(file: string): string {
  return path.join(JS_ROOT, file.replace(/\.ts$/, '.js'));
}
