// One production public service with cdk-microservices: behind the shared ALB
// on a path route, an env var, one SSM secret, a health check path; CPU
// autoscaling 2–10 and the circuit breaker are PRODUCTION defaults. Counted by `npm run bench`.
import { App, Stack } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { AutoscaledFargateService, EnvironmentProfile, MicroserviceCluster, SecretsFromSsm } from '../src';

const app = new App();
const stack = new Stack(app, 'Shop', { env: { account: '123456789012', region: 'us-east-1' } });
const cluster = new MicroserviceCluster(stack, 'Shop', { profile: EnvironmentProfile.PRODUCTION });

const secrets = new SecretsFromSsm(stack, 'WebSecrets', {
  parameters: { DB_PASSWORD: '/shop/web/db-password' },
});
new AutoscaledFargateService(stack, 'Web', {
  cluster,
  image: ecs.ContainerImage.fromRegistry('public.ecr.aws/acme/web:1.0.0'),
  pathPatterns: ['/web/*'],
  healthCheckPath: '/health',
  environment: { LOG_LEVEL: 'info' },
  secrets,
});

app.synth();
