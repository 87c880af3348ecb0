/**
 * `npm run bench`: cdk-microservices against idiomatic aws-ecs-patterns code.
 * Writes bench/RESULTS.md and bench/synth-time.svg and prints PASS/MISS per target.
 * BENCH_RUNS (default 15, about 4 minutes on 2 cores) sets the timed runs per app and N: single runs vary by
 * ± 15 % on a shared machine, so fewer runs let the ratios of the medians wander.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BENCH_ENV } from './apps/environment';
import { synthTimeChart } from './harness/chart';
import { MEMORY_METHOD } from './harness/child';
import { baselineCost } from './harness/cost';
import { explanations } from './harness/explain';
import { countCodeLines, serviceSpecificLines } from './harness/lines';
import { environmentOf, measureResources, measureSynth, pointAt, SynthPoint } from './harness/measure';
import { machineDescription, ratioOf, renderResults, verdictOf } from './harness/report';
import { BenchResults, comparisons, LineCounts, Measured, methodNotes } from './harness/results';
import { compileApps, readAndDelete, ROOT, synthAndRead, synthScript, SynthVariant, Variant } from './harness/synth';

const SIZES = [10, 30, 60];
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
/** Resources per service are measured from N = 2 × GROWTH_FROM_PAIRS to N + 2. */
const GROWTH_FROM_PAIRS = 5;
const ONE_SERVICE_FILES: { readonly [variant in Variant]: string } = {
  'library': 'bench/one-service-library.ts',
  'ecs-patterns': 'bench/one-service-ecs-patterns.ts',
};
/** The ecs-patterns service with the production defaults the library's PRODUCTION profile gives. */
const PARITY_FILE = 'bench/one-service-ecs-patterns-parity.ts';

function main(): void {
  const loadBefore = os.loadavg()[0];
  log('transpiling src/ and bench/ into .bench-out/js (no TypeScript compilation while timing)');
  compileApps();
  const libraryError = failureOf(() => synthAndRead('library', environmentOf(2)));
  if (libraryError) {
    log(`the library does not synthesize, measuring ecs-patterns only:\n${libraryError}`);
  }
  // ecs-patterns with the library's production defaults: how much of the library's synth time those defaults take
  const variants: SynthVariant[] = libraryError ? ['ecs-patterns'] : ['library', 'ecs-patterns', 'ecs-patterns-parity'];

  log(`synth time and memory at N = ${SIZES.join(', ')}: ${RUNS} runs each, alternating ${variants.join(' / ')}`);
  const synth = measureSynth(variants, SIZES, RUNS);
  const results: BenchResults = {
    library: libraryError ? undefined : measure('library', synth.get('library') ?? []),
    ecs: measure('ecs-patterns', synth.get('ecs-patterns') ?? []),
    paritySynth: synth.get('ecs-patterns-parity'),
    development: libraryError ? undefined : baselineCost(synthAndRead('library', environmentOf(10, 'DEVELOPMENT')), BENCH_ENV.region),
    lines: countLines(),
    libraryError,
    runs: RUNS,
    growthFromPairs: GROWTH_FROM_PAIRS,
    oneServiceFiles: ONE_SERVICE_FILES,
    parityFile: PARITY_FILE,
    loadAverages: [loadBefore, os.loadavg()[0]],
  };

  const rows = comparisons(results, SIZES);
  fs.writeFileSync(path.join(ROOT, 'bench', 'RESULTS.md'),
    renderResults(rows, machineDescription(MEMORY_METHOD), methodNotes(results), explanations(results, rows)));
  fs.writeFileSync(path.join(ROOT, 'bench', 'synth-time.svg'), synthTimeChart([
    ...(results.library ? [{ label: 'cdk-microservices', color: '#1f77b4', points: chartPoints(results.library.synth) }] : []),
    { label: 'aws-ecs-patterns', color: '#ff7f0e', points: chartPoints(results.ecs.synth) },
    ...(results.paritySynth ? [{ label: 'ecs-patterns, parity', color: '#2ca02c', points: chartPoints(results.paritySynth) }] : []),
  ]));

  for (const row of rows.filter(r => r.maxRatio !== undefined)) {
    const ratio = ratioOf(row);
    log(`${verdictOf(row).padEnd(4)} ${row.metric.replace(/\*\*/g, '')}: ratio ${ratio === undefined ? 'n/a' : ratio.toFixed(2)} (target ${row.targetText})`);
  }
  log('wrote bench/RESULTS.md and bench/synth-time.svg');
}

function measure(variant: Variant, synth: readonly SynthPoint[]): Measured {
  log(`${variant}: resources per service, largest N in one stack, lines, cost`);
  const file = ONE_SERVICE_FILES[variant];
  readAndDelete(synthScript(file)); // the counted file must be a working app
  return {
    synth,
    growth: measureResources(variant, GROWTH_FROM_PAIRS),
    lines: countCodeLines(path.join(ROOT, file)),
    cost: baselineCost(pointAt(synth, 10).assembly, BENCH_ENV.region),
  };
}

/** Lines of the one-service apps; each must synthesize, so no line counted is dead code. */
function countLines(): LineCounts {
  readAndDelete(synthScript(PARITY_FILE));
  const file = (name: string): string => path.join(ROOT, name);
  return {
    specific: serviceSpecificLines(file(ONE_SERVICE_FILES.library), file(ONE_SERVICE_FILES['ecs-patterns'])),
    parity: serviceSpecificLines(file(ONE_SERVICE_FILES.library), file(PARITY_FILE)),
    parityWholeFile: countCodeLines(file(PARITY_FILE)),
  };
}

function chartPoints(points: readonly SynthPoint[]): { n: number; runsMs: readonly number[]; medianMs: number }[] {
  return points.map(p => ({ n: p.n, runsMs: p.wallMs, medianMs: p.medianMs }));
}

function failureOf(action: () => unknown): string | undefined {
  try {
    action();
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

function log(message: string): void {
  process.stdout.write(`[bench] ${message}\n`);
}

main();
