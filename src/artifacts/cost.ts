/**
 * Monthly baseline cost estimate: what the infrastructure costs while idle at
 * its minimum size, before any traffic-driven charges.
 *
 * `estimateMonthlyCost` takes plain numbers (no ClusterModel) so a benchmark can
 * price other architectures (e.g. aws-ecs-patterns with one ALB per service)
 * with the same table; `costInputFromModel` derives those numbers from a cluster.
 */
import { ArchitectureKind, CapacityKind, ClusterModel, ServiceModel, servicesByName } from './model';
import { FARGATE_SPOT_DISCOUNT, HOURS_PER_MONTH, PRICES_AS_OF, pricesFor, RegionPrices } from '../internal/prices';

/** A group of identical Fargate tasks. */
export interface TaskCostInput {
  /** Shown in the cost line, e.g. the service name. */
  readonly label?: string;
  /** Task CPU in ECS CPU units (1024 = 1 vCPU). */
  readonly cpu: number;
  /** Task memory in MiB. */
  readonly memoryMiB: number;
  readonly architecture: ArchitectureKind;
  /** Number of tasks running all month. */
  readonly count: number;
  /** Fraction of `count` on Fargate Spot, 0–1 (see spotShareFor). Ignored for ARM64: Fargate Spot runs X86_64 only. */
  readonly spotShare: number;
}

/** Everything the baseline estimate prices. Counts are resources running all month. */
export interface CostInput {
  /** AWS Region; prices of DEFAULT_PRICE_REGION are used when undefined or not in the table. */
  readonly region?: string;
  /** Application Load Balancers. */
  readonly albCount: number;
  /** Average load balancer capacity units consumed per ALB. @default 1 */
  readonly lcuPerAlb?: number;
  readonly natGateways: number;
  /** Public IPv4 addresses in use (one per AZ of an internet-facing ALB, one per NAT gateway, any public task IPs). */
  readonly publicIpv4Count: number;
  readonly tasks: TaskCostInput[];
  /** Cloud Map private DNS namespaces; each is a Route 53 private hosted zone. @default 0 */
  readonly cloudMapNamespaces?: number;
  /** Service instances registered in Cloud Map. @default 0 */
  readonly cloudMapInstances?: number;
  /** Public Route 53 hosted zones. @default 0 */
  readonly hostedZones?: number;
}

/** One priced component. */
export interface CostLine {
  readonly component: string;
  /** Human-readable quantity, e.g. `2 tasks × 0.25 vCPU / 0.5 GB`. */
  readonly quantity: string;
  /** Human-readable unit price(s). */
  readonly unitPrice: string;
  /** Rounded to cents. */
  readonly monthlyUsd: number;
}

export interface CostEstimate {
  /** The Region asked for (undefined for an environment-agnostic stack). */
  readonly region?: string;
  /** The Region whose prices were applied. */
  readonly priceRegion: string;
  readonly pricesAsOf: string;
  readonly hoursPerMonth: number;
  readonly lines: CostLine[];
  /** Sum of the rounded lines. */
  readonly totalUsd: number;
  /** Every assumption a reader needs to judge the figures. */
  readonly assumptions: string[];
}

/** Default LCUs per ALB: light, steady traffic (an idle ALB uses less, a busy one more). */
export const DEFAULT_LCU_PER_ALB = 1;

/** AZs assumed for the ALB's public addresses when the cluster uses an imported VPC. */
export const ASSUMED_AZS_OF_IMPORTED_VPC = 2;

/**
 * Estimates the monthly baseline cost of the given resources.
 *
 * @throws when a count is negative or not finite, or a spot share is outside 0–1
 */
export function estimateMonthlyCost(input: CostInput): CostEstimate {
  validateInput(input);
  const { priceRegion, prices, exact } = pricesFor(input.region);
  const lcuPerAlb = input.lcuPerAlb ?? DEFAULT_LCU_PER_ALB;
  const lines: CostLine[] = [
    ...input.tasks.map((t) => fargateLine(t, prices)),
    ...optionalLine(input.albCount, () => albLine(input.albCount, prices)),
    ...optionalLine(input.albCount * lcuPerAlb, () => lcuLine(input.albCount, lcuPerAlb, prices)),
    ...optionalLine(input.natGateways, () => hourlyLine('NAT gateways', input.natGateways, 'gateway', prices.natGatewayHour)),
    ...optionalLine(input.publicIpv4Count, () => hourlyLine('Public IPv4 addresses', input.publicIpv4Count, 'address', prices.publicIpv4Hour, 'addresses')),
    ...optionalLine(input.cloudMapNamespaces ?? 0, () => monthlyLine(
      'Route 53 private hosted zones (Cloud Map namespaces)', input.cloudMapNamespaces ?? 0, 'zone', prices.hostedZoneMonth)),
    ...optionalLine(input.cloudMapInstances ?? 0, () => monthlyLine(
      'Cloud Map registered instances', input.cloudMapInstances ?? 0, 'instance', prices.cloudMapInstanceMonth)),
    ...optionalLine(input.hostedZones ?? 0, () => monthlyLine('Route 53 public hosted zones', input.hostedZones ?? 0, 'zone', prices.hostedZoneMonth)),
  ];
  return {
    region: input.region,
    priceRegion,
    pricesAsOf: PRICES_AS_OF,
    hoursPerMonth: HOURS_PER_MONTH,
    lines,
    totalUsd: roundCents(lines.reduce((sum, l) => sum + l.monthlyUsd, 0)),
    assumptions: assumptionsFor(input, priceRegion, exact, lcuPerAlb),
  };
}

/** `$123.45 / month` (no thousands separator, always two decimals). */
export function formatUsdPerMonth(usd: number): string {
  return `${formatUsd(usd)} / month`;
}

/** `$123.45`. */
export function formatUsd(usd: number): string {
  return `$${roundCents(usd).toFixed(2)}`;
}

/**
 * Fraction of `count` tasks on Fargate Spot for a capacity strategy.
 *
 * SPOT = all tasks; MIXED = one on-demand task (the base) and the rest Spot;
 * ON_DEMAND = none. ARM64 tasks never run on Spot (the library falls back to on-demand).
 */
export function spotShareFor(capacity: CapacityKind, count: number, architecture: ArchitectureKind = 'X86_64'): number {
  if (architecture === 'ARM64' || count <= 0) return 0;
  switch (capacity) {
    case 'SPOT': return 1;
    case 'MIXED': return (count - 1) / count;
    case 'ON_DEMAND': return 0;
  }
}

/** Tasks a service runs at its baseline: the autoscaling minimum, else the desired count, else 1. */
export function baselineTaskCount(service: ServiceModel): number {
  return service.scaling?.minCapacity ?? service.desiredCount ?? 1;
}

/**
 * The cost input of a cluster at its baseline.
 *
 * Services are listed by name. Public IPv4: one per AZ for an internet-facing ALB (2 AZs assumed for an imported VPC)
 * plus one Elastic IP per NAT gateway of a VPC the cluster created. Cloud Map: every task
 * is registered twice (the Cloud Map A record and the Service Connect endpoint).
 *
 * Both registrations are priced. The ECS Developer Guide says ECS "creates the Service Connect
 * endpoints in AWS Cloud Map" (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-connect.html),
 * Cloud Map bills every registered resource (https://aws.amazon.com/cloud-map/pricing/, $0.10 per month), and
 * neither page nor the ECS pricing page (https://aws.amazon.com/ecs/pricing/) exempts the instances ECS
 * registers; "no additional charge" there is about ECS orchestration and the Service Connect feature, not its
 * Cloud Map usage. Checked 2026-11; an over- rather than an underestimate if AWS does not bill them.
 */
export function costInputFromModel(model: ClusterModel): CostInput {
  const natGateways = model.vpc?.natGateways ?? 0;
  const albAzs = model.vpc?.maxAzs ?? ASSUMED_AZS_OF_IMPORTED_VPC;
  const albIps = model.loadBalancer?.internetFacing ? albAzs : 0;
  // Sizes or counts given as CDK tokens are unknown until deploy: such services are left out of the estimate.
  const known = (n: number | undefined) => n === undefined || (Number.isFinite(n) && n >= 0);
  const priced = model.services.filter((s) => known(s.cpu) && known(s.memoryMiB) && known(s.desiredCount) && known(s.scaling?.minCapacity));
  const tasks = servicesByName(priced).map((s) => {
    const count = baselineTaskCount(s);
    return {
      label: s.serviceName,
      cpu: s.cpu,
      memoryMiB: s.memoryMiB,
      architecture: s.architecture,
      count,
      spotShare: spotShareFor(s.capacity, count, s.architecture),
    };
  });
  return {
    region: model.region,
    albCount: model.loadBalancer ? 1 : 0,
    natGateways,
    publicIpv4Count: albIps + natGateways,
    tasks,
    cloudMapNamespaces: 1,
    cloudMapInstances: 2 * tasks.reduce((sum, t) => sum + t.count, 0),
    hostedZones: model.hostedZone ? 1 : 0,
  };
}

function fargateLine(task: TaskCostInput, prices: RegionPrices): CostLine {
  const arm = task.architecture === 'ARM64';
  const vcpu = task.cpu / 1024;
  const gb = task.memoryMiB / 1024;
  const vcpuPrice = arm ? prices.fargateArmVcpuHour : prices.fargateX86VcpuHour;
  const gbPrice = arm ? prices.fargateArmGbHour : prices.fargateX86GbHour;
  const spotShare = arm ? 0 : task.spotShare;
  const priceFactor = 1 - spotShare * FARGATE_SPOT_DISCOUNT;
  const monthly = task.count * HOURS_PER_MONTH * (vcpu * vcpuPrice + gb * gbPrice) * priceFactor;
  return {
    component: task.label === undefined ? 'Fargate tasks' : `Fargate tasks: ${task.label}`,
    quantity: `${plural(task.count, 'task')} × ${formatNumber(vcpu)} vCPU / ${formatNumber(gb)} GB, ${task.architecture}, ${capacityText(task.count, spotShare)}`,
    unitPrice: `${unitPrice(vcpuPrice)} / vCPU-hour, ${unitPrice(gbPrice)} / GB-hour${spotShare > 0 ? `, Spot −${FARGATE_SPOT_DISCOUNT * 100} %` : ''}`,
    monthlyUsd: roundCents(monthly),
  };
}

function albLine(count: number, prices: RegionPrices): CostLine {
  return hourlyLine('Application Load Balancers', count, 'load balancer', prices.albHour);
}

function lcuLine(albCount: number, lcuPerAlb: number, prices: RegionPrices): CostLine {
  const lcus = albCount * lcuPerAlb;
  return {
    component: 'ALB capacity units (LCU)',
    quantity: `${formatNumber(lcus)} LCU (${formatNumber(lcuPerAlb)} per load balancer)`,
    unitPrice: `${unitPrice(prices.albLcuHour)} / LCU-hour`,
    monthlyUsd: roundCents(lcus * prices.albLcuHour * HOURS_PER_MONTH),
  };
}

function hourlyLine(component: string, count: number, unit: string, pricePerHour: number, units?: string): CostLine {
  return {
    component,
    quantity: plural(count, unit, units),
    unitPrice: `${unitPrice(pricePerHour)} / hour`,
    monthlyUsd: roundCents(count * pricePerHour * HOURS_PER_MONTH),
  };
}

function monthlyLine(component: string, count: number, unit: string, pricePerMonth: number): CostLine {
  return {
    component,
    quantity: plural(count, unit),
    unitPrice: `${unitPrice(pricePerMonth)} / month`,
    monthlyUsd: roundCents(count * pricePerMonth),
  };
}

function optionalLine(quantity: number, line: () => CostLine): CostLine[] {
  return quantity > 0 ? [line()] : [];
}

function assumptionsFor(input: CostInput, priceRegion: string, exact: boolean, lcuPerAlb: number): string[] {
  const regionNote = exact
    ? `List prices of ${priceRegion} as of ${PRICES_AS_OF}, in USD, without Savings Plans, free tier or taxes.`
    : `List prices of ${priceRegion} as of ${PRICES_AS_OF} (the stack's Region ${input.region === undefined ? 'is not known at synth time' : `${input.region} is not in the price table`}), in USD, without Savings Plans, free tier or taxes.`;
  return [
    regionNote,
    `${HOURS_PER_MONTH} hours per month; every resource runs all month at its baseline size (autoscaled services at their minimum task count).`,
    `Fargate Spot at the advertised maximum discount of ${FARGATE_SPOT_DISCOUNT * 100} % (the live Spot price varies); ARM64 tasks never run on Spot.`,
    ...(input.albCount > 0 ? [`${formatNumber(lcuPerAlb)} LCU per load balancer on average (light traffic).`] : []),
    'Not included: data transfer, NAT gateway data processing, CloudWatch Logs ingestion and storage, Container Insights metrics, ECR storage, KMS keys and requests, DNS queries.',
  ];
}

function validateInput(input: CostInput): void {
  const problems: string[] = [];
  const counts: Array<[string, number | undefined]> = [
    ['albCount', input.albCount],
    ['lcuPerAlb', input.lcuPerAlb],
    ['natGateways', input.natGateways],
    ['publicIpv4Count', input.publicIpv4Count],
    ['cloudMapNamespaces', input.cloudMapNamespaces],
    ['cloudMapInstances', input.cloudMapInstances],
    ['hostedZones', input.hostedZones],
  ];
  input.tasks.forEach((t, i) => counts.push([`tasks[${i}].cpu`, t.cpu], [`tasks[${i}].memoryMiB`, t.memoryMiB], [`tasks[${i}].count`, t.count]));
  for (const [name, value] of counts) {
    if (value !== undefined && !(Number.isFinite(value) && value >= 0)) {
      problems.push(`${name} must be a finite number ≥ 0, got ${value}`);
    }
  }
  input.tasks.forEach((t, i) => {
    if (!(t.spotShare >= 0 && t.spotShare <= 1)) problems.push(`tasks[${i}].spotShare must be between 0 and 1, got ${t.spotShare}`);
  });
  if (problems.length > 0) {
    throw new Error(`invalid cost estimate input:\n  - ${problems.join('\n  - ')}`);
  }
}

function capacityText(count: number, spotShare: number): string {
  if (spotShare <= 0) return 'on-demand';
  if (spotShare >= 1) return 'Fargate Spot';
  const spot = count * spotShare;
  return `${formatNumber(count - spot)} on-demand + ${formatNumber(spot)} Spot`;
}

function plural(count: number, unit: string, units: string = `${unit}s`): string {
  return `${formatNumber(count)} ${count === 1 ? unit : units}`;
}

function formatNumber(n: number): string {
  return String(Math.round(n * 1000) / 1000);
}

/** A list price with all its digits, at least two decimals: `$0.50`, `$0.04048`. */
function unitPrice(usd: number): string {
  const digits = String(usd).split('.')[1]?.length ?? 0;
  return `$${usd.toFixed(Math.max(2, digits))}`;
}

/** Rounds half up to cents, after removing binary floating-point noise (82.125 stays 82.125, not 82.12499…). */
function roundCents(usd: number): number {
  return Math.round(Number((usd * 100).toPrecision(12))) / 100;
}
