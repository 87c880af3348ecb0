// One production public service with aws-ecs-patterns, as the CDK docs show it:
// its own ALB, an env var, one SSM secret, a health check path, CPU autoscaling
// 2–10 and the deployment circuit breaker. Counted by `npm run bench`.
import { App, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as ecsPatterns from 'aws-cdk-lib/aws-ecs-patterns';
import * as ssm from 'aws-cdk-lib/aws-ssm';

const app = new App();
const stack = new Stack(app, 'Shop', { env: { account: '123456789012', region: 'us-east-1' } });
const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 3 }); // ecs.Cluster's own default VPC has 2 AZs
const cluster = new ecs.Cluster(stack, 'Cluster', { vpc });

const dbPassword = ssm.StringParameter.fromSecureStringParameterAttributes(stack, 'DbPassword', {
  parameterName: '/shop/web/db-password',
});
const web = new ecsPatterns.ApplicationLoadBalancedFargateService(stack, 'Web', {
  cluster,
  minHealthyPercent: 100,
  circuitBreaker: { rollback: true },
  taskImageOptions: {
    image: ecs.ContainerImage.fromRegistry('public.ecr.aws/acme/web:1.0.0'),
    containerPort: 8080,
    environment: { LOG_LEVEL: 'info' },
    secrets: { DB_PASSWORD: ecs.Secret.fromSsmParameter(dbPassword) },
  },
});
web.targetGroup.configureHealthCheck({ path: '/health' });
const scaling = web.service.autoScaleTaskCount({ minCapacity: 2, maxCapacity: 10 });
scaling.scaleOnCpuUtilization('Cpu', { targetUtilizationPercent: 70 });

app.synth();
