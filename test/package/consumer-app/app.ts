/**
 * A consumer CDK app, compiled with tsc against the packed tarball's .d.ts
 * files (test/package/consumer-test.sh copies it into a fresh directory whose
 * only dependencies are aws-cdk-lib, constructs and the tarball).
 */
import { App, Stack } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import {
  AutoscaledFargateService,
  CapacityStrategy,
  DiscoverableService,
  EnvironmentProfile,
  MicroserviceCluster,
  SecretsFromSsm,
} from 'cdk-microservices';

const app = new App();
const stack = new Stack(app, 'ConsumerShop', { env: { account: '123456789012', region: 'eu-west-1' } });

const cluster = new MicroserviceCluster(stack, 'Shop', { profile: EnvironmentProfile.STAGING });
cluster.addFixedResponse('Healthz', { pathPatterns: ['/healthz'], statusCode: 200, messageBody: 'ok' });

const orders = new DiscoverableService(stack, 'Orders', {
  cluster,
  image: ecs.ContainerImage.fromRegistry('public.ecr.aws/acme/orders:1.4.2'),
  secrets: new SecretsFromSsm(stack, 'OrdersSecrets', { parameters: { DB_PASSWORD: '/shop/staging/orders/db-password' } }),
  capacity: CapacityStrategy.ON_DEMAND,
});
const web = new AutoscaledFargateService(stack, 'Web', {
  cluster,
  image: ecs.ContainerImage.fromRegistry('public.ecr.aws/acme/web:1.4.2'),
  pathPatterns: ['/*'],
  healthCheckPath: '/health',
});
web.connectTo(orders);

// Public getters keep their declared types across the package boundary.
const endpoint: string = orders.endpoint;
const url: string = web.url;
if (endpoint !== 'http://orders:8080' || !url.startsWith('http://')) {
  throw new Error(`unexpected endpoint ${endpoint} / url ${url}`);
}

app.synth();
