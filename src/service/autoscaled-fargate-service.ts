import { Annotations, Duration } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { Construct } from 'constructs';
import { DiscoverableService, DiscoverableServiceProps } from './discoverable-service';
import { renderText } from '../cluster/describe';
import { ServiceModel } from '../cluster/registry';
import { PropsValidator, problem } from '../internal/validation';
import { CapacityStrategy, LIBRARY_DEFAULTS, PROFILE_DEFAULTS } from '../profiles';

/**
 * Properties of an AutoscaledFargateService.
 */
export interface AutoscaledFargateServiceProps extends DiscoverableServiceProps {
  /**
   * Path patterns routed to the service (`/api/orders/*`). At least one of
   * `pathPatterns` and `hostHeaders` is required; at most 5 values in all.
   * @default - any path (requires hostHeaders)
   */
  readonly pathPatterns?: string[];
  /**
   * Host headers routed to the service (`api.example.com`).
   * @default - any host (requires pathPatterns)
   */
  readonly hostHeaders?: string[];
  /**
   * Explicit listener rule priority (1–50000, unique on the listener).
   * @default - derived from the route alone, so other services never change it
   */
  readonly priority?: number;
  /**
   * Path the load balancer health-checks.
   * @default '/'
   */
  readonly healthCheckPath?: string;
  /**
   * Also scale on ALB requests per task (target tracking).
   * @default - CPU scaling only
   */
  readonly requestsPerTarget?: number;
  /**
   * How long the load balancer drains a task before deregistering it (0–3600 s).
   * @default - by profile: 10 s in DEVELOPMENT, 30 s in STAGING, 60 s in PRODUCTION
   */
  readonly deregistrationDelay?: Duration;
}

/**
 * A public HTTP service behind the cluster's shared load balancer, always
 * autoscaled, and discoverable by other services like a DiscoverableService.
 *
 * @example
 * const web = new AutoscaledFargateService(stack, 'Web', {
 *   cluster,
 *   image: ecs.ContainerImage.fromAsset('./web'),
 *   pathPatterns: ['/*'],
 *   healthCheckPath: '/health',
 * });
 */
export class AutoscaledFargateService extends DiscoverableService {
  /** The target group of the tasks. */
  public readonly targetGroup: elbv2.ApplicationTargetGroup;
  /** The rule on the shared listener. */
  public readonly listenerRule: elbv2.ApplicationListenerRule;
  /** The cluster URL plus the first path prefix (`https://shop.example.com/api/`). */
  public readonly url: string;

  private readonly healthCheckPath: string;
  private readonly requestsPerTarget?: number;

  public constructor(scope: Construct, id: string, props: AutoscaledFargateServiceProps) {
    super(scope, id, props);
    const cluster = props.cluster;
    const defaults = PROFILE_DEFAULTS[cluster.profile];
    this.healthCheckPath = props.healthCheckPath ?? LIBRARY_DEFAULTS.healthCheckPath;
    this.requestsPerTarget = props.requestsPerTarget;
    const deregistrationDelay = props.deregistrationDelay ?? defaults.deregistrationDelay;
    new PropsValidator(this, 'AutoscaledFargateService')
      .matches('healthCheckPath', this.healthCheckPath, /^\/[\x21-\x7e]{0,1023}$/, "a path starting with '/' (at most 1024 characters, no spaces)",
        "Start it with '/' (e.g. '/health'), without spaces.")
      .integerInRange('requestsPerTarget', props.requestsPerTarget, 1, 1_000_000,
        'Set the requests per task per minute that scaling keeps, or leave it out for CPU scaling only.')
      .integerInRange('deregistrationDelay', deregistrationDelay.toSeconds(), 0, 3600, 'Use Duration.seconds(0) to Duration.seconds(3600).')
      .throwIfInvalid();

    this.targetGroup = new elbv2.ApplicationTargetGroup(this, 'TargetGroup', {
      vpc: cluster.vpc,
      port: this.port,
      protocol: elbv2.ApplicationProtocol.HTTP,
      targetType: elbv2.TargetType.IP,
      deregistrationDelay,
      healthCheck: {
        path: this.healthCheckPath,
        interval: LIBRARY_DEFAULTS.healthCheckInterval,
        timeout: LIBRARY_DEFAULTS.healthCheckTimeout,
        healthyThresholdCount: LIBRARY_DEFAULTS.healthyThresholdCount,
        unhealthyThresholdCount: LIBRARY_DEFAULTS.unhealthyThresholdCount,
        healthyHttpCodes: LIBRARY_DEFAULTS.healthyHttpCodes,
      },
    });
    this.listenerRule = cluster._addRoute(this, 'ListenerRule', props, elbv2.ListenerAction.forward([this.targetGroup]),
      () => ({ kind: 'forward', serviceName: this.serviceName, port: this.port }), 'AutoscaledFargateService');

    // Attach without CDK's automatic security-group wiring, which would put
    // rules into the cluster's stack: both sides live here, in this service's scope.
    const cfnService = this.service.node.defaultChild as ecs.CfnService;
    cfnService.loadBalancers = [{ containerName: this.serviceName, containerPort: this.port, targetGroupArn: this.targetGroup.targetGroupArn }];
    this.service.node.addDependency(this.listenerRule);
    const albSecurityGroup = cluster._ensureLoadBalancerSecurityGroup();
    new ec2.CfnSecurityGroupIngress(this, 'FromLoadBalancer', {
      groupId: this._securityGroup.securityGroupId,
      sourceSecurityGroupId: albSecurityGroup.securityGroupId,
      ipProtocol: 'tcp',
      fromPort: this.port,
      toPort: this.port,
      description: `Load balancer to ${this.serviceName}`,
    });
    new ec2.CfnSecurityGroupEgress(this, 'LoadBalancerEgress', {
      groupId: albSecurityGroup.securityGroupId,
      destinationSecurityGroupId: this._securityGroup.securityGroupId,
      ipProtocol: 'tcp',
      fromPort: this.port,
      toPort: this.port,
      description: `Load balancer to ${this.serviceName}`,
    });

    if (props.requestsPerTarget !== undefined) {
      this.scaling!.scaleOnRequestCount('Requests', {
        requestsPerTarget: props.requestsPerTarget,
        targetGroup: this.targetGroup,
        scaleOutCooldown: LIBRARY_DEFAULTS.scaleOutCooldown,
        scaleInCooldown: LIBRARY_DEFAULTS.scaleInCooldown,
      });
    }

    if (this._capacity !== CapacityStrategy.ON_DEMAND && deregistrationDelay.toSeconds() > LIBRARY_DEFAULTS.spotSafeDeregistrationDelay.toSeconds()) {
      Annotations.of(this).addWarningV2('cdk-microservices:AutoscaledFargateService.spotDeregistrationDelay',
        `${problem('deregistrationDelay', `${deregistrationDelay.toSeconds()} s`, `at most ${LIBRARY_DEFAULTS.spotSafeDeregistrationDelay.toSeconds()} s with Spot capacity`)} `
        + 'Fargate Spot stops a task 2 minutes after its notice, before draining ends. Lower deregistrationDelay or use CapacityStrategy.ON_DEMAND.');
    }

    // DESIGN: https://<first exact host header or domainName><prefix> with a domain, else http://<ALB DNS name><prefix>.
    const prefix = (props.pathPatterns ?? [])[0]?.replace(/\*$/, '') ?? '';
    const host = (props.hostHeaders ?? []).find((h) => !h.includes('*') && !h.includes('?'));
    const base = host && cluster.url!.startsWith('https://') ? `https://${host}` : cluster.url!;
    this.url = `${base}${prefix === '/' ? '' : prefix}`;
  }

  /** @internal */
  protected _alwaysAutoscaled(): boolean {
    return true;
  }

  /** @internal */
  public _describe(): ServiceModel {
    const base = super._describe();
    const triggers = [...base.scaling!.triggers];
    if (this.requestsPerTarget !== undefined) {
      triggers.push(`${this.requestsPerTarget} ALB requests / target`);
    }
    return {
      ...base,
      public: true,
      url: renderText(this, this.url),
      healthCheckPath: this.healthCheckPath,
      scaling: { ...base.scaling!, triggers },
    };
  }
}
