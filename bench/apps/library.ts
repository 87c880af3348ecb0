import { App } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { Construct } from 'constructs';
import { EnvironmentSpec, pairCount, StackLayout } from './environment';
import {
  AutoscaledFargateService, DiscoverableService, EnvironmentProfile, MicroserviceCluster, SecretsFromSsm,
} from '../../src';

/** The bench environment written with this library: one shared ALB, Service Connect and Cloud Map. */
export function buildLibraryEnvironment(app: App, spec: EnvironmentSpec): void {
  const layout = new StackLayout(app, spec);
  const cluster = new MicroserviceCluster(layout.base, 'Shop', { profile: EnvironmentProfile[spec.profile] });

  for (let i = 0; i < pairCount(spec); i++) {
    const stack = layout.stackFor(i);
    const api = i < spec.internalServices ? internalService(stack, cluster, `api-${i}`) : undefined;
    const web = i < spec.publicServices ? publicService(stack, cluster, `web-${i}`) : undefined;
    if (api && web) {
      web.connectTo(api);
    }
  }
}

function dbPassword(scope: Construct, name: string): SecretsFromSsm {
  return new SecretsFromSsm(scope, `${name}-secrets`, { parameters: { DB_PASSWORD: `/shop/${name}/db-password` } });
}

function publicService(scope: Construct, cluster: MicroserviceCluster, name: string): AutoscaledFargateService {
  return new AutoscaledFargateService(scope, name, {
    cluster,
    image: ecs.ContainerImage.fromRegistry(`public.ecr.aws/acme/${name}:1.0.0`),
    pathPatterns: [`/${name}/*`],
    healthCheckPath: '/health',
    environment: { LOG_LEVEL: 'info' },
    secrets: dbPassword(scope, name),
  });
}

function internalService(scope: Construct, cluster: MicroserviceCluster, name: string): DiscoverableService {
  return new DiscoverableService(scope, name, {
    cluster,
    image: ecs.ContainerImage.fromRegistry(`public.ecr.aws/acme/${name}:1.0.0`),
    environment: { LOG_LEVEL: 'info' },
    secrets: dbPassword(scope, name),
    targetCpuUtilization: 70, // a scaling prop autoscales it, 2–10 tasks in PRODUCTION
  });
}
