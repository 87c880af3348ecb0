/**
 * Integration test: a small shop in the DEVELOPMENT profile (2 AZs, one NAT
 * gateway, Fargate Spot) with a public service `web` on `/shop/*` and an
 * internal service `orders` that `web` calls through its Service Connect alias.
 *
 * After deploying, the assertions check that:
 * - the load balancer answers 200 on the public route and its fixed 404 on an unknown path;
 * - ECS DescribeServices reports the desired number of running tasks for both services;
 * - Cloud Map DiscoverInstances returns the internal service;
 * - `web` reached `orders` at `http://orders:8080` (`ORDERS_URL`, set by connectTo);
 * - a SecureString parameter reached `web` as an ECS secret (the container reports
 *   only the value's length and SHA-256, never the value).
 *
 * Verify the committed snapshot offline: `npx projen integ:shop:assert`.
 * Re-record it after a src change (no AWS): `npx projen integ:shop:snapshot`.
 * Deploy, assert and destroy in a sandbox account: `npx projen integ:shop:deploy`.
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { ExpectedResult, IntegTest } from '@aws-cdk/integ-tests-alpha';
import { App, Duration, Stack } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as cr from 'aws-cdk-lib/custom-resources';
import {
  AutoscaledFargateService,
  DiscoverableService,
  EnvironmentProfile,
  MicroserviceCluster,
  SecretsFromSsm,
} from '../src';

/** A tiny public image with Python's standard library: both test services run a 20-line server. */
const PYTHON_IMAGE = 'public.ecr.aws/docker/library/python:3.13-alpine';
/** Tasks per service: `orders` has a fixed count, `web` is autoscaled from this minimum. */
const EXPECTED_TASKS = 1;
/** The SecureString the test creates and deletes; its value is a dummy, visible in the template on purpose. */
const TOKEN_PARAMETER = '/cdk-microservices-integ/shop/api-token';
const TOKEN_VALUE = 'integ-dummy-token-not-a-secret-4f1c9a';

function pythonServer(file: string): string[] {
  return ['python3', '-c', fs.readFileSync(path.join(__dirname, 'servers', file), 'utf8')];
}

const app = new App();
const stack = new Stack(app, 'cdk-microservices-integ-shop');

const cluster = new MicroserviceCluster(stack, 'Shop', { profile: EnvironmentProfile.DEVELOPMENT });

// CloudFormation cannot create SecureString parameters: an SDK call does, and deletes it on teardown.
const tokenParameter = new cr.AwsCustomResource(stack, 'ApiTokenParameter', {
  onCreate: {
    service: 'SSM',
    action: 'putParameter',
    parameters: { Name: TOKEN_PARAMETER, Value: TOKEN_VALUE, Type: 'SecureString', Overwrite: true },
    physicalResourceId: cr.PhysicalResourceId.of(TOKEN_PARAMETER),
  },
  onDelete: {
    service: 'SSM',
    action: 'deleteParameter',
    parameters: { Name: TOKEN_PARAMETER },
  },
  policy: cr.AwsCustomResourcePolicy.fromSdkCalls({
    resources: [stack.formatArn({ service: 'ssm', resource: 'parameter', resourceName: TOKEN_PARAMETER.slice(1) })],
  }),
  installLatestAwsSdk: false,
});

const orders = new DiscoverableService(stack, 'Orders', {
  cluster,
  image: ecs.ContainerImage.fromRegistry(PYTHON_IMAGE),
  command: pythonServer('orders.py'),
  desiredCount: EXPECTED_TASKS,
});

const web = new AutoscaledFargateService(stack, 'Web', {
  cluster,
  image: ecs.ContainerImage.fromRegistry(PYTHON_IMAGE),
  command: pythonServer('web.py'),
  pathPatterns: ['/shop/*'],
  healthCheckPath: '/shop/',
  minCapacity: EXPECTED_TASKS,
  secrets: new SecretsFromSsm(stack, 'WebSecrets', { parameters: { API_TOKEN: TOKEN_PARAMETER } }),
});
web.connectTo(orders);
// ECS reads the parameter when a task starts: it must exist before the service does.
web.service.node.addDependency(tokenParameter);

const integ = new IntegTest(app, 'ShopInteg', {
  testCases: [stack],
  // Deploying the previous snapshot first would double the cost of a run.
  stackUpdateWorkflow: false,
});

const wait = { totalTimeout: Duration.minutes(10), interval: Duration.seconds(15) };

// The public route answers 200 with the web service's own body.
integ.assertions.httpApiCall(web.url)
  .expect(ExpectedResult.objectLike({ status: 200, body: { service: 'web' } }))
  .waitForAssertions(wait);

// An unknown path gets the load balancer's default action: a fixed 404.
integ.assertions.httpApiCall(`${cluster.url}/no-such-route`)
  .expect(ExpectedResult.objectLike({ status: 404, body: 'Not Found' }))
  .waitForAssertions(wait);

// ECS runs the desired number of tasks of both services.
for (const service of [orders, web]) {
  integ.assertions.awsApiCall('ECS', 'describeServices', {
    cluster: cluster.cluster.clusterArn,
    services: [service.service.serviceArn],
  })
    .assertAtPath('services.0.runningCount', ExpectedResult.exact(EXPECTED_TASKS))
    .waitForAssertions(wait);
}

// Cloud Map knows the internal service (the A record clients outside ECS use).
integ.assertions.awsApiCall('ServiceDiscovery', 'discoverInstances', {
  NamespaceName: cluster.namespace.namespaceName,
  ServiceName: orders.serviceName,
})
  .assertAtPath('Instances.0.ServiceName', ExpectedResult.exact(orders.serviceName))
  .waitForAssertions(wait);

// web called orders through the Service Connect alias that connectTo put in ORDERS_URL.
integ.assertions.httpApiCall(`${web.url}orders`)
  .expect(ExpectedResult.objectLike({
    status: 200,
    body: { ordersUrl: orders.endpoint, ordersStatus: 200, ordersBody: 'orders ok' },
  }))
  .waitForAssertions(wait);

// The SecureString reached the container as API_TOKEN: compare its length and hash, never the value.
integ.assertions.httpApiCall(`${web.url}secret`)
  .expect(ExpectedResult.objectLike({
    status: 200,
    body: { length: TOKEN_VALUE.length, sha256: crypto.createHash('sha256').update(TOKEN_VALUE).digest('hex') },
  }))
  .waitForAssertions(wait);

app.synth();
