// One production public service with aws-ecs-patterns and the production
// defaults cdk-microservices' PRODUCTION profile gives without a line of code,
// written from the CDK docs: 1-year log retention, ECS Exec with the cluster's
// exec logging, Container Insights, circuit breaker, 100 % minimum healthy,
// on-demand capacity, a deregistration delay, dropInvalidHeaderFields, ALB
// access logs to an encrypted SSL-only bucket with lifecycle, deletion
// protection, VPC flow logs, private subnets without public IPs, Cloud Map
// discovery and an exact secret grant. Counted by `npm run bench`.
import { App, Duration, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as ecsPatterns from 'aws-cdk-lib/aws-ecs-patterns';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as ssm from 'aws-cdk-lib/aws-ssm';

const app = new App();
const stack = new Stack(app, 'Shop', { env: { account: '123456789012', region: 'us-east-1' } });
const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 3, flowLogs: { FlowLogs: {} } });
const execLogs = new logs.LogGroup(stack, 'ExecLogs', { retention: logs.RetentionDays.ONE_YEAR });
const cluster = new ecs.Cluster(stack, 'Cluster', {
  vpc,
  containerInsightsV2: ecs.ContainerInsights.ENABLED,
  defaultCloudMapNamespace: { name: 'shop.internal' },
  executeCommandConfiguration: {
    logging: ecs.ExecuteCommandLogging.OVERRIDE,
    logConfiguration: { cloudWatchLogGroup: execLogs },
  },
});

const accessLogs = new s3.Bucket(stack, 'AccessLogs', {
  encryption: s3.BucketEncryption.S3_MANAGED, // ALB access logs cannot use SSE-KMS
  enforceSSL: true,
  blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
  lifecycleRules: [{ expiration: Duration.days(90) }],
});
const loadBalancer = new elbv2.ApplicationLoadBalancer(stack, 'Alb', {
  vpc,
  internetFacing: true,
  dropInvalidHeaderFields: true,
  deletionProtection: true,
});
loadBalancer.logAccessLogs(accessLogs);

const dbPassword = ssm.StringParameter.fromSecureStringParameterAttributes(stack, 'DbPassword', {
  parameterName: '/shop/web/db-password',
});
const logGroup = new logs.LogGroup(stack, 'WebLogs', { retention: logs.RetentionDays.ONE_YEAR });
const web = new ecsPatterns.ApplicationLoadBalancedFargateService(stack, 'Web', {
  cluster,
  loadBalancer,
  minHealthyPercent: 100,
  circuitBreaker: { rollback: true },
  enableExecuteCommand: true,
  cloudMapOptions: { name: 'web' },
  taskImageOptions: {
    image: ecs.ContainerImage.fromRegistry('public.ecr.aws/acme/web:1.0.0'),
    containerPort: 8080,
    environment: { LOG_LEVEL: 'info' },
    secrets: { DB_PASSWORD: ecs.Secret.fromSsmParameter(dbPassword) },
    logDriver: ecs.LogDrivers.awsLogs({ streamPrefix: 'web', logGroup }),
  },
});
web.targetGroup.configureHealthCheck({ path: '/health' });
web.targetGroup.setAttribute('deregistration_delay.timeout_seconds', '60');
const scaling = web.service.autoScaleTaskCount({ minCapacity: 2, maxCapacity: 10 });
scaling.scaleOnCpuUtilization('Cpu', { targetUtilizationPercent: 70 });

app.synth();
