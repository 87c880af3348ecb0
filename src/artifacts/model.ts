/**
 * The plain data model the synth-time artifacts are rendered from.
 *
 * The constructs describe themselves in these terms when the cloud assembly is
 * written; `src/artifacts/` never imports a construct. Everything the report
 * claims about networking and IAM is read from the synthesized templates
 * (located through the `ResourceRef`s below), so it tells the truth about what
 * will be deployed, including a user's own additions.
 *
 * Not exported from the package: internal to the library.
 */

/** A resource in a synthesized template: the stack's artifact id and the logical id. */
export interface ResourceRef {
  /** Cloud assembly artifact id of the stack (file `<artifactId>.template.json` unless templateFile says otherwise). */
  readonly stackArtifactId: string;
  /** Template file name relative to the assembly directory. */
  readonly templateFile: string;
  /** Logical id of the resource inside that template. */
  readonly logicalId: string;
  /** Construct path, for humans. */
  readonly path: string;
}

export type CapacityKind = 'ON_DEMAND' | 'SPOT' | 'MIXED';
export type ArchitectureKind = 'X86_64' | 'ARM64';

export interface ImageModel {
  /** Registry image name (e.g. `public.ecr.aws/acme/orders:1.4.2`), when the image is pulled by name. */
  readonly registryName?: string;
  /** Absolute path of the staged Docker build context inside the cloud assembly, for asset images. */
  readonly assetDirectory?: string;
  /** Dockerfile name relative to assetDirectory (default `Dockerfile`). */
  readonly dockerFile?: string;
  /** Build args of an asset image. */
  readonly buildArgs?: Record<string, string>;
  /** Human description when neither of the above applies (e.g. an ECR repository token). */
  readonly description?: string;
}

export interface HealthCheckModel {
  readonly command: string[];
  readonly intervalSeconds: number;
  readonly timeoutSeconds: number;
  readonly retries: number;
  readonly startPeriodSeconds: number;
}

export interface SecretRefModel {
  /** Container environment variable name. */
  readonly environmentName: string;
  /** SSM parameter name (`/shop/prod/db-password`) or full ARN as written by the app. Never a value. */
  readonly parameter: string;
  /** Which SecretsFromSsm construct provides it (construct path). */
  readonly source: string;
}

export interface ScalingModel {
  readonly minCapacity: number;
  readonly maxCapacity: number;
  /** Human-readable triggers, e.g. `CPU 70 %`, `1000 requests / target`, `schedule cron(0 20 * * ? *) → 0–0`. */
  readonly triggers: string[];
}

export interface ServiceModel {
  readonly serviceName: string;
  readonly constructPath: string;
  readonly stackName: string;
  readonly port: number;
  /** `http://<serviceName>:<port>` (the Service Connect alias). */
  readonly endpoint: string;
  /** `<serviceName>.<namespace>` (the Cloud Map A record). */
  readonly dnsName: string;
  readonly image: ImageModel;
  readonly command?: string[];
  /** Plain environment as the container receives it (tokens rendered as `${Token[...]}`-free placeholders). */
  readonly environment: Record<string, string>;
  readonly secrets: SecretRefModel[];
  readonly healthCheck?: HealthCheckModel;
  readonly cpu: number;
  readonly memoryMiB: number;
  readonly architecture: ArchitectureKind;
  readonly capacity: CapacityKind;
  readonly readonlyRootFilesystem: boolean;
  /** Undefined when the service is autoscaled (DesiredCount is left out of the template). */
  readonly desiredCount?: number;
  readonly scaling?: ScalingModel;
  /** serviceNames this service called connectTo on. */
  readonly connectsTo: string[];
  /** True for an AutoscaledFargateService (behind the shared ALB). */
  readonly public: boolean;
  /** Public URL of an AutoscaledFargateService. */
  readonly url?: string;
  /** Health check path of the target group (public services). */
  readonly healthCheckPath?: string;
  /** Security groups of the service's tasks. */
  readonly securityGroups: ResourceRef[];
  /** Every IAM role created inside the service construct (task, execution, others). */
  readonly roles: ResourceRef[];
}

/** Services in serviceName order, the order every artifact lists them in. */
export function servicesByName(services: readonly ServiceModel[]): ServiceModel[] {
  return [...services].sort((a, b) => compareStrings(a.serviceName, b.serviceName));
}

/** Comparator of strings in code-unit order (that of `sort()` without a comparator). */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export type RouteActionModel =
  | { readonly kind: 'forward'; readonly serviceName: string; readonly port: number }
  | { readonly kind: 'fixed'; readonly statusCode: number; readonly contentType?: string; readonly body?: string }
  | {
    readonly kind: 'redirect';
    readonly statusCode: 301 | 302;
    readonly protocol?: string;
    readonly host?: string;
    readonly port?: string;
    readonly path?: string;
    readonly query?: string;
  }
  | { readonly kind: 'lambda'; readonly functionPath: string };

export interface RouteModel {
  readonly priority: number;
  readonly pathPatterns: string[];
  readonly hostHeaders: string[];
  readonly action: RouteActionModel;
  /** Construct path of whatever created the rule. */
  readonly source: string;
}

export interface LoadBalancerModel {
  readonly internetFacing: boolean;
  readonly https: boolean;
  readonly domainName?: string;
  readonly accessLogs: boolean;
  /** `https://shop.example.com` or `http://<ALB DNS name>` (rendered as text; a token becomes `<ALB DNS name>`). */
  readonly url: string;
  readonly securityGroups: ResourceRef[];
}

export interface ClusterModel {
  /** Construct id of the MicroserviceCluster. */
  readonly clusterId: string;
  readonly constructPath: string;
  readonly stackName: string;
  /** `DEVELOPMENT` | `STAGING` | `PRODUCTION`. */
  readonly profile: string;
  /** Region of the cluster's stack, or undefined for an environment-agnostic stack. */
  readonly region?: string;
  readonly namespace: string;
  /** Number of AZs and NAT gateways of a VPC the cluster created; undefined for an imported VPC. */
  readonly vpc?: { readonly maxAzs: number; readonly natGateways: number; readonly flowLogs: boolean };
  readonly containerInsights: boolean;
  readonly hostedZone: boolean;
  /** Undefined when no public service or route created the shared ALB. */
  readonly loadBalancer?: LoadBalancerModel;
  /** Every listener rule on the shared ALB, in priority order. */
  readonly routes: RouteModel[];
  readonly services: ServiceModel[];
  /** Every IAM role created inside the cluster construct itself (flow logs, custom resources...). */
  readonly roles: ResourceRef[];
  /** Every security group created inside the cluster construct itself (the ALB's). */
  readonly securityGroups: ResourceRef[];
}
