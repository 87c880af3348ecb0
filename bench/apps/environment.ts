import { App, Stack } from 'aws-cdk-lib';

/** Account and Region of every bench stack (PRODUCTION needs an explicit env). */
export const BENCH_ENV = { account: '123456789012', region: 'us-east-1' };

/** Availability zones of BENCH_ENV, given as context so synthesis needs no AWS lookup. */
export const BENCH_CONTEXT = {
  [`availability-zones:account=${BENCH_ENV.account}:region=${BENCH_ENV.region}`]: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
};

/** What one bench environment contains. Service i of each kind shares a stack; web i calls api i. */
export interface EnvironmentSpec {
  /** Public web services (`web-0`, `web-1`, ...), each with a path route. */
  readonly publicServices: number;
  /** Internal services (`api-0`, `api-1`, ...), each reachable from `web-i` on 8080. */
  readonly internalServices: number;
  /**
   * At most this many services per service stack, beside a network/cluster stack.
   * Undefined: everything in one stack.
   */
  readonly servicesPerStack?: number;
  /** Library profile (ignored by the ecs-patterns app). */
  readonly profile: 'DEVELOPMENT' | 'PRODUCTION';
}

/** The stacks of one environment, laid out by hand as a team would. */
export class StackLayout {
  /** Holds the network and the cluster. */
  public readonly base: Stack;
  private readonly serviceStacks: Stack[] = [];

  constructor(private readonly app: App, private readonly spec: EnvironmentSpec) {
    this.base = new Stack(app, spec.servicesPerStack ? 'Network' : 'Shop', { env: BENCH_ENV });
  }

  /** The stack of service pair `index` (web-index and api-index). */
  public stackFor(index: number): Stack {
    if (!this.spec.servicesPerStack) {
      return this.base;
    }
    const pairsPerStack = Math.max(1, Math.floor(this.spec.servicesPerStack / 2));
    const stackIndex = Math.floor(index / pairsPerStack);
    this.serviceStacks[stackIndex] ??= new Stack(this.app, `Services${stackIndex}`, { env: BENCH_ENV });
    return this.serviceStacks[stackIndex];
  }
}

/** Number of service pairs (a pair may lack one of its two services). */
export function pairCount(spec: EnvironmentSpec): number {
  return Math.max(spec.publicServices, spec.internalServices);
}
