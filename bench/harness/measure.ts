import { addedResourceTypes, AssemblySummary } from './assembly';
import { median } from './stats';
import { fitsOneStack, readAndDelete, synthAndRead, synthEnvironment, SynthVariant, Variant } from './synth';
import { EnvironmentSpec } from '../apps/environment';

/** Services per service stack once an environment is split (the same for both apps). */
export const SERVICES_PER_STACK = 20;

/** N services, half public and half internal, laid out in stacks as a team would. */
export function environmentOf(n: number, profile: EnvironmentSpec['profile'] = 'PRODUCTION'): EnvironmentSpec {
  return {
    publicServices: Math.ceil(n / 2),
    internalServices: Math.floor(n / 2),
    servicesPerStack: n > SERVICES_PER_STACK ? SERVICES_PER_STACK : undefined,
    profile,
  };
}

/** Synth time and memory of one app at one N. */
export interface SynthPoint {
  readonly n: number;
  readonly wallMs: readonly number[];
  readonly medianMs: number;
  /** Median user + system CPU time of the child. */
  readonly medianCpuMs: number;
  /** Median over the runs of each child's peak RSS. */
  readonly rssMiB: number;
  /** The assembly of the first run. */
  readonly assembly: AssemblySummary;
}

/**
 * Synthesizes every app at every N `runs` times in fresh processes, alternating
 * the apps (A B C A B C ...) so drift in the machine's speed hits both alike.
 * One discarded warm-up run per app fills the file system cache first.
 */
export function measureSynth(variants: readonly SynthVariant[], ns: readonly number[], runs: number): Map<SynthVariant, SynthPoint[]> {
  variants.forEach(variant => readAndDelete(synthEnvironment(variant, environmentOf(ns[0]))));
  const results = new Map<SynthVariant, SynthPoint[]>(variants.map(variant => [variant, []]));
  for (const n of ns) {
    const samples: Sample[][] = variants.map(() => []);
    for (let run = 0; run < runs; run++) {
      variants.forEach((variant, i) => samples[i].push(sample(variant, n)));
    }
    variants.forEach((variant, i) => results.get(variant)?.push({
      n,
      wallMs: samples[i].map(s => s.wallMs),
      medianMs: median(samples[i].map(s => s.wallMs)),
      medianCpuMs: median(samples[i].map(s => s.cpuMs)),
      rssMiB: median(samples[i].map(s => s.rssKiB)) / 1024,
      assembly: samples[i][0].assembly,
    }));
  }
  return results;
}

interface Sample {
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly rssKiB: number;
  readonly assembly: AssemblySummary;
}

function sample(variant: SynthVariant, n: number): Sample {
  const child = synthEnvironment(variant, environmentOf(n));
  return { wallMs: child.wallMs, cpuMs: child.cpuMs, rssKiB: child.maxRssKiB, assembly: readAndDelete(child) };
}

/** How an app's resource count grows with services, all in one stack. */
export interface ResourceGrowth {
  /** Resources with no service (network, cluster, shared ALB...), extrapolated back from `startPairs`. */
  readonly base: number;
  readonly perPublicService: number;
  readonly perInternalService: number;
  /** (perPublicService + perInternalService) / 2. */
  readonly perService: number;
  /** What one more public service adds, by CloudFormation type. */
  readonly publicServiceTypes: { readonly [type: string]: number };
  /** What one more internal service adds (with the web → api rule), by CloudFormation type. */
  readonly internalServiceTypes: { readonly [type: string]: number };
  /** Largest N (half public, half internal) that fits one stack, predicted from the figures above... */
  readonly predictedMaxN: number;
  /** ...and found by synthesizing around the prediction. */
  readonly maxN: number;
}

/**
 * Resources added by one more public and one more internal service, from
 * N = 2·startPairs to N + 2 in one stack, and the largest N that fits one stack.
 */
export function measureResources(variant: Variant, startPairs: number): ResourceGrowth {
  const oneStack = (publicServices: number, internalServices: number): AssemblySummary =>
    synthAndRead(variant, { publicServices, internalServices, profile: 'PRODUCTION' });
  const start = oneStack(startPairs, startPairs);
  const onePublicMore = oneStack(startPairs + 1, startPairs);
  const oneInternalMore = oneStack(startPairs + 1, startPairs + 1);
  const perPublicService = onePublicMore.resources - start.resources;
  const perInternalService = oneInternalMore.resources - onePublicMore.resources;
  const perPair = perPublicService + perInternalService;
  const base = start.resources - startPairs * perPair;
  const predictedMaxN = 2 * Math.floor((500 - base) / perPair);

  const fits = (n: number): boolean => fitsOneStack(variant, environmentOf(n));
  let maxN = predictedMaxN;
  while (maxN > 0 && !fits(maxN)) {
    maxN -= 2;
  }
  while (fits(maxN + 2)) {
    maxN += 2;
  }
  return {
    base,
    perPublicService,
    perInternalService,
    perService: perPair / 2,
    publicServiceTypes: addedResourceTypes(start, onePublicMore),
    internalServiceTypes: addedResourceTypes(onePublicMore, oneInternalMore),
    predictedMaxN,
    maxN,
  };
}

/** The measurement at N; throws when N was not measured. */
export function pointAt(points: readonly SynthPoint[], n: number): SynthPoint {
  const point = points.find(p => p.n === n);
  if (!point) {
    throw new Error(`no synth measurement at N = ${n}`);
  }
  return point;
}
