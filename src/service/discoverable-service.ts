import { Annotations, Duration, Stack, TimeZone, Validations } from 'aws-cdk-lib';
import * as appscaling from 'aws-cdk-lib/aws-applicationautoscaling';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as servicediscovery from 'aws-cdk-lib/aws-servicediscovery';
import { Construct } from 'constructs';
import { describeImage } from './image';
import { renderText, resourceRefs } from '../cluster/describe';
import { MicroserviceCluster } from '../cluster/microservice-cluster';
import { ServiceModel } from '../cluster/registry';
import { describeFargateMemory, fargateMemoryOptions } from '../internal/fargate';
import { pinFeatureFlags } from '../internal/feature-flags';
import { DNS_LABEL, ENV_NAME, kebabCase, pascalCase, screamingSnakeCase } from '../internal/naming';
import { PropsValidator, isToken, problem, show } from '../internal/validation';
import { acknowledgeKnownWildcards } from '../internal/wildcard-acknowledgements';
import { CapacityStrategy, LIBRARY_DEFAULTS, PROFILE_DEFAULTS } from '../profiles';
import { ParameterArnSecret, SecretEntry, SecretsStatements } from '../secrets/secret-grants';
import { SecretsFromSsm } from '../secrets/secrets-from-ssm';

/**
 * A window in which the task count bounds change (e.g. scale to 0 at night).
 */
export interface ScheduledScalingWindow {
  /**
   * When the window starts, e.g. `appscaling.Schedule.cron({ hour: '20', minute: '0' })`.
   */
  readonly schedule: appscaling.Schedule;
  /**
   * Lower bound from then on.
   * @default - unchanged
   */
  readonly minCapacity?: number;
  /**
   * Upper bound from then on.
   * @default - unchanged
   */
  readonly maxCapacity?: number;
  /**
   * Time zone of a cron schedule.
   * @default - UTC
   */
  readonly timeZone?: TimeZone;
}

/**
 * Properties of a DiscoverableService.
 */
export interface DiscoverableServiceProps {
  /** The cluster the service joins. */
  readonly cluster: MicroserviceCluster;
  /** The container image. */
  readonly image: ecs.ContainerImage;
  /**
   * The service's name in the cluster: a DNS label, unique in the cluster. Others call it at `http://<serviceName>:<port>`.
   * @default - the construct id in kebab-case (`OrdersApi` → `orders-api`)
   */
  readonly serviceName?: string;
  /**
   * Port the container listens on (HTTP).
   * @default 8080
   */
  readonly port?: number;
  /**
   * Task CPU units (256, 512, 1024, 2048, 4096, 8192 or 16384).
   * @default 256
   */
  readonly cpu?: number;
  /**
   * Task memory in MiB; only valid Fargate pairs with `cpu`.
   * @default 512
   */
  readonly memoryLimitMiB?: number;
  /**
   * Fixed task count of a service that is not autoscaled. An error on an autoscaled service (use `minCapacity`).
   * @default - the profile's minimum task count (1 in DEVELOPMENT, 2 in STAGING and PRODUCTION)
   */
  readonly desiredCount?: number;
  /**
   * Plain environment variables (never secrets: use `secrets`).
   * @default - none
   */
  readonly environment?: { [name: string]: string };
  /**
   * Secrets from SSM Parameter Store, injected by ECS at task start
   * (combine several sets with `SecretsFromSsm.combine`).
   * @default - none
   */
  readonly secrets?: SecretsFromSsm;
  /**
   * Command of the container.
   * @default - the image's CMD
   */
  readonly command?: string[];
  /**
   * Container health check (Service Connect and ECS only route to healthy tasks).
   * @default - none
   */
  readonly healthCheck?: ecs.HealthCheck;
  /**
   * Mount the root filesystem read-only. ECS Exec keeps working: the paths its
   * agent writes (`/var/lib/amazon/ssm`, `/var/log/amazon/ssm`) are mounted as task volumes.
   * @default false
   */
  readonly readonlyRootFilesystem?: boolean;
  /**
   * CPU architecture. Fargate Spot runs only X86_64: with ARM64 the profile's Spot
   * default falls back to ON_DEMAND, and an explicit SPOT or MIXED is an error.
   * @default ecs.CpuArchitecture.X86_64
   */
  readonly cpuArchitecture?: ecs.CpuArchitecture;
  /**
   * Fargate, Fargate Spot, or one on-demand task plus Spot.
   * @default - SPOT in DEVELOPMENT, MIXED in STAGING, ON_DEMAND in PRODUCTION (ON_DEMAND with ARM64)
   */
  readonly capacity?: CapacityStrategy;
  /**
   * Lower bound of the task count. Setting any scaling prop autoscales a DiscoverableService.
   * @default - by profile: 1 in DEVELOPMENT, 2 in STAGING and PRODUCTION
   */
  readonly minCapacity?: number;
  /**
   * Upper bound of the task count.
   * @default - by profile: 2 in DEVELOPMENT, 4 in STAGING, 10 in PRODUCTION (raised to minCapacity when that is larger)
   */
  readonly maxCapacity?: number;
  /**
   * CPU utilisation (1–100 %) that target tracking keeps.
   * @default 70
   */
  readonly targetCpuUtilization?: number;
  /**
   * Memory utilisation (1–100 %) that target tracking keeps.
   * @default - no memory scaling
   */
  readonly targetMemoryUtilization?: number;
  /**
   * Scheduled changes of the task count bounds.
   * @default - none
   */
  readonly scheduledScaling?: ScheduledScalingWindow[];
  /**
   * Retention of the service's log group.
   * @default - by profile: 1 week in DEVELOPMENT, 1 month in STAGING, 1 year in PRODUCTION
   */
  readonly logRetention?: logs.RetentionDays;
}

/**
 * An internal HTTP service that others in the cluster can call at
 * `http://<serviceName>:<port>` (Service Connect), and clients outside ECS at
 * `<serviceName>.<namespace>` (a Cloud Map A record).
 *
 * Tasks run in private subnets without public IPs, behind their own security
 * group that admits only what `connectTo` / `allowFrom` opened; deployments
 * roll back on failure; ECS Exec is on.
 *
 * @example
 * const orders = new DiscoverableService(stack, 'Orders', {
 *   cluster,
 *   image: ecs.ContainerImage.fromRegistry('public.ecr.aws/acme/orders:1.4.2'),
 * });
 */
export class DiscoverableService extends Construct implements ec2.IConnectable, iam.IGrantable {
  /** The ECS service. */
  public readonly service: ecs.FargateService;
  /** The task definition. */
  public readonly taskDefinition: ecs.FargateTaskDefinition;
  /** The application container (named after the service). */
  public readonly container: ecs.ContainerDefinition;
  /** The service's DNS label in the cluster. */
  public readonly serviceName: string;
  /** The container port. */
  public readonly port: number;
  /** `http://<serviceName>:<port>`: the Service Connect alias other services call. */
  public readonly endpoint: string;
  /** `<serviceName>.<namespace>`: the Cloud Map A record for clients outside ECS. */
  public readonly dnsName: string;
  /** The service's log group. */
  public readonly logGroup: logs.LogGroup;
  /** The tasks' security group(s); the default port is the container port. */
  public readonly connections: ec2.Connections;
  /** The task role (no permissions beyond ECS Exec's by default). */
  public readonly grantPrincipal: iam.IPrincipal;
  /** The cluster the service belongs to. */
  public readonly microserviceCluster: MicroserviceCluster;
  /** Task count scaling, when the service is autoscaled. */
  public readonly scaling?: ecs.ScalableTaskCount;

  /** @internal */
  protected readonly _securityGroup: ec2.SecurityGroup;
  /** The resolved capacity strategy (the profile's, or ON_DEMAND for ARM64 when not set). @internal */
  protected readonly _capacity: CapacityStrategy;
  private readonly environment: Record<string, string>;
  private readonly userEnvironment: ReadonlySet<string>;
  private readonly secretEntries: SecretEntry[] = [];
  private readonly connectedTo: DiscoverableService[] = [];
  private readonly model: Pick<ServiceModel, 'cpu' | 'memoryMiB' | 'architecture' | 'capacity' | 'readonlyRootFilesystem' | 'desiredCount' | 'scaling'>;
  private readonly props: DiscoverableServiceProps;

  public constructor(scope: Construct, id: string, props: DiscoverableServiceProps) {
    super(scope, id);
    pinFeatureFlags(this);
    this.props = props;
    const cluster = props.cluster;
    const defaults = PROFILE_DEFAULTS[cluster.profile];
    this.microserviceCluster = cluster;
    this.serviceName = props.serviceName ?? kebabCase(id);
    this.port = props.port ?? LIBRARY_DEFAULTS.port;
    const cpu = props.cpu ?? LIBRARY_DEFAULTS.cpu;
    const memoryLimitMiB = props.memoryLimitMiB ?? LIBRARY_DEFAULTS.memoryLimitMiB;
    const architecture = props.cpuArchitecture ?? ecs.CpuArchitecture.X86_64;
    const arm = architecture === ecs.CpuArchitecture.ARM64;
    const capacity = props.capacity ?? (arm ? CapacityStrategy.ON_DEMAND : defaults.capacity);
    this._capacity = capacity;
    const autoscaled = this._alwaysAutoscaled() || [props.minCapacity, props.maxCapacity, props.targetCpuUtilization,
      props.targetMemoryUtilization, props.scheduledScaling].some((p) => p !== undefined);
    const minCapacity = props.minCapacity ?? defaults.minCapacity;
    const maxCapacity = props.maxCapacity ?? Math.max(defaults.maxCapacity, isToken(minCapacity) ? 0 : minCapacity);
    const targetCpuUtilization = props.targetCpuUtilization ?? LIBRARY_DEFAULTS.targetCpuUtilization;
    const readonlyRootFilesystem = props.readonlyRootFilesystem ?? LIBRARY_DEFAULTS.readonlyRootFilesystem;
    // An autoscaled service leaves DesiredCount out of the template, so a deploy never resets a scaled-out service.
    const desiredCount = autoscaled ? undefined : (props.desiredCount ?? minCapacity);

    this.validate(props, { cpu, memoryLimitMiB, arm, autoscaled, minCapacity, maxCapacity });

    this.endpoint = `http://${this.serviceName}:${this.port}`;
    this.dnsName = `${this.serviceName}.${cluster.namespace.namespaceName}`;
    this.environment = { ...props.environment };
    this.userEnvironment = new Set(Object.keys(props.environment ?? {}));

    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: props.logRetention ?? defaults.logRetention,
      removalPolicy: defaults.logRemovalPolicy,
      encryptionKey: cluster._logEncryptionKey,
    });

    this.taskDefinition = new ecs.FargateTaskDefinition(this, 'TaskDefinition', {
      cpu,
      memoryLimitMiB,
      runtimePlatform: { cpuArchitecture: architecture, operatingSystemFamily: ecs.OperatingSystemFamily.LINUX },
    });
    this.grantPrincipal = this.taskDefinition.taskRole;

    this.container = this.taskDefinition.addContainer('Container', {
      containerName: this.serviceName,
      image: props.image,
      command: props.command,
      essential: true,
      environment: this.environment,
      healthCheck: props.healthCheck,
      readonlyRootFilesystem,
      logging: ecs.LogDrivers.awsLogs({ logGroup: this.logGroup, streamPrefix: this.serviceName }),
      portMappings: [{
        containerPort: this.port,
        name: this.serviceName,
        appProtocol: ecs.AppProtocol.http,
      }],
    });
    if (readonlyRootFilesystem) {
      this.mountExecAgentPaths();
    }

    this._securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: cluster.vpc,
      description: `Tasks of ${this.serviceName} (${this.node.path})`,
      allowAllOutbound: true,
    });
    this.connections = new ec2.Connections({ securityGroups: [this._securityGroup], defaultPort: ec2.Port.tcp(this.port) });

    this.service = new ecs.FargateService(this, 'Service', {
      cluster: cluster.cluster,
      taskDefinition: this.taskDefinition,
      desiredCount,
      assignPublicIp: false,
      vpcSubnets: { subnets: cluster.vpc.privateSubnets },
      securityGroups: [this._securityGroup],
      circuitBreaker: { enable: true, rollback: true },
      deploymentController: { type: ecs.DeploymentControllerType.ECS },
      minHealthyPercent: LIBRARY_DEFAULTS.minHealthyPercent,
      maxHealthyPercent: LIBRARY_DEFAULTS.maxHealthyPercent,
      // ECS Exec is switched on below, with the cluster's shared exec policy instead of a policy per task role.
      enableExecuteCommand: false,
      propagateTags: ecs.PropagatedTagSource.SERVICE,
      capacityProviderStrategies: capacityProviderStrategies(capacity),
      healthCheckGracePeriod: this._alwaysAutoscaled() ? LIBRARY_DEFAULTS.healthCheckGracePeriod : undefined,
      cloudMapOptions: {
        name: this.serviceName,
        cloudMapNamespace: cluster.namespace,
        dnsRecordType: servicediscovery.DnsRecordType.A,
        dnsTtl: LIBRARY_DEFAULTS.dnsTtl,
      },
      serviceConnectConfiguration: {
        namespace: cluster.namespace.namespaceArn,
        services: [{
          portMappingName: this.serviceName,
          // Must differ from the Cloud Map A-record service above: both live in the namespace.
          discoveryName: `${this.serviceName}${LIBRARY_DEFAULTS.serviceConnectDiscoverySuffix}`,
          dnsName: this.serviceName,
          port: this.port,
        }],
        logDriver: ecs.LogDrivers.awsLogs({ logGroup: this.logGroup, streamPrefix: 'service-connect' }),
      },
    });

    (this.service.node.defaultChild as ecs.CfnService).enableExecuteCommand = true;
    this.taskDefinition.taskRole.addManagedPolicy(cluster._ensureExecPolicy());

    if (autoscaled) {
      this.scaling = this.service.autoScaleTaskCount({ minCapacity, maxCapacity });
      this.scaling.scaleOnCpuUtilization('Cpu', {
        targetUtilizationPercent: targetCpuUtilization,
        scaleOutCooldown: LIBRARY_DEFAULTS.scaleOutCooldown,
        scaleInCooldown: LIBRARY_DEFAULTS.scaleInCooldown,
      });
      if (props.targetMemoryUtilization !== undefined) {
        this.scaling.scaleOnMemoryUtilization('Memory', {
          targetUtilizationPercent: props.targetMemoryUtilization,
          scaleOutCooldown: LIBRARY_DEFAULTS.scaleOutCooldown,
          scaleInCooldown: LIBRARY_DEFAULTS.scaleInCooldown,
        });
      }
      (props.scheduledScaling ?? []).forEach((w, i) => {
        this.scaling!.scaleOnSchedule(`Schedule${i + 1}`, {
          schedule: w.schedule,
          minCapacity: w.minCapacity,
          maxCapacity: w.maxCapacity,
          timeZone: w.timeZone,
        });
      });
    }

    if (props.secrets) {
      this.bindSecrets(props.secrets);
    }

    this.model = {
      cpu,
      memoryMiB: memoryLimitMiB,
      architecture: arm ? 'ARM64' : 'X86_64',
      capacity,
      readonlyRootFilesystem,
      desiredCount,
      scaling: autoscaled ? {
        minCapacity,
        maxCapacity,
        triggers: [
          `CPU ${targetCpuUtilization} %`,
          ...(props.targetMemoryUtilization !== undefined ? [`memory ${props.targetMemoryUtilization} %`] : []),
          ...(props.scheduledScaling ?? []).map((w) => `schedule ${w.schedule.expressionString} → ${w.minCapacity ?? '·'}–${w.maxCapacity ?? '·'}`),
        ],
      } : undefined,
    };

    this.acknowledgeKnownFindings();
    cluster._registerService({ construct: this, serviceName: this.serviceName, describe: () => this._describe() });
  }

  /**
   * Lets this service call `other` at `other.endpoint`: opens `other.port` from this
   * service's security group to `other`'s, and sets `<OTHER_NAME>_URL` = `other.endpoint`
   * in this container's environment (`api-orders` → `API_ORDERS_URL`).
   */
  public connectTo(other: DiscoverableService): void {
    const variable = `${screamingSnakeCase(other.serviceName)}_URL`;
    new PropsValidator(this, 'DiscoverableService.connectTo')
      .check(other !== this, () => `connectTo: '${this.node.path}' cannot connect to itself. Remove the call.`)
      .check(other.microserviceCluster === this.microserviceCluster, () =>
        `connectTo: '${other.node.path}' belongs to cluster '${other.microserviceCluster.node.path}', not to '${this.microserviceCluster.node.path}'; `
        + 'Service Connect only reaches services of the same namespace. Put both services in one cluster, or call it through its load balancer URL.')
      .check(!this.userEnvironment.has(variable), () =>
        `connectTo: environment variable ${variable} is already set in environment (${show(this.environment[variable])}); `
        + `connectTo(${other.serviceName}) would overwrite it. Remove ${variable} from environment: connectTo sets it to ${other.endpoint}.`)
      .check(!this.secretEntries.some((s) => s.environmentName === variable), () =>
        `connectTo: ${variable} is a secret of this service; connectTo(${other.serviceName}) would set it too. Rename the secret.`)
      .throwIfInvalid();
    if (this.connectedTo.includes(other)) {
      return;
    }
    this.connectedTo.push(other);
    const host = ruleHost(this, other);
    // The id names the peer by its serviceName: stable, and unique in the cluster.
    new ec2.CfnSecurityGroupIngress(host, host === this ? `ConnectTo${pascalCase(other.serviceName)}` : `ConnectFrom${pascalCase(this.serviceName)}`, {
      groupId: other._securityGroup.securityGroupId,
      sourceSecurityGroupId: this._securityGroup.securityGroupId,
      ipProtocol: 'tcp',
      fromPort: other.port,
      toPort: other.port,
      description: `${this.serviceName} to ${other.serviceName} (connectTo)`,
    });
    this.container.addEnvironment(variable, other.endpoint);
    this.environment[variable] = other.endpoint;
  }

  /**
   * Admits traffic on the container port from a caller that is not a service of
   * the cluster (a Lambda function, an instance, a CIDR peer).
   */
  public allowFrom(peer: ec2.IConnectable): void {
    this.connections.allowFrom(peer, ec2.Port.tcp(this.port), `to ${this.serviceName} (allowFrom)`);
  }

  /**
   * Whether the service is autoscaled whatever its props say (public services are).
   * @internal
   */
  protected _alwaysAutoscaled(): boolean {
    return false;
  }

  /**
   * Describes the service for the artifacts.
   * @internal
   */
  public _describe(): ServiceModel {
    return {
      serviceName: this.serviceName,
      constructPath: this.node.path,
      stackName: Stack.of(this).stackName,
      port: this.port,
      endpoint: this.endpoint,
      dnsName: renderText(this, this.dnsName),
      image: describeImage(this.taskDefinition, this.container),
      command: this.props.command,
      environment: Object.fromEntries(Object.entries(this.environment).map(([k, v]) => [k, renderText(this, v)])),
      secrets: this.secretEntries.map((s) => ({ environmentName: s.environmentName, parameter: renderText(this, s.parameter), source: s.source })),
      healthCheck: this.props.healthCheck ? {
        command: this.props.healthCheck.command,
        intervalSeconds: (this.props.healthCheck.interval ?? Duration.seconds(30)).toSeconds(),
        timeoutSeconds: (this.props.healthCheck.timeout ?? Duration.seconds(5)).toSeconds(),
        retries: this.props.healthCheck.retries ?? 3,
        startPeriodSeconds: (this.props.healthCheck.startPeriod ?? Duration.seconds(0)).toSeconds(),
      } : undefined,
      ...this.model,
      connectsTo: this.connectedTo.map((s) => s.serviceName),
      public: false,
      securityGroups: resourceRefs(this._securityGroup, ec2.CfnSecurityGroup),
      roles: resourceRefs(this, iam.CfnRole),
    };
  }

  private bindSecrets(secrets: SecretsFromSsm): void {
    const statements = new SecretsStatements(this, ['ssm:GetParameters']);
    statements.grantTo(this.taskDefinition.obtainExecutionRole());
    secrets._bind({
      addSecretEntry: (entry) => {
        // Only the environment can clash: a SecretsFromSsm never hands out a name twice (combined sets included).
        new PropsValidator(this, 'DiscoverableService')
          .check(!Object.prototype.hasOwnProperty.call(this.environment, entry.environmentName), () =>
            `secrets: ${entry.environmentName} (from '${entry.source}') is also set in environment; a name is either plain or secret. `
            + 'Remove it from environment or rename the secret.')
          .throwIfInvalid();
        this.secretEntries.push(entry);
        this.container.addSecret(entry.environmentName, new ParameterArnSecret(entry.parameterArn));
        statements.add(entry);
      },
    });
    this.node.addValidation({
      validate: () => this.secretEntries.length > 0 ? [] : [
        `secrets: '${secrets.node.path}' has no parameters. Add one with parameters: { NAME: '/path' } or addParameter, or remove the secrets prop.`,
      ],
    });
  }

  /** ECS Exec's agent writes here; with a read-only root filesystem they must be volumes. */
  private mountExecAgentPaths(): void {
    for (const [name, containerPath] of [['exec-agent-lib', '/var/lib/amazon/ssm'], ['exec-agent-log', '/var/log/amazon/ssm']]) {
      this.taskDefinition.addVolume({ name });
      this.container.addMountPoints({ sourceVolume: name, containerPath, readOnly: false });
    }
  }

  private acknowledgeKnownFindings(): void {
    Validations.of(this.taskDefinition.obtainExecutionRole()).acknowledge({
      id: 'NIST.800.53.R5-IAMNoInlinePolicy',
      reason: 'The execution role\'s policy holds only what ECS needs to start this task: image pull, log writes to its log group, and exactly its secrets',
    });
    Validations.of(this.taskDefinition).acknowledge({
      id: 'AwsSolutions-ECS2',
      reason: 'Environment holds only the app\'s non-secret settings and the <NAME>_URL endpoints of connectTo; secrets are ECS secrets (valueFrom), never environment values',
    });
    // cdk-nag 3 matches IAM5 findings one by one (`AwsSolutions-IAM5[Resource::*]`): a bare 'AwsSolutions-IAM5'
    // acknowledges nothing. Only the library's own wildcard statements (ecr:GetAuthorizationToken) are acknowledged, at synth.
    acknowledgeKnownWildcards(this.taskDefinition, () => undefined);
  }

  private validate(
    props: DiscoverableServiceProps,
    r: { cpu: number; memoryLimitMiB: number; arm: boolean; autoscaled: boolean; minCapacity: number; maxCapacity: number },
  ): void {
    const kind = this._alwaysAutoscaled() ? 'AutoscaledFargateService' : 'DiscoverableService';
    const v = new PropsValidator(this, kind);
    v.matches('serviceName', this.serviceName, DNS_LABEL,
      'a DNS label: 1–63 lower-case letters, digits and inner hyphens',
      props.serviceName === undefined ? `It was derived from the construct id '${this.node.id}': set serviceName explicitly.`
        : `Use e.g. '${kebabCase(this.serviceName).slice(0, 63) || 'orders'}'.`);
    v.integerInRange('port', this.port, 1, 65535, 'Set the port the container listens on.');
    // Service Connect and the security-group rules need the number itself: the one prop a token cannot stand for.
    v.check(!isToken(this.port), () =>
      'port: a CDK token is not allowed: expected a literal integer from 1 to 65535 (Service Connect aliases and security-group rules need the number at synth). '
      + 'Pass the number, e.g. from a context value read with Number(app.node.tryGetContext(...)).');
    if (!isToken(r.cpu) && !isToken(r.memoryLimitMiB)) {
      const options = fargateMemoryOptions(r.cpu);
      v.check(options !== undefined, () => problem('cpu', r.cpu, describeFargateMemory(r.cpu), 'Pick a valid Fargate cpu/memory pair.'));
      v.check(options === undefined || options.includes(r.memoryLimitMiB), () =>
        problem('memoryLimitMiB', r.memoryLimitMiB, describeFargateMemory(r.cpu), 'Pick a valid Fargate cpu/memory pair.'));
    }
    v.check(!(r.autoscaled && props.desiredCount !== undefined), () =>
      `desiredCount: ${show(props.desiredCount)} is not allowed on an autoscaled service (the template leaves DesiredCount out, so a deploy never resets a scaled-out service). `
      + 'Set minCapacity instead.');
    v.integerInRange('desiredCount', props.desiredCount, 0, 10_000, 'Use a whole number of tasks.');
    v.integerInRange('minCapacity', props.minCapacity, 0, 10_000, 'Use a whole number of tasks (0 scales to zero).');
    v.integerInRange('maxCapacity', props.maxCapacity, 0, 10_000, 'Use a whole number of tasks.');
    v.check(isToken(r.minCapacity) || isToken(r.maxCapacity) || r.minCapacity <= r.maxCapacity, () =>
      `minCapacity (${r.minCapacity}) must not exceed maxCapacity (${r.maxCapacity}). Lower minCapacity or raise maxCapacity.`);
    v.numberInRange('targetCpuUtilization', props.targetCpuUtilization, 1, 100, 'Give a percentage, e.g. 70.');
    v.numberInRange('targetMemoryUtilization', props.targetMemoryUtilization, 1, 100, 'Give a percentage, e.g. 80.');
    for (const name of Object.keys(props.environment ?? {})) {
      v.matches('environment', name, ENV_NAME, 'names of letters, digits and underscores, not starting with a digit',
        `Rename it, e.g. ${name.replace(/[^A-Za-z0-9_]/g, '_').replace(/^([0-9])/, '_$1')}.`);
    }
    const explicitSpot = props.capacity === CapacityStrategy.SPOT || props.capacity === CapacityStrategy.MIXED;
    v.check(!(r.arm && explicitSpot), () =>
      problem('capacity', props.capacity, 'ON_DEMAND with cpuArchitecture ARM64 (Fargate Spot runs only X86_64)',
        'Use CapacityStrategy.ON_DEMAND, or cpuArchitecture X86_64 for Spot.'));
    (props.scheduledScaling ?? []).forEach((w, i) => {
      v.integerInRange(`scheduledScaling[${i}].minCapacity`, w.minCapacity, 0, 10_000, 'Use a whole number of tasks.');
      v.integerInRange(`scheduledScaling[${i}].maxCapacity`, w.maxCapacity, 0, 10_000, 'Use a whole number of tasks.');
      v.check(w.minCapacity === undefined || w.maxCapacity === undefined || isToken(w.minCapacity) || isToken(w.maxCapacity)
        || w.minCapacity <= w.maxCapacity, () =>
        `scheduledScaling[${i}]: minCapacity (${w.minCapacity}) must not exceed maxCapacity (${w.maxCapacity}). Lower minCapacity or raise maxCapacity.`);
    });
    v.throwIfInvalid();
    if (r.arm && props.capacity === undefined && PROFILE_DEFAULTS[props.cluster.profile].capacity !== CapacityStrategy.ON_DEMAND) {
      Annotations.of(this).addInfo(`cpuArchitecture ARM64: Fargate Spot runs only X86_64, so capacity is ON_DEMAND instead of the ${props.cluster.profile} profile's ${PROFILE_DEFAULTS[props.cluster.profile].capacity}.`);
    }
  }
}

function capacityProviderStrategies(capacity: CapacityStrategy): ecs.CapacityProviderStrategy[] {
  switch (capacity) {
    case CapacityStrategy.SPOT:
      return [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }];
    case CapacityStrategy.MIXED:
      return [
        { capacityProvider: 'FARGATE', base: LIBRARY_DEFAULTS.mixedOnDemandBase, weight: LIBRARY_DEFAULTS.mixedOnDemandWeight },
        { capacityProvider: 'FARGATE_SPOT', weight: LIBRARY_DEFAULTS.mixedSpotWeight },
      ];
    default:
      return [{ capacityProvider: 'FARGATE', weight: 1 }];
  }
}

/**
 * Where the ingress rule of `from` → `to` lives, decided by the two stacks
 * alone (never by the order of calls, so rules do not move between stacks):
 * the same stack when both share one; never the cluster's stack (it must not
 * depend on a service stack); otherwise the stack whose construct path sorts
 * last. Every cross-stack reference then points from a later stack to an
 * earlier one or to the cluster's stack, so connections in any direction
 * never form a cycle.
 */
function ruleHost(from: DiscoverableService, to: DiscoverableService): DiscoverableService {
  const fromStack = Stack.of(from);
  const toStack = Stack.of(to);
  if (fromStack === toStack) {
    return from;
  }
  const clusterStack = Stack.of(from.microserviceCluster);
  if (fromStack === clusterStack || toStack === clusterStack) {
    return fromStack === clusterStack ? to : from;
  }
  return fromStack.node.path > toStack.node.path ? from : to;
}
