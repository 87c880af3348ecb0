import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks, NIST80053R5Checks } from 'cdk-nag';
// cdk-nag's own flattening, which builds the finding IDs the library must acknowledge exactly.
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference';
import { importedVpc } from './fixtures';
import { DiscoverableService, EnvironmentProfile, MicroserviceCluster } from '../../src';
import { flattenReference } from '../../src/internal/wildcard-acknowledgements';

const ENV = { account: '123456789012', region: 'eu-west-1' };

test.each([
  ['a string', 'arn:aws:s3:::bucket/*'],
  ['a Ref', { Ref: 'ExecLogs1234' }],
  ['a GetAtt', { 'Fn::GetAtt': ['Logs1234', 'Arn'] }],
  ['a Join', { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':logs:eu-west-1:123456789012:log-group:', { Ref: 'ExecLogs' }, ':*']] }],
  ['an ImportValue', { 'Fn::ImportValue': 'Cluster:ExportsOutputRefExecLogs1234' }],
  ['a Sub', { 'Fn::Sub': 'arn:${AWS::Partition}:logs:*' }],
  ['anything else', { 'Fn::Select': [0, ['a']] }],
])('flattenReference renders %s as cdk-nag does', (_kind, value) => {
  expect(flattenReference(value)).toBe(flattenCfnReference(value));
});

test('a service in another stack than its cluster has no unacknowledged AwsSolutions finding', () => {
  const app = new App();
  const clusterStack = new Stack(app, 'Platform', { env: ENV });
  const vpc = importedVpc(clusterStack);
  const cluster = new MicroserviceCluster(clusterStack, 'Cluster', { vpc });
  const serviceStack = new Stack(app, 'Orders', { env: ENV });
  new DiscoverableService(serviceStack, 'Orders', { cluster, image: ecs.ContainerImage.fromRegistry('public.ecr.aws/acme/orders:1') });
  app.synth();

  // The task role takes the cluster stack's shared ECS Exec policy through an export; both stacks stay clean.
  const roles = Object.values(Template.fromStack(serviceStack).findResources('AWS::IAM::Role'));
  expect(JSON.stringify(roles.map((r) => r.Properties.ManagedPolicyArns))).toContain('Fn::ImportValue');
  expect(new AwsSolutionsChecks().validateScope(serviceStack).violations).toEqual([]);
  expect(new AwsSolutionsChecks().validateScope(clusterStack).violations).toEqual([]);
});

test('an ECR image (ecr:GetAuthorizationToken on *) leaves no unacknowledged AwsSolutions finding', () => {
  const app = new App();
  const stack = new Stack(app, 'Shop', { env: ENV });
  const vpc = importedVpc(stack);
  const cluster = new MicroserviceCluster(stack, 'Cluster', { vpc });
  const repository = ecr.Repository.fromRepositoryName(stack, 'Repository', 'orders');
  new DiscoverableService(stack, 'Orders', { cluster, image: ecs.ContainerImage.fromEcrRepository(repository, '1.4.2') });
  app.synth();

  expect(JSON.stringify(Template.fromStack(stack).toJSON())).toContain('ecr:GetAuthorizationToken');
  expect(new AwsSolutionsChecks().validateScope(stack).violations).toEqual([]);
});

test("NIST acknowledgements on the library's access-log bucket and execution roles never cover the app's own resources", () => {
  const app = new App();
  const stack = new Stack(app, 'Shop', { env: ENV });
  const cluster = new MicroserviceCluster(stack, 'Cluster', { profile: EnvironmentProfile.PRODUCTION });
  cluster.addFixedResponse('Healthz', { pathPatterns: ['/healthz'], statusCode: 200 });
  const service = new DiscoverableService(stack, 'Orders', { cluster, image: ecs.ContainerImage.fromRegistry('public.ecr.aws/acme/orders:1') });
  // The app's own bucket (SSE-S3, no logging) and an inline grant of the app's on the library's task role.
  new s3.Bucket(stack, 'AppBucket', { enforceSSL: true });
  service.grantPrincipal.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::app/*'] }));

  const violations = new NIST80053R5Checks().validateScope(stack).violations;
  const where = (rule: string) => violations.filter((v) => v.ruleName === rule).flatMap((v) => v.violatingResources.map((r) => r.constructPath));
  expect(where('NIST.800.53.R5-S3DefaultEncryptionKMS')).toEqual(['Shop/AppBucket/Resource']);
  expect(where('NIST.800.53.R5-S3BucketLoggingEnabled')).toEqual(['Shop/AppBucket/Resource']);
  expect(where('NIST.800.53.R5-IAMNoInlinePolicy')).toEqual(['Shop/Orders/TaskDefinition/TaskRole/DefaultPolicy/Resource']);
});
