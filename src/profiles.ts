import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';

/**
 * The stage a cluster runs in. Every default that differs between stages is
 * taken from one table (`PROFILE_DEFAULTS` in `src/profiles.ts`); any prop a
 * user sets overrides it.
 */
export enum EnvironmentProfile {
  /** Cheapest: 2 AZs, 1 NAT gateway, Fargate Spot, 1–2 tasks, 1 week of logs. */
  DEVELOPMENT = 'DEVELOPMENT',
  /** Production-like: 2 AZs, 1 NAT gateway, mixed capacity, 2–4 tasks, Container Insights. */
  STAGING = 'STAGING',
  /** 3 AZs, a NAT gateway per AZ, on-demand, 2–10 tasks, access logs, retained logs. */
  PRODUCTION = 'PRODUCTION',
}

/**
 * Where a service's tasks run: Fargate, Fargate Spot or both.
 */
export enum CapacityStrategy {
  /** Every task on regular Fargate capacity. */
  ON_DEMAND = 'ON_DEMAND',
  /** Every task on Fargate Spot (up to 70 % cheaper; tasks may be stopped with a 2-minute notice; x86_64 only). */
  SPOT = 'SPOT',
  /** One task on regular Fargate (base 1), every further task on Fargate Spot. x86_64 only. */
  MIXED = 'MIXED',
}

/**
 * Every default that depends on the profile. Internal: not part of the public API.
 */
export interface ProfileDefaults {
  /** AZs of a new VPC (stacks with an explicit env; environment-agnostic stacks get 2). */
  readonly maxAzs: number;
  /** NAT gateways of a new VPC (capped at the number of AZs). */
  readonly natGateways: number;
  /** Lower bound of an autoscaled service's task count. */
  readonly minCapacity: number;
  /** Upper bound of an autoscaled service's task count. */
  readonly maxCapacity: number;
  /** Capacity strategy of a service. */
  readonly capacity: CapacityStrategy;
  /** Retention of every log group the library creates. */
  readonly logRetention: logs.RetentionDays;
  /** What happens to log groups when the stack is deleted. */
  readonly logRemovalPolicy: RemovalPolicy;
  /** ECS Container Insights. */
  readonly containerInsights: boolean;
  /** ALB access logs to S3. */
  readonly accessLogs: boolean;
  /** ALB deletion protection. */
  readonly deletionProtection: boolean;
  /** How long the ALB keeps draining a deregistering target. */
  readonly deregistrationDelay: Duration;
  /** The stack must have an explicit env (access logs need the region, 3 AZs need the AZ list). */
  readonly requiresExplicitEnv: boolean;
  /** Warn when the shared ALB serves plain HTTP. */
  readonly warnOnPlainHttp: boolean;
}

/** The one table of per-profile defaults (DESIGN.md "Defaults by profile"). */
export const PROFILE_DEFAULTS: { readonly [profile in EnvironmentProfile]: ProfileDefaults } = {
  [EnvironmentProfile.DEVELOPMENT]: {
    maxAzs: 2,
    natGateways: 1,
    minCapacity: 1,
    maxCapacity: 2,
    capacity: CapacityStrategy.SPOT,
    logRetention: logs.RetentionDays.ONE_WEEK,
    logRemovalPolicy: RemovalPolicy.DESTROY,
    containerInsights: false,
    accessLogs: false,
    deletionProtection: false,
    deregistrationDelay: Duration.seconds(10),
    requiresExplicitEnv: false,
    warnOnPlainHttp: false,
  },
  [EnvironmentProfile.STAGING]: {
    maxAzs: 2,
    natGateways: 1,
    minCapacity: 2,
    maxCapacity: 4,
    capacity: CapacityStrategy.MIXED,
    logRetention: logs.RetentionDays.ONE_MONTH,
    logRemovalPolicy: RemovalPolicy.DESTROY,
    containerInsights: true,
    accessLogs: false,
    deletionProtection: false,
    deregistrationDelay: Duration.seconds(30),
    requiresExplicitEnv: false,
    warnOnPlainHttp: false,
  },
  [EnvironmentProfile.PRODUCTION]: {
    maxAzs: 3,
    natGateways: 3,
    minCapacity: 2,
    maxCapacity: 10,
    capacity: CapacityStrategy.ON_DEMAND,
    logRetention: logs.RetentionDays.ONE_YEAR,
    logRemovalPolicy: RemovalPolicy.RETAIN,
    containerInsights: true,
    accessLogs: true,
    deletionProtection: true,
    deregistrationDelay: Duration.seconds(60),
    requiresExplicitEnv: true,
    warnOnPlainHttp: true,
  },
};

/**
 * Library-wide constants: defaults that do not depend on the profile.
 * Kept beside the profile table so every default lives in this one file.
 */
export const LIBRARY_DEFAULTS = {
  /** The shared load balancer is reachable from the internet. */
  internetFacing: true,
  /** The new VPC's default security group keeps its rules (stripping them takes a Lambda-backed custom resource). */
  restrictDefaultSecurityGroup: false,
  /** Content type of a fixed response. */
  fixedResponseContentType: 'text/plain',
  /** Redirects are permanent (HTTP 301). */
  permanentRedirect: true,
  /** Containers keep a writable root filesystem (images commonly write to it). */
  readonlyRootFilesystem: false,
  /** AZs of a new VPC in an environment-agnostic stack (CloudFormation's Fn::GetAZs gives at least 2). */
  envAgnosticMaxAzs: 2,
  /** Container port. */
  port: 8080,
  /** Task size. */
  cpu: 256,
  memoryLimitMiB: 512,
  /** CPU target tracking. */
  targetCpuUtilization: 70,
  scaleOutCooldown: Duration.seconds(60),
  scaleInCooldown: Duration.seconds(120),
  /** ELB health checks ignored for this long after a task starts. */
  healthCheckGracePeriod: Duration.seconds(60),
  /** Target group health check. */
  healthCheckPath: '/',
  healthCheckInterval: Duration.seconds(15),
  healthCheckTimeout: Duration.seconds(5),
  healthyThresholdCount: 2,
  unhealthyThresholdCount: 3,
  healthyHttpCodes: '200-399',
  /** TTL of the Cloud Map A record (short: tasks come and go). */
  dnsTtl: Duration.seconds(10),
  /** Deployment safety. */
  minHealthyPercent: 100,
  maxHealthyPercent: 200,
  /** Mixed capacity: on-demand base and weights. */
  mixedOnDemandBase: 1,
  mixedOnDemandWeight: 0,
  mixedSpotWeight: 1,
  /** Access-log objects expire after this many days. */
  accessLogExpiration: Duration.days(90),
  /** Spot gives a 2-minute notice: warn when draining takes longer than this. */
  spotSafeDeregistrationDelay: Duration.seconds(110),
  /** Warn when a listener has at least this many rules (ALB quota: 100 rules per listener). */
  listenerRuleWarningThreshold: 90,
  /** Suffix of the Service Connect discovery name (it must differ from the Cloud Map A-record service name). */
  serviceConnectDiscoverySuffix: '-sc',
} as const;
