/**
 * The one price table of the library: on-demand list prices, in USD, used by
 * the monthly baseline cost estimate of the topology report (and the bench).
 *
 * Leaf module: imports nothing of ours.
 *
 * Sources (list prices, Linux, no Savings Plans or free tier):
 * - Fargate:        https://aws.amazon.com/fargate/pricing/
 * - Fargate Spot:   https://aws.amazon.com/fargate/pricing/ ("up to a 70% discount off the regular Fargate price")
 * - ALB:            https://aws.amazon.com/elasticloadbalancing/pricing/
 * - NAT gateway:    https://aws.amazon.com/vpc/pricing/
 * - Public IPv4:    https://aws.amazon.com/vpc/pricing/ ("$0.005 per IP per hour", since 2024-02-01)
 * - Cloud Map:      https://aws.amazon.com/cloud-map/pricing/
 * - Route 53:       https://aws.amazon.com/route53/pricing/ (first 25 hosted zones)
 * Cross-checked against the AWS Price List API usage types (`USE1-`/`EU-Fargate-vCPU-Hours:perCPU`,
 * `...-Fargate-ARM-...`, `...-LoadBalancerUsage`, `...-LCUUsage`, `...-NatGateway-Hours`,
 * `...-PublicIPv4:InUseAddress`).
 *
 * Update PRICES_AS_OF whenever a number below changes.
 */

/** Date on which the numbers below were last checked against the sources above. */
export const PRICES_AS_OF = '2026-06-30';

/** Hours in a billing month, as AWS's own calculator counts them (365 × 24 / 12). */
export const HOURS_PER_MONTH = 730;

/**
 * Fargate Spot discount off the on-demand Fargate price.
 *
 * AWS publishes Spot prices that move with supply and demand, "up to 70 %" below
 * on-demand; the estimate uses that advertised figure, so Spot lines are a lower bound.
 * Fargate Spot runs Linux/X86_64 tasks only.
 */
export const FARGATE_SPOT_DISCOUNT = 0.7;

/** List prices of one AWS Region. */
export interface RegionPrices {
  /** Fargate Linux/X86_64, per vCPU-hour. */
  readonly fargateX86VcpuHour: number;
  /** Fargate Linux/X86_64, per GB-hour of memory. */
  readonly fargateX86GbHour: number;
  /** Fargate Linux/ARM64 (Graviton), per vCPU-hour. */
  readonly fargateArmVcpuHour: number;
  /** Fargate Linux/ARM64 (Graviton), per GB-hour of memory. */
  readonly fargateArmGbHour: number;
  /** Application Load Balancer, per load-balancer-hour. */
  readonly albHour: number;
  /** Application Load Balancer, per LCU-hour. */
  readonly albLcuHour: number;
  /** NAT gateway, per hour (data processing excluded). */
  readonly natGatewayHour: number;
  /** Public IPv4 address in use, per hour. */
  readonly publicIpv4Hour: number;
  /** Cloud Map, per registered service instance per month. */
  readonly cloudMapInstanceMonth: number;
  /** Route 53 hosted zone (public or private), per zone per month. */
  readonly hostedZoneMonth: number;
}

/** Region whose prices are used when the stack's Region is unknown or not in the table. */
export const DEFAULT_PRICE_REGION = 'us-east-1';

/** List prices by Region. */
export const REGION_PRICES: { readonly [region: string]: RegionPrices } = {
  'us-east-1': {
    fargateX86VcpuHour: 0.04048,
    fargateX86GbHour: 0.004445,
    fargateArmVcpuHour: 0.03238,
    fargateArmGbHour: 0.00356,
    albHour: 0.0225,
    albLcuHour: 0.008,
    natGatewayHour: 0.045,
    publicIpv4Hour: 0.005,
    cloudMapInstanceMonth: 0.1,
    hostedZoneMonth: 0.5,
  },
  'eu-west-1': {
    fargateX86VcpuHour: 0.04048,
    fargateX86GbHour: 0.004445,
    fargateArmVcpuHour: 0.03238,
    fargateArmGbHour: 0.00356,
    albHour: 0.0252,
    albLcuHour: 0.008,
    natGatewayHour: 0.048,
    publicIpv4Hour: 0.005,
    cloudMapInstanceMonth: 0.1,
    hostedZoneMonth: 0.5,
  },
};

/** The prices applied to a Region, and whether they are that Region's own. */
export interface PriceSelection {
  /** The Region whose prices are used. */
  readonly priceRegion: string;
  readonly prices: RegionPrices;
  /** False when the requested Region is unknown or not in the table and DEFAULT_PRICE_REGION is used instead. */
  readonly exact: boolean;
}

/** Selects the prices of `region`, falling back to DEFAULT_PRICE_REGION. */
export function pricesFor(region: string | undefined): PriceSelection {
  const own = region === undefined ? undefined : REGION_PRICES[region];
  if (own !== undefined && region !== undefined) {
    return { priceRegion: region, prices: own, exact: true };
  }
  return { priceRegion: DEFAULT_PRICE_REGION, prices: REGION_PRICES[DEFAULT_PRICE_REGION], exact: false };
}
