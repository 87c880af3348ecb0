/**
 * The catalogue of invalid inputs: one row per rule, shared by the tests
 * (catalogue.test.ts builds each row and checks the error) and the README
 * section "Errors you may see" (errors-doc.ts renders the same rows).
 *
 * Every row builds into a fresh `Shop` stack (explicit env, eu-west-1) and
 * names the construct path the error must show, and [prop, value, fix]: text
 * the message must contain.
 */
import { App, CfnParameter, Duration, Lazy, Stack } from 'aws-cdk-lib';
import * as appscaling from 'aws-cdk-lib/aws-applicationautoscaling';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as route53 from 'aws-cdk-lib/aws-route53';
import {
  AutoscaledFargateService,
  AutoscaledFargateServiceProps,
  CapacityStrategy,
  DiscoverableService,
  DiscoverableServiceProps,
  EnvironmentProfile,
  MicroserviceCluster,
  MicroserviceClusterProps,
  SecretsFromSsm,
} from '../../src';

export const ENV = { account: '123456789012', region: 'eu-west-1' };
export const IMAGE = ecs.ContainerImage.fromRegistry('public.ecr.aws/acme/orders:1.4.2');

/** The four constructs of the library, in the order the README lists them. */
export const CONSTRUCTS = ['MicroserviceCluster', 'DiscoverableService', 'AutoscaledFargateService', 'SecretsFromSsm'] as const;
export type ConstructName = typeof CONSTRUCTS[number];

/** What a row builds into. */
export class CatalogueContext {
  public readonly app = new App();
  public readonly stack = new Stack(this.app, 'Shop', { env: ENV });
  private defaultCluster?: MicroserviceCluster;

  /** An imported VPC with two AZs of public and private subnets (no VPC resources: cheap). */
  public vpc(id = 'Vpc'): ec2.IVpc {
    return ec2.Vpc.fromVpcAttributes(this.stack, id, {
      vpcId: 'vpc-0123456789abcdef0',
      vpcCidrBlock: '10.1.0.0/16',
      availabilityZones: ['eu-west-1a', 'eu-west-1b'],
      publicSubnetIds: ['subnet-pub1', 'subnet-pub2'],
      privateSubnetIds: ['subnet-priv1', 'subnet-priv2'],
    });
  }

  /** The DEVELOPMENT cluster `Shop/Cluster` on the imported VPC, created on first use. */
  public get cluster(): MicroserviceCluster {
    this.defaultCluster ??= new MicroserviceCluster(this.stack, 'Cluster', { vpc: this.vpc() });
    return this.defaultCluster;
  }

  /** A cluster `Shop/<id>` on the imported VPC with `props`. */
  public newCluster(id: string, props: MicroserviceClusterProps = {}): MicroserviceCluster {
    return new MicroserviceCluster(this.stack, id, { vpc: this.vpc(`${id}Vpc`), ...props });
  }

  /** `Shop/<id>`: an internal service in the default cluster. */
  public service(id: string, props: Partial<DiscoverableServiceProps> = {}): DiscoverableService {
    return new DiscoverableService(this.stack, id, { cluster: this.cluster, image: IMAGE, ...props });
  }

  /** `Shop/<id>`: a public service in the default cluster (route `/api/*` unless given). */
  public publicService(id: string, props: Partial<AutoscaledFargateServiceProps> = {}): AutoscaledFargateService {
    return new AutoscaledFargateService(this.stack, id, { cluster: this.cluster, image: IMAGE, pathPatterns: ['/api/*'], ...props });
  }

  /** `Shop/<id>`: a set of secrets. */
  public secrets(id: string, parameters: { [name: string]: string }, pathPrefix?: string): SecretsFromSsm {
    return new SecretsFromSsm(this.stack, id, { parameters, pathPrefix });
  }

  /** A public hosted zone `example.com` (imported). */
  public zone(): route53.IHostedZone {
    return route53.HostedZone.fromHostedZoneAttributes(this.stack, 'Zone', { hostedZoneId: 'Z0123456789EXAMPLE', zoneName: 'example.com' });
  }
}

/** An input the library must reject. */
export interface InvalidInput {
  readonly construct: ConstructName;
  /** The rule, as the README states it. */
  readonly rule: string;
  /** Construct path the message names. */
  readonly path: string;
  /** Fails when the construct is created, or at synth (cross-construct rules in `node.addValidation`). */
  readonly when: 'create' | 'synth';
  readonly build: (ctx: CatalogueContext) => void;
  /** Text the message must contain: the prop, the offending value as shown, and a fragment of the fix. */
  readonly expect: readonly [prop: string, value: string, fix: string];
}

/** An input that must stay valid (a limit value, or a token whose content is unknown until deploy). */
export interface ValidInput {
  readonly construct: ConstructName;
  readonly description: string;
  readonly build: (ctx: CatalogueContext) => void;
}

const LONG_PATH = `/${'a'.repeat(127)}`; // 128 characters: the ALB limit
const LONG_LABEL = 'a'.repeat(63);

export const INVALID_INPUTS: readonly InvalidInput[] = [
  // ---------------------------------------------------------------- MicroserviceCluster
  {
    construct: 'MicroserviceCluster',
    rule: 'maxAzs is an integer from 1 to 16',
    path: 'Shop/Cluster',
    when: 'create',
    build: (c) => new MicroserviceCluster(c.stack, 'Cluster', { maxAzs: 0 }),
    expect: ['maxAzs', '0', 'Use at least 1 AZ'],
  },
  {
    construct: 'MicroserviceCluster',
    rule: 'natGateways is an integer from 0 to 16',
    path: 'Shop/Cluster',
    when: 'create',
    build: (c) => new MicroserviceCluster(c.stack, 'Cluster', { natGateways: -1 }),
    expect: ['natGateways', '-1', 'Set natGateways to 0'],
  },
  {
    construct: 'MicroserviceCluster',
    rule: 'natGateways is at most maxAzs',
    path: 'Shop/Cluster',
    when: 'create',
    build: (c) => new MicroserviceCluster(c.stack, 'Cluster', { maxAzs: 2, natGateways: 3 }),
    expect: ['natGateways', '3', 'Lower natGateways to 2 or raise maxAzs'],
  },
  {
    construct: 'MicroserviceCluster',
    rule: 'maxAzs and natGateways only size a new VPC',
    path: 'Shop/Cluster',
    when: 'create',
    build: (c) => new MicroserviceCluster(c.stack, 'Cluster', { vpc: c.vpc(), maxAzs: 2 }),
    expect: ['vpc', 'maxAzs', 'Remove maxAzs and natGateways, or remove vpc'],
  },
  {
    construct: 'MicroserviceCluster',
    rule: 'an existing VPC has private subnets with egress',
    path: 'Shop/Cluster',
    when: 'create',
    build: (c) => new MicroserviceCluster(c.stack, 'Cluster', {
      vpc: ec2.Vpc.fromVpcAttributes(c.stack, 'PublicOnly', { vpcId: 'vpc-1', availabilityZones: ['eu-west-1a'], publicSubnetIds: ['subnet-pub1'] }),
    }),
    expect: ['vpc', 'no private subnets', 'Add PRIVATE_WITH_EGRESS subnets'],
  },
  {
    construct: 'MicroserviceCluster',
    rule: 'clusterName uses ECS\'s characters (letters, digits, - and _, ≤ 255)',
    path: 'Shop/Cluster',
    when: 'create',
    build: (c) => c.newCluster('Cluster', { clusterName: 'shop cluster!' }),
    expect: ['clusterName', "'shop cluster!'", 'Use letters, digits, hyphens and underscores only'],
  },
  {
    construct: 'MicroserviceCluster',
    rule: 'namespaceName is a lower-case DNS name',
    path: 'Shop/Cluster',
    when: 'create',
    build: (c) => c.newCluster('Cluster', { namespaceName: 'Shop_Internal' }),
    expect: ['namespaceName', "'Shop_Internal'", 'such as shop.internal'],
  },
  {
    construct: 'MicroserviceCluster',
    rule: 'domain.domainName lies inside domain.hostedZone',
    path: 'Shop/Cluster',
    when: 'create',
    build: (c) => c.newCluster('Cluster', { domain: { domainName: 'shop.example.org', hostedZone: c.zone() } }),
    expect: ['domain.domainName', "'shop.example.org'", "Use a name ending in '.example.com'"],
  },
  {
    construct: 'MicroserviceCluster',
    rule: 'a private hosted zone needs domain.certificate',
    path: 'Shop/Cluster',
    when: 'create',
    build: (c) => c.newCluster('Cluster', {
      domain: {
        domainName: 'shop.corp.internal',
        hostedZone: new route53.PrivateHostedZone(c.stack, 'Private', { zoneName: 'corp.internal', vpc: c.vpc('ZoneVpc') }),
      },
    }),
    expect: ['domain.hostedZone', "'corp.internal'", 'Pass domain.certificate'],
  },
  {
    construct: 'MicroserviceCluster',
    rule: 'PRODUCTION needs a stack with an explicit env',
    path: 'Agnostic/Cluster',
    when: 'create',
    build: (c) => new MicroserviceCluster(new Stack(c.app, 'Agnostic'), 'Cluster', { profile: EnvironmentProfile.PRODUCTION }),
    expect: ['profile', 'PRODUCTION', "env: { account: '123456789012', region: 'eu-west-1' }"],
  },
  {
    construct: 'MicroserviceCluster',
    rule: 'addFixedResponse: statusCode is 2XX, 4XX or 5XX',
    path: 'Shop/Cluster/Routes/Moved',
    when: 'create',
    build: (c) => c.cluster.addFixedResponse('Moved', { pathPatterns: ['/old'], statusCode: 301 }),
    expect: ['statusCode', '301', 'Use addRedirect for 3XX responses'],
  },
  {
    construct: 'MicroserviceCluster',
    rule: 'addRedirect: protocol is HTTP or HTTPS',
    path: 'Shop/Cluster/Routes/Ftp',
    when: 'create',
    build: (c) => c.cluster.addRedirect('Ftp', { pathPatterns: ['/files/*'], protocol: 'FTP' }),
    expect: ['protocol', "'FTP'", "Use 'HTTP' or 'HTTPS'"],
  },
  {
    construct: 'MicroserviceCluster',
    rule: 'addRedirect: at least one target component',
    path: 'Shop/Cluster/Routes/Nowhere',
    when: 'create',
    build: (c) => c.cluster.addRedirect('Nowhere', { pathPatterns: ['/old/*'] }),
    expect: ['redirect', 'no target given', 'Set at least one of host, path, port, protocol or query'],
  },

  // ---------------------------------------------------------------- DiscoverableService
  {
    construct: 'DiscoverableService',
    rule: 'serviceName is a DNS label (lower-case letters, digits, inner hyphens, ≤ 63)',
    path: 'Shop/Orders',
    when: 'create',
    build: (c) => c.service('Orders', { serviceName: 'Orders_API' }),
    expect: ['serviceName', "'Orders_API'", 'a DNS label'],
  },
  {
    construct: 'DiscoverableService',
    rule: 'serviceName is at most 63 characters',
    path: 'Shop/Orders',
    when: 'create',
    build: (c) => c.service('Orders', { serviceName: `${LONG_LABEL}b` }),
    expect: ['serviceName', `'${LONG_LABEL}b'`, '1–63 lower-case letters'],
  },
  {
    construct: 'DiscoverableService',
    rule: 'a serviceName derived from the construct id is a DNS label too',
    path: 'Shop/___',
    when: 'create',
    build: (c) => c.service('___'),
    expect: ['serviceName', "''", "derived from the construct id '___': set serviceName explicitly"],
  },
  {
    construct: 'DiscoverableService',
    rule: 'serviceName is unique in its cluster',
    path: 'Shop/Cluster',
    when: 'synth',
    build: (c) => {
      c.service('Orders');
      c.service('OrdersV2', { serviceName: 'orders' });
    },
    expect: ['serviceName', "'orders' is used by both 'Shop/Orders' and 'Shop/OrdersV2'", 'Set a different serviceName on one of them'],
  },
  {
    construct: 'DiscoverableService',
    rule: 'port is an integer from 1 to 65535',
    path: 'Shop/Orders',
    when: 'create',
    build: (c) => c.service('Orders', { port: 0 }),
    expect: ['port', '0', 'Set the port the container listens on'],
  },
  {
    construct: 'DiscoverableService',
    rule: 'port is at most 65535',
    path: 'Shop/Orders',
    when: 'create',
    build: (c) => c.service('Orders', { port: 65536 }),
    expect: ['port', '65536', 'an integer from 1 to 65535'],
  },
  {
    construct: 'DiscoverableService',
    rule: 'port is a literal number (Service Connect needs it at synth)',
    path: 'Shop/Orders',
    when: 'create',
    build: (c) => c.service('Orders', { port: numberToken(c, 'Port') }),
    expect: ['port', 'a CDK token', 'Pass the number'],
  },
  {
    construct: 'DiscoverableService',
    rule: 'cpu is a Fargate CPU value',
    path: 'Shop/Orders',
    when: 'create',
    build: (c) => c.service('Orders', { cpu: 300 }),
    expect: ['cpu', '300', 'cpu one of 256, 512, 1024, 2048, 4096, 8192, 16384'],
  },
  {
    construct: 'DiscoverableService',
    rule: 'cpu / memoryLimitMiB is a valid Fargate pair',
    path: 'Shop/Orders',
    when: 'create',
    build: (c) => c.service('Orders', { cpu: 256, memoryLimitMiB: 4096 }),
    expect: ['memoryLimitMiB', '4096', 'Pick a valid Fargate cpu/memory pair'],
  },
  {
    construct: 'DiscoverableService',
    rule: 'memoryLimitMiB follows the 1024 MiB steps of its cpu',
    path: 'Shop/Orders',
    when: 'create',
    build: (c) => c.service('Orders', { cpu: 1024, memoryLimitMiB: 2500 }),
    expect: ['memoryLimitMiB', '2500', '2048–8192 in 1024 MiB steps for cpu 1024'],
  },
  {
    construct: 'DiscoverableService',
    rule: 'minCapacity is at most maxCapacity',
    path: 'Shop/Orders',
    when: 'create',
    build: (c) => c.service('Orders', { minCapacity: 5, maxCapacity: 2 }),
    expect: ['minCapacity', '(5) must not exceed maxCapacity (2)', 'Lower minCapacity or raise maxCapacity'],
  },
  {
    construct: 'DiscoverableService',
    rule: 'minCapacity is a non-negative integer',
    path: 'Shop/Orders',
    when: 'create',
    build: (c) => c.service('Orders', { minCapacity: -1 }),
    expect: ['minCapacity', '-1', 'an integer from 0 to 10000'],
  },
  {
    construct: 'DiscoverableService',
    rule: 'maxCapacity is a non-negative integer',
    path: 'Shop/Orders',
    when: 'create',
    build: (c) => c.service('Orders', { maxCapacity: 2.5 }),
    expect: ['maxCapacity', '2.5', 'an integer from 0 to 10000'],
  },
  {
    construct: 'DiscoverableService',
    rule: 'desiredCount is not set on an autoscaled service',
    path: 'Shop/Orders',
    when: 'create',
    build: (c) => c.service('Orders', { desiredCount: 3, maxCapacity: 4 }),
    expect: ['desiredCount', '3', 'Set minCapacity instead'],
  },
  {
    construct: 'DiscoverableService',
    rule: 'targetCpuUtilization is 1–100 %',
    path: 'Shop/Orders',
    when: 'create',
    build: (c) => c.service('Orders', { targetCpuUtilization: 0 }),
    expect: ['targetCpuUtilization', '0', 'a number from 1 to 100'],
  },
  {
    construct: 'DiscoverableService',
    rule: 'targetMemoryUtilization is 1–100 %',
    path: 'Shop/Orders',
    when: 'create',
    build: (c) => c.service('Orders', { targetMemoryUtilization: 101 }),
    expect: ['targetMemoryUtilization', '101', 'a number from 1 to 100'],
  },
  {
    construct: 'DiscoverableService',
    rule: 'scheduledScaling windows have minCapacity ≤ maxCapacity',
    path: 'Shop/Orders',
    when: 'create',
    build: (c) => c.service('Orders', {
      scheduledScaling: [{ schedule: appscaling.Schedule.cron({ hour: '20', minute: '0' }), minCapacity: 3, maxCapacity: 1 }],
    }),
    expect: ['scheduledScaling[0]', 'minCapacity (3) must not exceed maxCapacity (1)', 'Lower minCapacity or raise maxCapacity'],
  },
  {
    construct: 'DiscoverableService',
    rule: 'environment names match [A-Za-z_][A-Za-z0-9_]*',
    path: 'Shop/Orders',
    when: 'create',
    build: (c) => c.service('Orders', { environment: { 'LOG-LEVEL': 'info' } }),
    expect: ['environment', "'LOG-LEVEL'", 'Rename it, e.g. LOG_LEVEL'],
  },
  {
    construct: 'DiscoverableService',
    rule: 'environment names do not start with a digit',
    path: 'Shop/Orders',
    when: 'create',
    build: (c) => c.service('Orders', { environment: { '1ST_REGION': 'eu-west-1' } }),
    expect: ['environment', "'1ST_REGION'", 'not starting with a digit'],
  },
  {
    construct: 'DiscoverableService',
    rule: 'a name is either in environment or in secrets',
    path: 'Shop/Orders',
    when: 'create',
    build: (c) => c.service('Orders', {
      environment: { DB_PASSWORD: 'changeme' },
      secrets: c.secrets('OrdersSecrets', { DB_PASSWORD: '/shop/orders/db-password' }),
    }),
    expect: ['secrets', 'DB_PASSWORD', 'Remove it from environment or rename the secret'],
  },
  {
    construct: 'DiscoverableService',
    rule: 'capacity SPOT or MIXED needs X86_64 (Fargate Spot runs no ARM64)',
    path: 'Shop/Orders',
    when: 'create',
    build: (c) => c.service('Orders', { cpuArchitecture: ecs.CpuArchitecture.ARM64, capacity: CapacityStrategy.SPOT }),
    expect: ['capacity', "'SPOT'", 'Use CapacityStrategy.ON_DEMAND'],
  },
  {
    construct: 'DiscoverableService',
    rule: 'secrets has at least one parameter by synth',
    path: 'Shop/Orders',
    when: 'synth',
    build: (c) => c.service('Orders', { secrets: new SecretsFromSsm(c.stack, 'Empty') }),
    expect: ['secrets', "'Shop/Empty' has no parameters", 'Add one with parameters'],
  },
  {
    construct: 'DiscoverableService',
    rule: 'connectTo: not to itself',
    path: 'Shop/Orders',
    when: 'create',
    build: (c) => {
      const orders = c.service('Orders');
      orders.connectTo(orders);
    },
    expect: ['connectTo', "'Shop/Orders' cannot connect to itself", 'Remove the call'],
  },
  {
    construct: 'DiscoverableService',
    rule: 'connectTo: only to a service of the same cluster',
    path: 'Shop/Web',
    when: 'create',
    build: (c) => {
      const other = new DiscoverableService(c.stack, 'Billing', { cluster: c.newCluster('Other'), image: IMAGE });
      c.service('Web').connectTo(other);
    },
    expect: ['connectTo', "'Shop/Billing' belongs to cluster 'Shop/Other'", 'Put both services in one cluster'],
  },
  {
    construct: 'DiscoverableService',
    rule: 'connectTo: never overwrites a <NAME>_URL the user set in environment',
    path: 'Shop/Web',
    when: 'create',
    build: (c) => {
      const orders = c.service('Orders');
      c.service('Web', { environment: { ORDERS_URL: 'http://legacy:80' } }).connectTo(orders);
    },
    expect: ['connectTo', "ORDERS_URL is already set in environment ('http://legacy:80')", 'Remove ORDERS_URL from environment'],
  },
  {
    construct: 'DiscoverableService',
    rule: 'connectTo: never overwrites a secret named <NAME>_URL',
    path: 'Shop/Web',
    when: 'create',
    build: (c) => {
      const orders = c.service('Orders');
      c.service('Web', { secrets: c.secrets('WebSecrets', { ORDERS_URL: '/shop/web/orders-url' }) }).connectTo(orders);
    },
    expect: ['connectTo', 'ORDERS_URL is a secret of this service', 'Rename the secret'],
  },

  // ---------------------------------------------------------------- AutoscaledFargateService
  {
    construct: 'AutoscaledFargateService',
    rule: 'at least one of pathPatterns and hostHeaders',
    path: 'Shop/Web',
    when: 'create',
    build: (c) => c.publicService('Web', { pathPatterns: undefined }),
    expect: ['pathPatterns/hostHeaders', 'neither is set', "Set pathPatterns (e.g. ['/api/*'])"],
  },
  {
    construct: 'AutoscaledFargateService',
    rule: 'path patterns start with /',
    path: 'Shop/Web',
    when: 'create',
    build: (c) => c.publicService('Web', { pathPatterns: ['api/*'] }),
    expect: ['pathPatterns', "'api/*'", "a path starting with '/'"],
  },
  {
    construct: 'AutoscaledFargateService',
    rule: 'path patterns are at most 128 characters',
    path: 'Shop/Web',
    when: 'create',
    build: (c) => c.publicService('Web', { pathPatterns: [`${LONG_PATH}b`] }),
    expect: ['pathPatterns', `'${LONG_PATH}b'`, 'at most 128 characters'],
  },
  {
    construct: 'AutoscaledFargateService',
    rule: 'path patterns use the ALB\'s characters',
    path: 'Shop/Web',
    when: 'create',
    build: (c) => c.publicService('Web', { pathPatterns: ['/api/{id}'] }),
    expect: ['pathPatterns', "'/api/{id}'", 'A-Z a-z 0-9 _ - . $ / ~'],
  },
  {
    construct: 'AutoscaledFargateService',
    rule: 'at most 5 condition values per rule (ALB limit)',
    path: 'Shop/Web',
    when: 'create',
    build: (c) => c.publicService('Web', { pathPatterns: ['/a', '/b', '/c', '/d', '/e', '/f'] }),
    expect: ['pathPatterns + hostHeaders', '["/a","/b","/c","/d","/e","/f"]', 'Split the route across services'],
  },
  {
    construct: 'AutoscaledFargateService',
    rule: 'at most 5 wildcards per rule (ALB limit)',
    path: 'Shop/Web',
    when: 'create',
    build: (c) => c.publicService('Web', { pathPatterns: ['/a/*/*/*', '/b/*/*/*'] }),
    expect: ['pathPatterns + hostHeaders', '["/a/*/*/*","/b/*/*/*"]', 'at most 5 wildcards'],
  },
  {
    construct: 'AutoscaledFargateService',
    rule: 'host headers are host names (wildcards * and ? allowed)',
    path: 'Shop/Web',
    when: 'create',
    build: (c) => c.publicService('Web', { pathPatterns: undefined, hostHeaders: ['shop example.com'] }),
    expect: ['hostHeaders', "'shop example.com'", 'a host name such as api.example.com'],
  },
  {
    construct: 'AutoscaledFargateService',
    rule: 'host header labels do not start with a hyphen',
    path: 'Shop/Web',
    when: 'create',
    build: (c) => c.publicService('Web', { pathPatterns: undefined, hostHeaders: ['-shop.example.com'] }),
    expect: ['hostHeaders', "'-shop.example.com'", 'a host name such as api.example.com'],
  },
  {
    construct: 'AutoscaledFargateService',
    rule: 'priority is an integer from 1 to 50000',
    path: 'Shop/Web',
    when: 'create',
    build: (c) => c.publicService('Web', { priority: 0 }),
    expect: ['priority', '0', 'Leave priority out to have it derived from the route'],
  },
  {
    construct: 'AutoscaledFargateService',
    rule: 'priority is at most 50000',
    path: 'Shop/Web',
    when: 'create',
    build: (c) => c.publicService('Web', { priority: 50001 }),
    expect: ['priority', '50001', 'an integer from 1 to 50000'],
  },
  {
    construct: 'AutoscaledFargateService',
    rule: 'priorities are unique on the listener',
    path: 'Shop/Cluster',
    when: 'synth',
    build: (c) => {
      c.publicService('Web', { pathPatterns: ['/web/*'], priority: 100 });
      c.publicService('Api', { pathPatterns: ['/api/*'], priority: 100 });
    },
    expect: ['priority', "100 is taken by both 'Shop/Web'", 'Set an explicit, unused priority (1–50000) on one of them'],
  },
  {
    construct: 'AutoscaledFargateService',
    rule: 'a route belongs to one service',
    path: 'Shop/Cluster',
    when: 'synth',
    build: (c) => {
      c.publicService('Web');
      c.publicService('Api');
    },
    expect: ['route', "paths [/api/*] is claimed by both 'Shop/Web' and 'Shop/Api'", 'Give one of them different pathPatterns or hostHeaders'],
  },
  {
    construct: 'AutoscaledFargateService',
    rule: 'an explicit priority never puts a general route before a more specific one',
    path: 'Shop/Cluster',
    when: 'synth',
    build: (c) => {
      c.publicService('Api', { pathPatterns: ['/api/*'], priority: 10 });
      c.publicService('Orders', { pathPatterns: ['/api/orders/*'], priority: 20 });
    },
    expect: ['priority', "paths [/api/orders/*] of 'Shop/Orders' (priority 20)", "Set priority below 10 on 'Shop/Orders'"],
  },
  {
    construct: 'AutoscaledFargateService',
    rule: 'healthCheckPath starts with /',
    path: 'Shop/Web',
    when: 'create',
    build: (c) => c.publicService('Web', { healthCheckPath: 'health' }),
    expect: ['healthCheckPath', "'health'", "Start it with '/'"],
  },
  {
    construct: 'AutoscaledFargateService',
    rule: 'deregistrationDelay is 0–3600 seconds',
    path: 'Shop/Web',
    when: 'create',
    build: (c) => c.publicService('Web', { deregistrationDelay: Duration.seconds(3601) }),
    expect: ['deregistrationDelay', '3601', 'Use Duration.seconds(0) to Duration.seconds(3600)'],
  },
  {
    construct: 'AutoscaledFargateService',
    rule: 'requestsPerTarget is at least 1',
    path: 'Shop/Web',
    when: 'create',
    build: (c) => c.publicService('Web', { requestsPerTarget: 0 }),
    expect: ['requestsPerTarget', '0', 'an integer from 1 to 1000000'],
  },
  {
    construct: 'AutoscaledFargateService',
    rule: 'desiredCount is not set (the service is always autoscaled)',
    path: 'Shop/Web',
    when: 'create',
    build: (c) => c.publicService('Web', { desiredCount: 2 }),
    expect: ['desiredCount', '2', 'Set minCapacity instead'],
  },

  // ---------------------------------------------------------------- SecretsFromSsm
  {
    construct: 'SecretsFromSsm',
    rule: 'secret names match [A-Za-z_][A-Za-z0-9_]*',
    path: 'Shop/OrdersSecrets',
    when: 'create',
    build: (c) => c.secrets('OrdersSecrets', { 'db-password': '/shop/orders/db-password' }),
    expect: ['parameters.db-password', "'db-password'", 'e.g. DB_PASSWORD'],
  },
  {
    construct: 'SecretsFromSsm',
    rule: 'a secret name appears once',
    path: 'Shop/OrdersSecrets',
    when: 'create',
    build: (c) => c.secrets('OrdersSecrets', { DB_PASSWORD: '/shop/orders/db-password' }).addParameter('DB_PASSWORD', '/shop/orders/other'),
    expect: ['parameters.DB_PASSWORD', "'DB_PASSWORD' is already defined", 'pick another name'],
  },
  {
    construct: 'SecretsFromSsm',
    rule: 'parameter names are absolute, or relative to pathPrefix',
    path: 'Shop/OrdersSecrets',
    when: 'create',
    build: (c) => c.secrets('OrdersSecrets', { DB_PASSWORD: 'db-password' }),
    expect: ['parameters.DB_PASSWORD', "'db-password'", "Write '/db-password', or set pathPrefix"],
  },
  {
    construct: 'SecretsFromSsm',
    rule: 'pathPrefix is absolute',
    path: 'Shop/OrdersSecrets',
    when: 'create',
    build: (c) => c.secrets('OrdersSecrets', { DB_PASSWORD: 'db-password' }, 'shop/orders'),
    expect: ['pathPrefix', "'shop/orders'", "Start it with '/'"],
  },
  {
    construct: 'SecretsFromSsm',
    rule: 'parameter names use SSM\'s characters (letters, digits, _ . - /)',
    path: 'Shop/OrdersSecrets',
    when: 'create',
    build: (c) => c.secrets('OrdersSecrets', { DB_PASSWORD: '/shop/orders/db password' }),
    expect: ['parameters.DB_PASSWORD', "'/shop/orders/db password'", 'letters, digits and _ . - /'],
  },
  {
    construct: 'SecretsFromSsm',
    rule: 'parameter names have at most 15 levels',
    path: 'Shop/OrdersSecrets',
    when: 'create',
    build: (c) => c.secrets('OrdersSecrets', { DB_PASSWORD: `/${Array.from({ length: 16 }, (_, i) => `l${i}`).join('/')}` }),
    expect: ['parameters.DB_PASSWORD', '/l0/l1/l2', 'at most 15 hierarchy levels'],
  },
  {
    construct: 'SecretsFromSsm',
    rule: 'parameter names do not start with aws or ssm (reserved)',
    path: 'Shop/OrdersSecrets',
    when: 'create',
    build: (c) => c.secrets('OrdersSecrets', { DB_PASSWORD: '/aws/orders/db-password' }),
    expect: ['parameters.DB_PASSWORD', "'/aws/orders/db-password'", '/aws/reference/secretsmanager/<secret-name>'],
  },
  {
    construct: 'SecretsFromSsm',
    rule: 'an ARN is an SSM parameter ARN',
    path: 'Shop/OrdersSecrets',
    when: 'create',
    build: (c) => c.secrets('OrdersSecrets', { DB_PASSWORD: 'arn:aws:s3:::shop-secrets/db-password' }),
    expect: ['parameters.DB_PASSWORD', "'arn:aws:s3:::shop-secrets/db-password'", 'arn:<partition>:ssm:<region>:<account>:parameter/<name>'],
  },
  {
    construct: 'SecretsFromSsm',
    rule: 'a parameter ARN is in the stack\'s account (ECS reads secrets across Regions, not accounts)',
    path: 'Shop/OrdersSecrets',
    when: 'create',
    build: (c) => c.secrets('OrdersSecrets', { DB_PASSWORD: 'arn:aws:ssm:us-east-1:999999999999:parameter/shop/db-password' }),
    expect: ['parameters.DB_PASSWORD', "'arn:aws:ssm:us-east-1:999999999999:parameter/shop/db-password'", 'ECS reads secrets across Regions but not across accounts'],
  },
];

/** Builds `row` in a fresh context and returns the error it raises when created or synthesized (undefined: none). */
export function errorOf(row: InvalidInput): { readonly when: 'create' | 'synth'; readonly message: string } | undefined {
  const ctx = new CatalogueContext();
  try {
    row.build(ctx);
  } catch (error) {
    return { when: 'create', message: (error as Error).message };
  }
  try {
    ctx.app.synth();
  } catch (error) {
    return { when: 'synth', message: (error as Error).message };
  }
  return undefined;
}

/** A token standing for a number known only at deploy time. */
function numberToken(c: CatalogueContext, id: string): number {
  return new CfnParameter(c.stack, id, { type: 'Number' }).valueAsNumber;
}

/** A token standing for a string known only at deploy time. */
function stringToken(c: CatalogueContext, id: string): string {
  return new CfnParameter(c.stack, id, { type: 'String' }).valueAsString;
}

export const VALID_INPUTS: readonly ValidInput[] = [
  // Limits.
  {
    construct: 'MicroserviceCluster',
    description: 'maxAzs 1 with natGateways 1 (and a new VPC)',
    build: (c) => new MicroserviceCluster(c.stack, 'Cluster', { maxAzs: 1, natGateways: 1 }),
  },
  {
    construct: 'MicroserviceCluster',
    description: 'natGateways 0',
    build: (c) => new MicroserviceCluster(c.stack, 'Cluster', { maxAzs: 2, natGateways: 0 }),
  },
  {
    construct: 'MicroserviceCluster',
    description: 'a domainName equal to the zone apex, with an upper-case letter',
    build: (c) => c.newCluster('Cluster', { domain: { domainName: 'Example.com', hostedZone: c.zone() } }),
  },
  {
    construct: 'MicroserviceCluster',
    description: 'a clusterName of 255 characters',
    build: (c) => c.newCluster('Cluster', { clusterName: 'c'.repeat(255) }),
  },
  {
    construct: 'DiscoverableService',
    description: 'port 1 and port 65535',
    build: (c) => {
      c.service('Low', { port: 1 });
      c.service('High', { port: 65535 });
    },
  },
  {
    construct: 'DiscoverableService',
    description: 'a serviceName of 63 characters',
    build: (c) => c.service('Orders', { serviceName: LONG_LABEL }),
  },
  {
    construct: 'DiscoverableService',
    description: 'the largest Fargate task (16384 CPU units, 122880 MiB)',
    build: (c) => c.service('Orders', { cpu: 16384, memoryLimitMiB: 122880 }),
  },
  {
    construct: 'DiscoverableService',
    description: 'minCapacity 0 = maxCapacity 0 (scaled to zero)',
    build: (c) => c.service('Orders', { minCapacity: 0, maxCapacity: 0 }),
  },
  {
    construct: 'DiscoverableService',
    description: 'utilisation targets 1 and 100',
    build: (c) => c.service('Orders', { targetCpuUtilization: 1, targetMemoryUtilization: 100 }),
  },
  {
    construct: 'DiscoverableService',
    description: 'environment names starting with _ and mixed case',
    build: (c) => c.service('Orders', { environment: { _Debug: '1', logLevel: 'info' } }),
  },
  {
    construct: 'DiscoverableService',
    description: 'ARM64 with the profile\'s Spot default (falls back to ON_DEMAND)',
    build: (c) => c.service('Orders', { cpuArchitecture: ecs.CpuArchitecture.ARM64 }),
  },
  {
    construct: 'DiscoverableService',
    description: 'connectTo from two services to one, and twice to the same service',
    build: (c) => {
      const orders = c.service('Orders');
      const web = c.service('Web');
      web.connectTo(orders);
      web.connectTo(orders);
      c.service('Api').connectTo(orders);
    },
  },
  {
    construct: 'AutoscaledFargateService',
    description: 'a path pattern of exactly 128 characters',
    build: (c) => c.publicService('Web', { pathPatterns: [LONG_PATH] }),
  },
  {
    construct: 'AutoscaledFargateService',
    description: '5 condition values and 5 wildcards in one rule',
    build: (c) => c.publicService('Web', { pathPatterns: ['/a/*', '/b/*', '/c/*'], hostHeaders: ['*.example.com', 'shop?.example.com'] }),
  },
  {
    construct: 'AutoscaledFargateService',
    description: 'priorities 1 and 50000',
    build: (c) => {
      c.publicService('First', { pathPatterns: ['/first/*'], priority: 1 });
      c.publicService('Last', { pathPatterns: ['/*'], priority: 50000 });
    },
  },
  {
    construct: 'AutoscaledFargateService',
    description: 'deregistrationDelay 0 s and 3600 s, healthCheckPath /',
    build: (c) => {
      c.publicService('Fast', { pathPatterns: ['/fast/*'], deregistrationDelay: Duration.seconds(0), healthCheckPath: '/' });
      c.publicService('Slow', { pathPatterns: ['/slow/*'], deregistrationDelay: Duration.hours(1), capacity: CapacityStrategy.ON_DEMAND });
    },
  },
  {
    construct: 'AutoscaledFargateService',
    description: 'requestsPerTarget 1',
    build: (c) => c.publicService('Web', { requestsPerTarget: 1 }),
  },
  {
    construct: 'SecretsFromSsm',
    description: 'a parameter name with 15 levels, a relative name under pathPrefix, a Secrets Manager reference',
    build: (c) => c.secrets('Secrets', {
      DEEP: `/${Array.from({ length: 15 }, (_, i) => `l${i}`).join('/')}`,
      RELATIVE: 'db-password',
      FROM_SECRETS_MANAGER: '/aws/reference/secretsmanager/shop/db',
    }, '/shop/orders'),
  },
  {
    construct: 'SecretsFromSsm',
    description: 'a parameter ARN of another Region in the same account',
    build: (c) => c.secrets('Secrets', { DB_PASSWORD: 'arn:aws:ssm:us-east-1:123456789012:parameter/shop/db-password' }),
  },

  // Tokens: never judged by their content.
  {
    construct: 'MicroserviceCluster',
    description: 'tokens for clusterName and namespaceName',
    build: (c) => new MicroserviceCluster(c.stack, 'Cluster', {
      vpc: c.vpc(),
      clusterName: stringToken(c, 'ClusterName'),
      namespaceName: stringToken(c, 'NamespaceName'),
    }),
  },
  {
    construct: 'MicroserviceCluster',
    description: 'a token domainName',
    build: (c) => c.newCluster('Cluster', { domain: { domainName: stringToken(c, 'Domain'), hostedZone: c.zone() } }),
  },
  {
    construct: 'DiscoverableService',
    description: 'tokens for the utilisation targets',
    build: (c) => c.service('Orders', { targetCpuUtilization: numberToken(c, 'Cpu'), targetMemoryUtilization: numberToken(c, 'Memory') }),
  },
  {
    construct: 'DiscoverableService',
    description: 'tokens for minCapacity and maxCapacity',
    build: (c) => c.service('Orders', { minCapacity: numberToken(c, 'Min'), maxCapacity: numberToken(c, 'Max') }),
  },
  {
    construct: 'DiscoverableService',
    description: 'tokens for cpu and memoryLimitMiB',
    build: (c) => c.service('Orders', { cpu: numberToken(c, 'TaskCpu'), memoryLimitMiB: numberToken(c, 'TaskMemory') }),
  },
  {
    construct: 'AutoscaledFargateService',
    description: 'tokens for pathPatterns, hostHeaders, priority, healthCheckPath and deregistrationDelay',
    build: (c) => c.publicService('Web', {
      pathPatterns: [Lazy.string({ produce: () => '/api/*' })],
      hostHeaders: [stringToken(c, 'Host')],
      priority: numberToken(c, 'Priority'),
      healthCheckPath: stringToken(c, 'HealthCheckPath'),
      deregistrationDelay: Duration.seconds(numberToken(c, 'Delay')),
    }),
  },
  {
    construct: 'SecretsFromSsm',
    description: 'tokens for a parameter name and pathPrefix',
    build: (c) => new SecretsFromSsm(c.stack, 'Secrets', {
      pathPrefix: stringToken(c, 'Prefix'),
      parameters: { DB_PASSWORD: stringToken(c, 'Parameter') },
    }),
  },
];
