import { Duration, Stack, TimeZone } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as appscaling from 'aws-cdk-lib/aws-applicationautoscaling';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { IMAGE, PRIVATE_SUBNETS, PROFILES, groupIdOf, logicalIdOf, newCluster, resourcesOf } from './fixtures';
import { CapacityStrategy, DiscoverableService, DiscoverableServiceProps, EnvironmentProfile, MicroserviceCluster } from '../../src';

/** A stack with a cluster and one DiscoverableService `Orders` built from `props`. */
function orders(props: Partial<DiscoverableServiceProps> = {}, profile = EnvironmentProfile.DEVELOPMENT) {
  const { app, stack, cluster } = newCluster({ profile });
  const service = new DiscoverableService(stack, 'Orders', { cluster, image: IMAGE, ...props });
  return { app, stack, cluster, service, template: Template.fromStack(stack) };
}

/** A function that builds `Orders` from `props` in a fresh stack (for `toThrow`; each call starts over). */
function ordersError(props: Partial<DiscoverableServiceProps>, profile = EnvironmentProfile.DEVELOPMENT): () => void {
  return () => {
    const { stack, cluster } = newCluster({ profile });
    new DiscoverableService(stack, 'Orders', { cluster, image: IMAGE, ...props });
  };
}

const ERROR_AT_ORDERS = /\[cdk-microservices\] invalid DiscoverableService at 'Shop\/Orders':/;

describe('DiscoverableService task definition', () => {
  test('defaults to 256 CPU units and 512 MiB', () => {
    orders().template.hasResourceProperties('AWS::ECS::TaskDefinition', { Cpu: '256', Memory: '512' });
  });

  test.each([
    [256, 2048],
    [512, 1024],
    [1024, 8192],
    [4096, 30720],
    [16384, 122880],
  ])('accepts the Fargate pair cpu %d / memory %d', (cpu, memoryLimitMiB) => {
    orders({ cpu, memoryLimitMiB }).template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      Cpu: String(cpu),
      Memory: String(memoryLimitMiB),
    });
  });

  test.each([
    [256, 4096, /memoryLimitMiB: 4096 is not allowed: expected memoryLimitMiB one of 512, 1024, 2048 for cpu 256/],
    [512, 512, /memoryLimitMiB: 512 is not allowed: expected memoryLimitMiB 1024–4096 in 1024 MiB steps for cpu 512/],
    [1024, 2500, /memoryLimitMiB: 2500 is not allowed/],
    [300, 512, /cpu: 300 is not allowed: expected cpu one of 256, 512, 1024/],
  ])('rejects cpu %d / memory %d, naming the value', (cpu, memoryLimitMiB, message) => {
    const create = ordersError({ cpu, memoryLimitMiB });
    expect(create).toThrow(ERROR_AT_ORDERS);
    expect(create).toThrow(message);
  });

  test('runs on X86_64 Linux by default', () => {
    orders().template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      RuntimePlatform: { CpuArchitecture: 'X86_64', OperatingSystemFamily: 'LINUX' },
    });
  });

  test('runs on ARM64 when asked', () => {
    orders({ cpuArchitecture: ecs.CpuArchitecture.ARM64 }).template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      RuntimePlatform: { CpuArchitecture: 'ARM64', OperatingSystemFamily: 'LINUX' },
    });
  });

  test('has exactly one essential container, named after serviceName', () => {
    const { template } = orders({ serviceName: 'orders-api' });
    template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: [Match.objectLike({ Name: 'orders-api', Essential: true, Image: 'public.ecr.aws/acme/app:1.0.0' })],
    });
  });

  test('derives serviceName from the construct id in kebab-case', () => {
    const { stack, cluster } = newCluster();
    const service = new DiscoverableService(stack, 'OrdersApi', { cluster, image: IMAGE });
    expect(service.serviceName).toBe('orders-api');
    Template.fromStack(stack).hasResourceProperties('AWS::ServiceDiscovery::Service', { Name: 'orders-api' });
  });

  test('names the port mapping after the service, with AppProtocol http', () => {
    orders({ port: 9090 }).template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: [Match.objectLike({
        PortMappings: [{ Name: 'orders', ContainerPort: 9090, Protocol: 'tcp', AppProtocol: 'http' }],
      })],
    });
  });

  test('defaults the port to 8080', () => {
    const { service, template } = orders();
    expect(service.port).toBe(8080);
    template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: [Match.objectLike({ PortMappings: [Match.objectLike({ ContainerPort: 8080 })] })],
    });
  });

  test.each([0, 65536, 80.5])('rejects port %d', (port) => {
    const create = ordersError({ port });
    expect(create).toThrow(ERROR_AT_ORDERS);
    expect(create).toThrow(`port: ${port} is not allowed: expected an integer from 1 to 65535`);
  });

  test.each(['Orders', 'orders_api', '-orders', 'a'.repeat(64)])('rejects serviceName %s', (serviceName) => {
    const create = ordersError({ serviceName });
    expect(create).toThrow(ERROR_AT_ORDERS);
    expect(create).toThrow(`serviceName: '${serviceName}' is not allowed`);
  });

  test('passes the command', () => {
    orders({ command: ['node', 'server.js'] }).template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: [Match.objectLike({ Command: ['node', 'server.js'] })],
    });
  });

  test('keeps the image CMD without a command', () => {
    orders().template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: [Match.objectLike({ Command: Match.absent() })],
    });
  });

  test('sets the container health check', () => {
    const { template } = orders({
      healthCheck: { command: ['CMD-SHELL', 'curl -f http://localhost:8080/health || exit 1'], interval: Duration.seconds(10), retries: 2 },
    });
    template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: [Match.objectLike({
        HealthCheck: Match.objectLike({ Command: ['CMD-SHELL', 'curl -f http://localhost:8080/health || exit 1'], Interval: 10, Retries: 2 }),
      })],
    });
  });

  test('has a writable root filesystem and no volumes by default', () => {
    orders().template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: [Match.objectLike({ ReadonlyRootFilesystem: false, MountPoints: Match.absent() })],
      Volumes: Match.absent(),
    });
  });

  test('with readonlyRootFilesystem, mounts the two ECS Exec agent paths as writable volumes', () => {
    orders({ readonlyRootFilesystem: true }).template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: [Match.objectLike({
        ReadonlyRootFilesystem: true,
        MountPoints: [
          { SourceVolume: 'exec-agent-lib', ContainerPath: '/var/lib/amazon/ssm', ReadOnly: false },
          { SourceVolume: 'exec-agent-log', ContainerPath: '/var/log/amazon/ssm', ReadOnly: false },
        ],
      })],
      Volumes: [{ Name: 'exec-agent-lib' }, { Name: 'exec-agent-log' }],
    });
  });

  test('puts environment values in Environment', () => {
    orders({ environment: { LOG_LEVEL: 'info' } }).template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: [Match.objectLike({ Environment: [{ Name: 'LOG_LEVEL', Value: 'info' }] })],
    });
  });

  test('rejects an environment name that is not a variable name', () => {
    const create = ordersError({ environment: { '1BAD': 'x' } });
    expect(create).toThrow(ERROR_AT_ORDERS);
    expect(create).toThrow("environment: '1BAD' is not allowed");
  });
});

describe('DiscoverableService logging', () => {
  test.each([
    [EnvironmentProfile.DEVELOPMENT, 7, 'Delete'],
    [EnvironmentProfile.STAGING, 30, 'Delete'],
    [EnvironmentProfile.PRODUCTION, 365, 'Retain'],
  ])('in %s, the service log group keeps %d days and is %s on stack deletion', (profile, days, policy) => {
    const { service, template } = orders({}, profile);
    template.hasResource('AWS::Logs::LogGroup', {
      Properties: { RetentionInDays: days },
      DeletionPolicy: policy,
      UpdateReplacePolicy: policy,
    });
    expect(resourcesOf(template)[logicalIdOf(service.logGroup)].Properties).toEqual({ RetentionInDays: days });
  });

  test('logRetention overrides the profile', () => {
    const { service, template } = orders({ logRetention: logs.RetentionDays.THREE_MONTHS }, EnvironmentProfile.PRODUCTION);
    expect(resourcesOf(template)[logicalIdOf(service.logGroup)]).toMatchObject({
      Properties: { RetentionInDays: 90 },
      DeletionPolicy: 'Retain',
    });
  });

  test('the container and Service Connect log to the service\'s own log group', () => {
    const { service, template } = orders();
    const group = { Ref: logicalIdOf(service.logGroup) };
    template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: [Match.objectLike({
        LogConfiguration: { LogDriver: 'awslogs', Options: Match.objectLike({ 'awslogs-group': group, 'awslogs-stream-prefix': 'orders' }) },
      })],
    });
    template.hasResourceProperties('AWS::ECS::Service', {
      ServiceConnectConfiguration: Match.objectLike({
        LogConfiguration: { LogDriver: 'awslogs', Options: Match.objectLike({ 'awslogs-group': group, 'awslogs-stream-prefix': 'service-connect' }) },
      }),
    });
  });
});

describe('DiscoverableService service', () => {
  test('runs in the private subnets without a public IP', () => {
    orders().template.hasResourceProperties('AWS::ECS::Service', {
      NetworkConfiguration: { AwsvpcConfiguration: Match.objectLike({ AssignPublicIp: 'DISABLED', Subnets: PRIVATE_SUBNETS }) },
    });
  });

  test('has its own security group, which admits nothing by default', () => {
    const { service, template } = orders();
    const securityGroups = service.connections.securityGroups;
    expect(securityGroups).toHaveLength(1);
    template.hasResourceProperties('AWS::ECS::Service', {
      NetworkConfiguration: { AwsvpcConfiguration: Match.objectLike({ SecurityGroups: [groupIdOf(securityGroups[0])] }) },
    });
    expect(resourcesOf(template)[logicalIdOf(securityGroups[0])].Properties?.SecurityGroupIngress).toBeUndefined();
    template.resourceCountIs('AWS::EC2::SecurityGroupIngress', 0);
  });

  test('rolls back failed deployments with the ECS controller, 100 % min healthy and 200 % max', () => {
    orders().template.hasResourceProperties('AWS::ECS::Service', {
      DeploymentConfiguration: {
        DeploymentCircuitBreaker: { Enable: true, Rollback: true },
        MinimumHealthyPercent: 100,
        MaximumPercent: 200,
      },
      DeploymentController: { Type: 'ECS' },
    });
  });

  test('turns on ECS Exec and propagates the service\'s tags', () => {
    orders().template.hasResourceProperties('AWS::ECS::Service', { EnableExecuteCommand: true, PropagateTags: 'SERVICE' });
  });

  test('has no health check grace period (no load balancer)', () => {
    orders().template.hasResourceProperties('AWS::ECS::Service', { HealthCheckGracePeriodSeconds: Match.absent(), LoadBalancers: Match.absent() });
  });

  const ON_DEMAND = [{ CapacityProvider: 'FARGATE', Weight: 1 }];
  const SPOT = [{ CapacityProvider: 'FARGATE_SPOT', Weight: 1 }];
  const MIXED = [{ CapacityProvider: 'FARGATE', Base: 1, Weight: 0 }, { CapacityProvider: 'FARGATE_SPOT', Weight: 1 }];

  test.each([
    [EnvironmentProfile.DEVELOPMENT, SPOT],
    [EnvironmentProfile.STAGING, MIXED],
    [EnvironmentProfile.PRODUCTION, ON_DEMAND],
  ])('in %s, uses the profile\'s capacity strategy', (profile, strategy) => {
    orders({}, profile).template.hasResourceProperties('AWS::ECS::Service', { CapacityProviderStrategy: strategy, LaunchType: Match.absent() });
  });

  test.each([
    [CapacityStrategy.ON_DEMAND, EnvironmentProfile.DEVELOPMENT, ON_DEMAND],
    [CapacityStrategy.SPOT, EnvironmentProfile.PRODUCTION, SPOT],
    [CapacityStrategy.MIXED, EnvironmentProfile.DEVELOPMENT, MIXED],
  ])('capacity %s overrides the %s profile', (capacity, profile, strategy) => {
    orders({ capacity }, profile).template.hasResourceProperties('AWS::ECS::Service', { CapacityProviderStrategy: strategy });
  });

  test.each([EnvironmentProfile.DEVELOPMENT, EnvironmentProfile.STAGING])(
    'with ARM64 in %s, falls back from the Spot default to ON_DEMAND and says so', (profile) => {
      const { stack, template } = orders({ cpuArchitecture: ecs.CpuArchitecture.ARM64 }, profile);
      template.hasResourceProperties('AWS::ECS::Service', { CapacityProviderStrategy: ON_DEMAND });
      Annotations.fromStack(stack).hasInfo('/Shop/Orders', Match.stringLikeRegexp(`ARM64.*capacity is ON_DEMAND instead of the ${profile} profile`));
    });

  test('with ARM64 in PRODUCTION (already ON_DEMAND), adds no note', () => {
    const { stack } = orders({ cpuArchitecture: ecs.CpuArchitecture.ARM64 }, EnvironmentProfile.PRODUCTION);
    expect(Annotations.fromStack(stack).findInfo('/Shop/Orders', Match.anyValue())).toEqual([]);
  });

  test.each([CapacityStrategy.SPOT, CapacityStrategy.MIXED])('rejects an explicit %s with ARM64', (capacity) => {
    const create = ordersError({ capacity, cpuArchitecture: ecs.CpuArchitecture.ARM64 });
    expect(create).toThrow(ERROR_AT_ORDERS);
    expect(create).toThrow(`capacity: '${capacity}' is not allowed: expected ON_DEMAND with cpuArchitecture ARM64`);
  });

  test.each([
    [EnvironmentProfile.DEVELOPMENT, 1],
    [EnvironmentProfile.STAGING, 2],
    [EnvironmentProfile.PRODUCTION, 2],
  ])('without scaling props in %s, runs a fixed DesiredCount of %d', (profile, count) => {
    const { service, template } = orders({}, profile);
    template.hasResourceProperties('AWS::ECS::Service', { DesiredCount: count });
    template.resourceCountIs('AWS::ApplicationAutoScaling::ScalableTarget', 0);
    expect(service.scaling).toBeUndefined();
  });

  test('desiredCount sets the fixed task count', () => {
    orders({ desiredCount: 3 }).template.hasResourceProperties('AWS::ECS::Service', { DesiredCount: 3 });
  });

  test.each<[string, Partial<DiscoverableServiceProps>]>([
    ['minCapacity', { minCapacity: 1 }],
    ['maxCapacity', { maxCapacity: 3 }],
    ['targetCpuUtilization', { targetCpuUtilization: 50 }],
    ['targetMemoryUtilization', { targetMemoryUtilization: 80 }],
    ['scheduledScaling', { scheduledScaling: [{ schedule: appscaling.Schedule.cron({ hour: '20', minute: '0' }), maxCapacity: 0 }] }],
  ])('with %s, is autoscaled and leaves DesiredCount out', (_prop, props) => {
    const { template } = orders(props);
    template.hasResourceProperties('AWS::ECS::Service', { DesiredCount: Match.absent() });
    template.resourceCountIs('AWS::ApplicationAutoScaling::ScalableTarget', 1);
  });

  test('rejects desiredCount on an autoscaled service and points to minCapacity', () => {
    const create = ordersError({ desiredCount: 3, maxCapacity: 5 });
    expect(create).toThrow(ERROR_AT_ORDERS);
    expect(create).toThrow(/desiredCount: 3 is not allowed on an autoscaled service[\s\S]*Set minCapacity instead/);
  });
});

describe('DiscoverableService discovery', () => {
  test('registers a Service Connect alias http://<serviceName>:<port> with discovery name <serviceName>-sc', () => {
    orders({ port: 9090 }).template.hasResourceProperties('AWS::ECS::Service', {
      ServiceConnectConfiguration: Match.objectLike({
        Enabled: true,
        Services: [{ PortName: 'orders', DiscoveryName: 'orders-sc', ClientAliases: [{ DnsName: 'orders', Port: 9090 }] }],
      }),
    });
  });

  test('references the namespace by ARN', () => {
    const { cluster, template } = orders();
    template.hasResourceProperties('AWS::ECS::Service', {
      ServiceConnectConfiguration: Match.objectLike({ Namespace: { 'Fn::GetAtt': [logicalIdOf(cluster.namespace), 'Arn'] } }),
    });
  });

  test('registers a Cloud Map A record named <serviceName> with a 10 s TTL in the cluster namespace', () => {
    const { cluster, template } = orders();
    const namespaceId = { 'Fn::GetAtt': [logicalIdOf(cluster.namespace), 'Id'] };
    template.hasResourceProperties('AWS::ServiceDiscovery::Service', {
      Name: 'orders',
      NamespaceId: namespaceId,
      DnsConfig: Match.objectLike({ DnsRecords: [{ Type: 'A', TTL: 10 }], NamespaceId: namespaceId }),
    });
  });

  test('the Service Connect discovery name differs from the Cloud Map service name in the same namespace', () => {
    const { template } = orders();
    const ecsService = Object.values(template.findResources('AWS::ECS::Service'))[0];
    const cloudMap = Object.values(template.findResources('AWS::ServiceDiscovery::Service'));
    expect(cloudMap).toHaveLength(1);
    const discoveryName = ecsService.Properties.ServiceConnectConfiguration.Services[0].DiscoveryName;
    const cloudMapName = cloudMap[0].Properties.Name;
    expect(typeof discoveryName).toBe('string');
    expect(typeof cloudMapName).toBe('string');
    expect(discoveryName).not.toEqual(cloudMapName);
    // The ECS service is registered with exactly that Cloud Map service.
    expect(ecsService.Properties.ServiceRegistries).toEqual([
      { RegistryArn: { 'Fn::GetAtt': [Object.keys(template.findResources('AWS::ServiceDiscovery::Service'))[0], 'Arn'] } },
    ]);
  });
});

describe('DiscoverableService members', () => {
  let stack: Stack;
  let cluster: MicroserviceCluster;
  let service: DiscoverableService;
  let template: Template;
  beforeAll(() => {
    ({ stack, cluster, service, template } = orders());
  });

  test('endpoint is the Service Connect alias http://orders:8080', () => {
    expect(service.endpoint).toBe('http://orders:8080');
  });

  test('dnsName is <serviceName>.<namespace>', () => {
    expect(stack.resolve(service.dnsName)).toBe(`orders.${cluster.namespace.namespaceName}`);
    expect(service.dnsName).toBe('orders.shop-cluster.internal');
  });

  test('connections is an IConnectable over the service security group with the container port as default', () => {
    const connectable: ec2.IConnectable = service;
    expect(connectable.connections.securityGroups).toEqual(service.service.connections.securityGroups);
    expect(connectable.connections.defaultPort?.toString()).toBe('8080');
  });

  test('grantPrincipal is the task role', () => {
    expect(service.grantPrincipal).toBe(service.taskDefinition.taskRole);
  });

  test('the task role has only the ECS Exec statements, from the cluster\'s one shared managed policy', () => {
    const taskRole = logicalIdOf(service.taskDefinition.taskRole);
    expect(template.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: taskRole }] } })).toEqual({});
    const managed = resourcesOf(template)[taskRole].Properties?.ManagedPolicyArns as Array<{ Ref: string }>;
    expect(managed).toHaveLength(1);
    const execPolicy = resourcesOf(template)[managed[0].Ref];
    expect(execPolicy.Type).toBe('AWS::IAM::ManagedPolicy');
    expect((execPolicy.Properties?.PolicyDocument as { Statement: unknown[] }).Statement).toEqual([
      {
        Effect: 'Allow',
        Action: [
          'ssmmessages:CreateControlChannel',
          'ssmmessages:CreateDataChannel',
          'ssmmessages:OpenControlChannel',
          'ssmmessages:OpenDataChannel',
          'logs:DescribeLogGroups',
        ],
        Resource: '*',
      },
      {
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:DescribeLogStreams', 'logs:PutLogEvents'],
        Resource: { 'Fn::GetAtt': [logicalIdOf(cluster.execLogGroup), 'Arn'] },
      },
    ]);
    template.hasResourceProperties('AWS::ECS::Service', { EnableExecuteCommand: true });
  });

  test('every service of the cluster shares the one ECS Exec policy', () => {
    const fresh = newCluster();
    new DiscoverableService(fresh.stack, 'A', { cluster: fresh.cluster, image: IMAGE });
    new DiscoverableService(fresh.stack, 'B', { cluster: fresh.cluster, image: IMAGE });
    Template.fromStack(fresh.stack).resourceCountIs('AWS::IAM::ManagedPolicy', 1);
  });

  test('grants through grantPrincipal land on the task role', () => {
    const fresh = newCluster();
    const granted = new DiscoverableService(fresh.stack, 'Orders', { cluster: fresh.cluster, image: IMAGE });
    new s3.Bucket(fresh.stack, 'Bucket').grantRead(granted);
    Template.fromStack(fresh.stack).hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: logicalIdOf(granted.taskDefinition.taskRole) }],
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: Match.arrayWith(['s3:GetObject*']) })]) },
    });
  });
});

describe('DiscoverableService autoscaling', () => {
  test.each([
    [EnvironmentProfile.DEVELOPMENT, 1, 2],
    [EnvironmentProfile.STAGING, 2, 4],
    [EnvironmentProfile.PRODUCTION, 2, 10],
  ])('in %s, an autoscaled service scales between %d and %d tasks', (profile, min, max) => {
    orders({ targetCpuUtilization: 70 }, profile).template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', {
      MinCapacity: min,
      MaxCapacity: max,
      ScalableDimension: 'ecs:service:DesiredCount',
    });
  });

  test('minCapacity and maxCapacity override the profile', () => {
    orders({ minCapacity: 0, maxCapacity: 3 }, EnvironmentProfile.PRODUCTION).template
      .hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', { MinCapacity: 0, MaxCapacity: 3 });
  });

  test('a minCapacity above the profile maximum raises the maximum with it', () => {
    orders({ minCapacity: 5 }, EnvironmentProfile.DEVELOPMENT).template
      .hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', { MinCapacity: 5, MaxCapacity: 5 });
  });

  test('tracks 70 % CPU with 60 s scale-out and 120 s scale-in cooldowns', () => {
    const { template } = orders({ minCapacity: 1 });
    template.resourceCountIs('AWS::ApplicationAutoScaling::ScalingPolicy', 1);
    template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalingPolicy', {
      PolicyType: 'TargetTrackingScaling',
      TargetTrackingScalingPolicyConfiguration: {
        PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' },
        TargetValue: 70,
        ScaleOutCooldown: 60,
        ScaleInCooldown: 120,
      },
    });
  });

  test('targetCpuUtilization sets the CPU target', () => {
    orders({ targetCpuUtilization: 45 }).template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalingPolicy', {
      TargetTrackingScalingPolicyConfiguration: Match.objectLike({
        PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' },
        TargetValue: 45,
      }),
    });
  });

  test('targetMemoryUtilization adds a memory target', () => {
    const { template } = orders({ targetMemoryUtilization: 80 });
    template.resourceCountIs('AWS::ApplicationAutoScaling::ScalingPolicy', 2);
    template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalingPolicy', {
      TargetTrackingScalingPolicyConfiguration: {
        PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageMemoryUtilization' },
        TargetValue: 80,
        ScaleOutCooldown: 60,
        ScaleInCooldown: 120,
      },
    });
  });

  test('scheduledScaling windows become scheduled actions (scale to 0 at night)', () => {
    const { template } = orders({
      scheduledScaling: [
        { schedule: appscaling.Schedule.cron({ hour: '20', minute: '0' }), minCapacity: 0, maxCapacity: 0, timeZone: TimeZone.EUROPE_BERLIN },
        { schedule: appscaling.Schedule.cron({ hour: '7', minute: '0', weekDay: 'MON-FRI' }), minCapacity: 1, maxCapacity: 2 },
      ],
    });
    template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', {
      ScheduledActions: [
        Match.objectLike({ Schedule: 'cron(0 20 * * ? *)', ScalableTargetAction: { MinCapacity: 0, MaxCapacity: 0 }, Timezone: 'Europe/Berlin' }),
        Match.objectLike({ Schedule: 'cron(0 7 ? * MON-FRI *)', ScalableTargetAction: { MinCapacity: 1, MaxCapacity: 2 } }),
      ],
    });
  });

  test('rejects minCapacity above maxCapacity', () => {
    const create = ordersError({ minCapacity: 5, maxCapacity: 2 });
    expect(create).toThrow(ERROR_AT_ORDERS);
    expect(create).toThrow('minCapacity (5) must not exceed maxCapacity (2)');
  });

  test('rejects a scheduled window whose minCapacity exceeds its maxCapacity', () => {
    const create = ordersError({ scheduledScaling: [{ schedule: appscaling.Schedule.rate(Duration.hours(1)), minCapacity: 3, maxCapacity: 1 }] });
    expect(create).toThrow(ERROR_AT_ORDERS);
    expect(create).toThrow('scheduledScaling[0]: minCapacity (3) must not exceed maxCapacity (1)');
  });

  test('rejects a negative minCapacity', () => {
    expect(ordersError({ minCapacity: -1 })).toThrow('minCapacity: -1 is not allowed');
  });

  test.each([
    ['targetCpuUtilization', 0],
    ['targetCpuUtilization', 101],
    ['targetMemoryUtilization', 0],
    ['targetMemoryUtilization', 101],
  ])('rejects %s %d', (prop, value) => {
    const create = ordersError({ [prop]: value });
    expect(create).toThrow(ERROR_AT_ORDERS);
    expect(create).toThrow(`${prop}: ${value} is not allowed: expected a number from 1 to 100`);
  });

  test('reports every problem at once', () => {
    expect(ordersError({ port: 0, minCapacity: 5, maxCapacity: 2, targetCpuUtilization: 0 }))
      .toThrow(/port: 0[\s\S]*minCapacity \(5\)[\s\S]*targetCpuUtilization: 0/);
  });
});

describe('DiscoverableService names in a cluster', () => {
  test('a serviceName used twice in one cluster fails synth, naming both construct paths', () => {
    const { app, stack, cluster } = newCluster();
    new DiscoverableService(stack, 'Orders', { cluster, image: IMAGE });
    new DiscoverableService(stack, 'Orders2', { cluster, image: IMAGE, serviceName: 'orders' });
    expect(() => app.synth()).toThrow(/serviceName 'orders' is used by both 'Shop\/Orders' and 'Shop\/Orders2'/);
  });

  test('the same serviceName in two clusters is fine', () => {
    const { app, stack, cluster } = newCluster();
    const other = new MicroserviceCluster(stack, 'Other', { vpc: cluster.vpc });
    new DiscoverableService(stack, 'Orders', { cluster, image: IMAGE });
    new DiscoverableService(stack, 'Orders2', { cluster: other, image: IMAGE, serviceName: 'orders' });
    expect(() => app.synth()).not.toThrow();
    const namespaces = Object.values(Template.fromStack(stack).findResources('AWS::ServiceDiscovery::Service', { Properties: { Name: 'orders' } }))
      .map((r) => r.Properties.NamespaceId);
    expect(namespaces).toEqual(expect.arrayContaining([
      { 'Fn::GetAtt': [logicalIdOf(cluster.namespace), 'Id'] },
      { 'Fn::GetAtt': [logicalIdOf(other.namespace), 'Id'] },
    ]));
    expect(namespaces).toHaveLength(2);
  });

  test.each(PROFILES)('synthesizes without warnings in %s', (profile) => {
    const { stack } = orders({}, profile);
    expect(Annotations.fromStack(stack).findWarning('/Shop/Orders', Match.anyValue())).toEqual([]);
    expect(Annotations.fromStack(stack).findError('*', Match.anyValue())).toEqual([]);
  });
});
