import * as os from 'node:os';
import { BaselineCost } from './cost';
import { LinePair } from './lines';
import { pointAt, ResourceGrowth, SERVICES_PER_STACK, SynthPoint } from './measure';
import { Comparison } from './report';
import { Variant } from './synth';
import { formatUsd } from '../../src/artifacts/cost';

/** Everything measured for one app. */
export interface Measured {
  readonly synth: readonly SynthPoint[];
  readonly growth: ResourceGrowth;
  /** Code lines of the app's one-service file. */
  readonly lines: number;
  /** Baseline cost at N = 10. */
  readonly cost: BaselineCost;
}

/** Lines of the one-service apps (the library's file against each ecs-patterns file). */
export interface LineCounts {
  /** The issue's feature list, shared boilerplate left out. */
  readonly specific: LinePair;
  /** The ecs-patterns file with the library's production defaults, shared boilerplate left out. */
  readonly parity: LinePair;
  /** All code lines of the parity file. */
  readonly parityWholeFile: number;
}

/** The whole run. `library` and `development` are undefined when the library did not synthesize. */
export interface BenchResults {
  readonly library?: Measured;
  readonly ecs: Measured;
  /** Synth time of the ecs-patterns app with the library's production defaults (`bench/apps/ecs-patterns-parity.ts`). */
  readonly paritySynth?: readonly SynthPoint[];
  /** The library's N = 10 environment in the DEVELOPMENT profile. */
  readonly development?: BaselineCost;
  readonly lines: LineCounts;
  readonly libraryError?: string;
  readonly runs: number;
  readonly growthFromPairs: number;
  readonly oneServiceFiles: { readonly [variant in Variant]: string };
  readonly parityFile: string;
  /** The machine's 1-minute load average when the run started and ended. */
  readonly loadAverages: readonly [number, number];
}

/** The rows of the results table, targets included. */
export function comparisons(results: BenchResults, sizes: readonly number[]): Comparison[] {
  const { library, ecs, development, lines, paritySynth } = results;
  const parityRows = (paritySynth ?? []).map((point): Comparison => ({
    metric: `synth time, N = ${point.n} (median), against ecs-patterns with production parity`,
    library: library && pointAt(library.synth, point.n).medianMs,
    ecsPatterns: point.medianMs,
    format: seconds,
  }));
  const row = (metric: string, pick: (m: Measured) => number, format: (v: number) => string, maxRatio?: number, targetText?: string): Comparison =>
    ({ metric, library: library && pick(library), ecsPatterns: pick(ecs), format, maxRatio, targetText });
  return [
    ...sizes.map(n => row(`synth time, N = ${n} (median)`, m => pointAt(m.synth, n).medianMs, seconds, 1, '≤ 1.0')),
    ...parityRows,
    ...sizes.map(n => row(`synth CPU time (user + system), N = ${n} (median)`, m => pointAt(m.synth, n).medianCpuMs, seconds)),
    ...sizes.map(n => row(`peak memory, N = ${n}`, m => pointAt(m.synth, n).rssMiB, v => `${v.toFixed(0)} MiB`)),
    ...sizes.map(n => row(`template bytes, N = ${n}`, m => pointAt(m.synth, n).assembly.bytes, v => `${(v / 1024).toFixed(0)} KiB`)),
    row('resources per public service', m => m.growth.perPublicService, count),
    row('resources per internal service', m => m.growth.perInternalService, count),
    row('resources per service (average)', m => m.growth.perService, count, 1, '≤ 1.0'),
    row('resources without services (network, cluster, shared)', m => m.growth.base, count),
    row('largest N in one stack (500 resources)', m => m.growth.maxN, count),
    row('lines for one production public service, whole file', m => m.lines, count, 1 / 4, '≤ 1/4'),
    {
      metric: '**lines specific to one production public service** (shared boilerplate excluded; judged row)',
      library: library && lines.specific.library,
      ecsPatterns: lines.specific.ecsPatterns,
      format: count,
      maxRatio: 1 / 4,
      targetText: '≤ 1/4',
    },
    {
      metric: 'lines specific to one production public service, production parity',
      library: library && lines.parity.library,
      ecsPatterns: lines.parity.ecsPatterns,
      format: count,
      maxRatio: 1 / 4,
      targetText: '≤ 1/4',
    },
    row('baseline cost N = 10, non-compute, like-for-like', m => m.cost.nonComputeUsd, formatUsd, 1 / 2, '≤ 1/2'),
    row('baseline cost N = 10, total (library PRODUCTION)', m => m.cost.totalUsd, formatUsd),
    {
      metric: 'baseline cost N = 10, total (library DEVELOPMENT)',
      library: development?.totalUsd,
      ecsPatterns: ecs.cost.totalUsd,
      format: formatUsd,
      maxRatio: 1 / 3,
      targetText: '≤ 1/3',
    },
  ];
}

/** How each figure was taken, for the reader of RESULTS.md. */
export function methodNotes(results: BenchResults): string[] {
  const { library, ecs, development, libraryError, runs, growthFromPairs: pairs, lines } = results;
  const both = (describe: (m: Measured) => string): string => `library: ${library ? describe(library) : 'n/a'}; ecs-patterns: ${describe(ecs)}`;
  return [
    ...(libraryError ? [`**The library did not synthesize**, so only ecs-patterns was measured: \`${libraryError.split('\n')[1] ?? libraryError}\``] : []),
    'Apps: N services, half public (path route, env var, one SSM SecureString secret, health check path, CPU autoscaling 2–10, '
      + 'circuit breaker with rollback), half internal (Cloud Map discovery, the same secret and scaling); `web-i` may call `api-i` on 8080. '
      + '`bench/apps/library.ts` uses this library in the PRODUCTION profile; `bench/apps/ecs-patterns.ts` uses ApplicationLoadBalancedFargateService '
      + '(one ALB per public service, so no path route is needed) and FargateService with `cloudMapOptions`. '
      + '`bench/apps/ecs-patterns-parity.ts` is that app with the production defaults the library applies without code, as '
      + `\`${results.parityFile}\` writes them for one service (flow logs, Container Insights, ECS Exec with a cluster log group, `
      + '1-year log groups, Cloud Map names, per ALB dropped invalid headers, deletion protection and access logs to one bucket, '
      + '60 s deregistration delay); only its synth time is measured.',
    'Synth time: wall time of a fresh `node` process that builds the app and calls `app.synth()` into a new temporary directory, '
      + 'loading aws-cdk-lib included. Both apps run as JavaScript transpiled once beforehand, so no TypeScript compilation is timed. '
      + `${runs} runs per app and N, alternating the apps (A B C A B C), after one discarded warm-up run each; `
      + 'the table gives the median, the chart the median with min–max whiskers. '
      + `Load average (1 min) at start and end: ${results.loadAverages.map(l => l.toFixed(2)).join(' and ')} on ${os.cpus().length} cores; `
      + 'other work on the machine stretches wall time, CPU time (user + system, reported by the child) much less.',
    `Stacks: up to N = ${SERVICES_PER_STACK} everything is in one stack; above, both apps put the VPC and cluster in a \`Network\` stack `
      + `and the services in stacks of at most ${SERVICES_PER_STACK}, by hand. Stacks per N (largest stack) — `
      + both(m => m.synth.map(p => `N = ${p.n}: ${p.assembly.stacks.length} (${p.assembly.largestStack} resources)`).join(', ')) + '.',
    'Template bytes: all stack templates as `cdk synth` writes them (indented JSON).',
    `Resources per service: one stack, from ${2 * pairs} services to ${2 * pairs + 1} (one more public) and ${2 * pairs + 2} (one more internal, `
      + 'with the web → api security group rule). What one service adds — public, '
      + both(m => types(m.growth.publicServiceTypes)) + '. Internal, ' + both(m => types(m.growth.internalServiceTypes)) + '.',
    `Largest N in one stack: predicted from the figures above (${both(m => `${m.growth.predictedMaxN}`)}), `
      + 'then checked by synthesizing at that N and N + 2 against CloudFormation\'s 500-resource limit.',
    `Lines: lines holding a TypeScript token (blank and comment lines excluded) of \`${results.oneServiceFiles.library}\` and `
      + `\`${results.oneServiceFiles['ecs-patterns']}\` (the issue's feature list) and \`${results.parityFile}\` (production parity, `
      + `${lines.parityWholeFile} lines whole), each a complete app (imports, stack, network and cluster, secret, service) that the bench also synthesizes. `
      + '"Specific" leaves out the top-level statements both files of a pair have identically (`new App()`, `new Stack(...)`, '
      + '`app.synth()`) and the imports whose every binding the other file imports too '
      + `(${lines.specific.shared.length} statements with the issue's file, ${lines.parity.shared.length} with the parity file); `
      + 'an import with a binding only one side needs counts for that side (the parity file\'s `import { App, Duration, Stack }`).',
    'Cost: monthly baseline at N = 10, priced by the library\'s `estimateMonthlyCost` (`src/artifacts/cost.ts`, prices in `src/internal/prices.ts`) '
      + 'from inputs read the same way from both apps\' templates: ALBs, NAT gateways, public IPv4 addresses (Elastic IPs and one per subnet of an '
      + 'internet-facing ALB), Cloud Map, and each service\'s minimum task count and capacity providers. Non-compute = total without Fargate tasks. '
      + `Like-for-like inputs — ${both(m => costInputs(m.cost))}; library DEVELOPMENT: ${development ? costInputs(development) : 'n/a'}.`,
    ...ecs.cost.assumptions.map(assumption => `Cost assumption: ${assumption}`),
  ];
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

function count(value: number): string {
  return Number.isInteger(value) ? `${value}` : value.toFixed(1);
}

function types(added: { readonly [type: string]: number }): string {
  return Object.entries(added)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([type, n]) => `${n} ${type.replace(/^AWS::/, '')}`)
    .join(', ');
}

function costInputs(cost: BaselineCost): string {
  const { natGateways, albCount, publicIpv4Count } = cost.input;
  return `${plural(natGateways, 'NAT gateway')}, ${plural(albCount, 'ALB')}, ${plural(publicIpv4Count, 'public IPv4 address', 'public IPv4 addresses')}, `
    + `${plural(cost.tasks, 'task')} (${cost.onDemandTasks.toFixed(0)} on-demand)`;
}

function plural(n: number, unit: string, units = `${unit}s`): string {
  return `${n} ${n === 1 ? unit : units}`;
}
