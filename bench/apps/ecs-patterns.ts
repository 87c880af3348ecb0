import { App } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as ecsPatterns from 'aws-cdk-lib/aws-ecs-patterns';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import { EnvironmentSpec, pairCount, StackLayout } from './environment';

/**
 * The bench environment written with aws-ecs-patterns and aws-ecs, as the CDK
 * docs show it: an ApplicationLoadBalancedFargateService (with its own ALB) per
 * public service, a FargateService with Cloud Map per internal service.
 */
export function buildEcsPatternsEnvironment(app: App, spec: EnvironmentSpec): void {
  const layout = new StackLayout(app, spec);
  const vpc = new ec2.Vpc(layout.base, 'Vpc', { maxAzs: 3 }); // ecs.Cluster's own default VPC has 2 AZs
  const cluster = new ecs.Cluster(layout.base, 'Cluster', { vpc, defaultCloudMapNamespace: { name: 'shop.internal' } });

  for (let i = 0; i < pairCount(spec); i++) {
    const stack = layout.stackFor(i);
    const api = i < spec.internalServices ? internalService(stack, cluster, `api-${i}`) : undefined;
    const web = i < spec.publicServices
      ? publicService(stack, cluster, `web-${i}`, api ? { API_URL: `http://api-${i}.shop.internal:8080` } : {})
      : undefined;
    if (api && web) {
      api.connections.allowFrom(web.service, ec2.Port.tcp(8080));
    }
  }
}

/** The SSM SecureString `/shop/<name>/db-password` as an ECS secret. */
export function dbPassword(scope: Construct, name: string): ecs.Secret {
  const parameter = ssm.StringParameter.fromSecureStringParameterAttributes(scope, `${name}-db-password`, {
    parameterName: `/shop/${name}/db-password`,
  });
  return ecs.Secret.fromSsmParameter(parameter);
}

function publicService(
  scope: Construct, cluster: ecs.ICluster, name: string, serviceUrls: { [envName: string]: string },
): ecsPatterns.ApplicationLoadBalancedFargateService {
  const web = new ecsPatterns.ApplicationLoadBalancedFargateService(scope, name, {
    cluster,
    minHealthyPercent: 100,
    circuitBreaker: { rollback: true },
    taskImageOptions: {
      image: ecs.ContainerImage.fromRegistry(`public.ecr.aws/acme/${name}:1.0.0`),
      containerPort: 8080,
      environment: { LOG_LEVEL: 'info', ...serviceUrls },
      secrets: { DB_PASSWORD: dbPassword(scope, name) },
    },
  });
  web.targetGroup.configureHealthCheck({ path: '/health' });
  web.service.autoScaleTaskCount({ minCapacity: 2, maxCapacity: 10 })
    .scaleOnCpuUtilization('Cpu', { targetUtilizationPercent: 70 });
  return web;
}

/** What `ecs-patterns-parity.ts` adds to an internal service. */
export interface InternalServiceExtras {
  /** @default - awslogs to a log group that never expires */
  readonly logDriver?: ecs.LogDriver;
  /** @default false */
  readonly enableExecuteCommand?: boolean;
}

export function internalService(
  scope: Construct, cluster: ecs.ICluster, name: string, extras: InternalServiceExtras = {},
): ecs.FargateService {
  const taskDefinition = new ecs.FargateTaskDefinition(scope, `${name}-task`);
  taskDefinition.addContainer('app', {
    image: ecs.ContainerImage.fromRegistry(`public.ecr.aws/acme/${name}:1.0.0`),
    portMappings: [{ containerPort: 8080 }],
    environment: { LOG_LEVEL: 'info' },
    secrets: { DB_PASSWORD: dbPassword(scope, name) },
    logging: extras.logDriver ?? ecs.LogDrivers.awsLogs({ streamPrefix: name }),
  });
  const service = new ecs.FargateService(scope, name, {
    cluster,
    taskDefinition,
    minHealthyPercent: 100,
    circuitBreaker: { rollback: true },
    enableExecuteCommand: extras.enableExecuteCommand,
    cloudMapOptions: { name },
  });
  service.autoScaleTaskCount({ minCapacity: 2, maxCapacity: 10 })
    .scaleOnCpuUtilization('Cpu', { targetUtilizationPercent: 70 });
  return service;
}
