import { App, Duration } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as ecsPatterns from 'aws-cdk-lib/aws-ecs-patterns';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { dbPassword, internalService } from './ecs-patterns';
import { EnvironmentSpec, pairCount, StackLayout } from './environment';

/**
 * The bench environment of `ecs-patterns.ts` with the production defaults the
 * library's PRODUCTION profile applies without code, written as
 * `bench/one-service-ecs-patterns-parity.ts` writes one service: VPC flow logs,
 * Container Insights, ECS Exec logged to a cluster log group, 1-year service
 * log groups, Cloud Map names for every service, and per public service an ALB
 * with dropped invalid headers, deletion protection and access logs to one
 * encrypted SSL-only bucket, and a 60 s deregistration delay.
 *
 * Only its synth time is measured: it shows how much of the library's synth
 * time is those defaults rather than the way the library builds services.
 */
export function buildEcsPatternsParityEnvironment(app: App, spec: EnvironmentSpec): void {
  const layout = new StackLayout(app, spec);
  const vpc = new ec2.Vpc(layout.base, 'Vpc', { maxAzs: 3, flowLogs: { FlowLogs: {} } });
  const execLogs = new logs.LogGroup(layout.base, 'ExecLogs', { retention: logs.RetentionDays.ONE_YEAR });
  const cluster = new ecs.Cluster(layout.base, 'Cluster', {
    vpc,
    containerInsightsV2: ecs.ContainerInsights.ENABLED,
    defaultCloudMapNamespace: { name: 'shop.internal' },
    executeCommandConfiguration: {
      logging: ecs.ExecuteCommandLogging.OVERRIDE,
      logConfiguration: { cloudWatchLogGroup: execLogs },
    },
  });
  const accessLogs = new s3.Bucket(layout.base, 'AccessLogs', {
    encryption: s3.BucketEncryption.S3_MANAGED, // ALB access logs cannot use SSE-KMS
    enforceSSL: true,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    lifecycleRules: [{ expiration: Duration.days(90) }],
  });

  for (let i = 0; i < pairCount(spec); i++) {
    const stack = layout.stackFor(i);
    const api = i < spec.internalServices
      ? internalService(stack, cluster, `api-${i}`, { logDriver: serviceLogs(stack, `api-${i}`), enableExecuteCommand: true })
      : undefined;
    const web = i < spec.publicServices
      ? publicService(stack, cluster, accessLogs, `web-${i}`, api ? { API_URL: `http://api-${i}.shop.internal:8080` } : {})
      : undefined;
    if (api && web) {
      api.connections.allowFrom(web.service, ec2.Port.tcp(8080));
    }
  }
}

function serviceLogs(scope: Construct, name: string): ecs.LogDriver {
  const logGroup = new logs.LogGroup(scope, `${name}-logs`, { retention: logs.RetentionDays.ONE_YEAR });
  return ecs.LogDrivers.awsLogs({ streamPrefix: name, logGroup });
}

function publicService(
  scope: Construct, cluster: ecs.ICluster, accessLogs: s3.IBucket, name: string, serviceUrls: { [envName: string]: string },
): ecsPatterns.ApplicationLoadBalancedFargateService {
  const loadBalancer = new elbv2.ApplicationLoadBalancer(scope, `${name}-alb`, {
    vpc: cluster.vpc,
    internetFacing: true,
    dropInvalidHeaderFields: true,
    deletionProtection: true,
  });
  loadBalancer.logAccessLogs(accessLogs, name);
  const web = new ecsPatterns.ApplicationLoadBalancedFargateService(scope, name, {
    cluster,
    loadBalancer,
    minHealthyPercent: 100,
    circuitBreaker: { rollback: true },
    enableExecuteCommand: true,
    cloudMapOptions: { name },
    taskImageOptions: {
      image: ecs.ContainerImage.fromRegistry(`public.ecr.aws/acme/${name}:1.0.0`),
      containerPort: 8080,
      environment: { LOG_LEVEL: 'info', ...serviceUrls },
      secrets: { DB_PASSWORD: dbPassword(scope, name) },
      logDriver: serviceLogs(scope, name),
    },
  });
  web.targetGroup.configureHealthCheck({ path: '/health' });
  web.targetGroup.setAttribute('deregistration_delay.timeout_seconds', '60');
  web.service.autoScaleTaskCount({ minCapacity: 2, maxCapacity: 10 })
    .scaleOnCpuUtilization('Cpu', { targetUtilizationPercent: 70 });
  return web;
}
