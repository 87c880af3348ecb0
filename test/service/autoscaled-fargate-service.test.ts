import { Duration } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { IMAGE, PRIVATE_SUBNETS, PROFILES, groupIdOf, logicalIdOf, newCluster, onlyOfType, resourcesOf, resourcesUnder } from './fixtures';
import {
  AutoscaledFargateService,
  AutoscaledFargateServiceProps,
  CapacityStrategy,
  DiscoverableService,
  EnvironmentProfile,
  MicroserviceCluster,
  MicroserviceClusterProps,
} from '../../src';
import { allocatePriority } from '../../src/internal/priorities';

const ROUTE = { pathPatterns: ['/api/*'] };

/** A stack with a cluster and one AutoscaledFargateService `Web` on `/api/*` unless `props` say otherwise. */
function web(props: Partial<AutoscaledFargateServiceProps> = {}, profile = EnvironmentProfile.DEVELOPMENT, clusterProps?: MicroserviceClusterProps) {
  const { app, stack, cluster } = newCluster({ profile, clusterProps });
  const service = new AutoscaledFargateService(stack, 'Web', { cluster, image: IMAGE, ...ROUTE, ...props });
  return { app, stack, cluster, service, template: Template.fromStack(stack) };
}

/** A function that builds `Web` from `props` in a fresh stack (for `toThrow`). */
function webError(props: Partial<AutoscaledFargateServiceProps>, profile = EnvironmentProfile.DEVELOPMENT): () => void {
  return () => {
    const { stack, cluster } = newCluster({ profile });
    new AutoscaledFargateService(stack, 'Web', { cluster, image: IMAGE, ...ROUTE, ...props });
  };
}

const ERROR_AT_WEB = /\[cdk-microservices\] invalid AutoscaledFargateService at 'Shop\/Web':/;
const SPOT_WARNING = 'cdk-microservices:AutoscaledFargateService.spotDeregistrationDelay';

describe('AutoscaledFargateService target group', () => {
  test('targets task IPs over HTTP on the container port', () => {
    web({ port: 9090 }).template.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', {
      TargetType: 'ip',
      Protocol: 'HTTP',
      Port: 9090,
    });
  });

  test('health-checks / by default with 15 s interval, 5 s timeout, 2 healthy / 3 unhealthy checks, 200-399', () => {
    web().template.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', {
      HealthCheckPath: '/',
      HealthCheckIntervalSeconds: 15,
      HealthCheckTimeoutSeconds: 5,
      HealthyThresholdCount: 2,
      UnhealthyThresholdCount: 3,
      Matcher: { HttpCode: '200-399' },
    });
  });

  test('healthCheckPath sets the health check path', () => {
    web({ healthCheckPath: '/api/health' }).template.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', {
      HealthCheckPath: '/api/health',
    });
  });

  test.each([
    [EnvironmentProfile.DEVELOPMENT, '10'],
    [EnvironmentProfile.STAGING, '30'],
    [EnvironmentProfile.PRODUCTION, '60'],
  ])('in %s, drains for %s s', (profile, seconds) => {
    web({}, profile).template.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', {
      TargetGroupAttributes: Match.arrayWith([{ Key: 'deregistration_delay.timeout_seconds', Value: seconds }]),
    });
  });

  test('deregistrationDelay overrides the profile', () => {
    web({ deregistrationDelay: Duration.seconds(5) }, EnvironmentProfile.PRODUCTION).template
      .hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', {
        TargetGroupAttributes: Match.arrayWith([{ Key: 'deregistration_delay.timeout_seconds', Value: '5' }]),
      });
  });
});

describe('AutoscaledFargateService listener rule', () => {
  test('forwards its route to the target group on the cluster\'s listener, at the allocator\'s priority', () => {
    const { cluster, service, template } = web();
    template.resourceCountIs('AWS::ElasticLoadBalancingV2::ListenerRule', 1);
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::ListenerRule', {
      ListenerArn: { Ref: logicalIdOf(cluster.listener!) },
      Priority: allocatePriority({ hostHeaders: [], pathPatterns: ['/api/*'] }),
      Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/api/*'] } }],
      Actions: [{ Type: 'forward', TargetGroupArn: { Ref: logicalIdOf(service.targetGroup) } }],
    });
  });

  test('matches host headers and paths together', () => {
    const { template } = web({ hostHeaders: ['api.example.com'], pathPatterns: ['/v1/*'] });
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::ListenerRule', {
      Priority: allocatePriority({ hostHeaders: ['api.example.com'], pathPatterns: ['/v1/*'] }),
      Conditions: [
        { Field: 'host-header', HostHeaderConfig: { Values: ['api.example.com'] } },
        { Field: 'path-pattern', PathPatternConfig: { Values: ['/v1/*'] } },
      ],
    });
  });

  test('an explicit priority wins', () => {
    web({ priority: 42 }).template.hasResourceProperties('AWS::ElasticLoadBalancingV2::ListenerRule', { Priority: 42 });
  });

  test('the ECS service attaches the container to the target group and waits for the rule', () => {
    const { service, template } = web();
    template.hasResource('AWS::ECS::Service', {
      Properties: Match.objectLike({
        LoadBalancers: [{ ContainerName: 'web', ContainerPort: 8080, TargetGroupArn: { Ref: logicalIdOf(service.targetGroup) } }],
      }),
      DependsOn: Match.arrayWith([logicalIdOf(service.listenerRule)]),
    });
  });
});

describe('AutoscaledFargateService network', () => {
  test('admits the load balancer on the container port only, with both rules in the service\'s scope', () => {
    const { cluster, service, template } = web({ port: 9090 });
    const albSecurityGroup = cluster.loadBalancer!.connections.securityGroups[0];
    const taskSecurityGroup = service.connections.securityGroups[0];
    const ingress = {
      GroupId: groupIdOf(taskSecurityGroup),
      SourceSecurityGroupId: groupIdOf(albSecurityGroup),
      IpProtocol: 'tcp',
      FromPort: 9090,
      ToPort: 9090,
    };
    const egress = {
      GroupId: groupIdOf(albSecurityGroup),
      DestinationSecurityGroupId: groupIdOf(taskSecurityGroup),
      IpProtocol: 'tcp',
      FromPort: 9090,
      ToPort: 9090,
    };
    const own = resourcesUnder(service, template);
    expect(onlyOfType(own, 'AWS::EC2::SecurityGroupIngress').Properties).toMatchObject(ingress);
    expect(onlyOfType(own, 'AWS::EC2::SecurityGroupEgress').Properties).toMatchObject(egress);
    // Nothing else anywhere opens the task security group or lets the ALB out.
    template.resourceCountIs('AWS::EC2::SecurityGroupIngress', 1);
    template.resourceCountIs('AWS::EC2::SecurityGroupEgress', 1);
    const resources = resourcesOf(template);
    expect(resources[logicalIdOf(taskSecurityGroup)].Properties?.SecurityGroupIngress).toBeUndefined();
    // CDK's "no egress" placeholder only: the ALB reaches tasks through the egress rule above.
    expect(resources[logicalIdOf(albSecurityGroup)].Properties?.SecurityGroupEgress).toEqual([
      expect.objectContaining({ CidrIp: '255.255.255.255/32' }),
    ]);
  });

  test('runs in the private subnets without a public IP, behind its own security group', () => {
    const { service, template } = web();
    template.hasResourceProperties('AWS::ECS::Service', {
      NetworkConfiguration: {
        AwsvpcConfiguration: {
          AssignPublicIp: 'DISABLED',
          Subnets: PRIVATE_SUBNETS,
          SecurityGroups: [groupIdOf(service.connections.securityGroups[0])],
        },
      },
    });
  });

  test('gives new tasks a 60 s health check grace period', () => {
    web().template.hasResourceProperties('AWS::ECS::Service', { HealthCheckGracePeriodSeconds: 60 });
  });

  test('is discoverable like an internal service', () => {
    const { service, template } = web();
    expect(service).toBeInstanceOf(DiscoverableService);
    expect(service.endpoint).toBe('http://web:8080');
    template.hasResourceProperties('AWS::ECS::Service', {
      ServiceConnectConfiguration: Match.objectLike({
        Services: [{ PortName: 'web', DiscoveryName: 'web-sc', ClientAliases: [{ DnsName: 'web', Port: 8080 }] }],
      }),
    });
    template.hasResourceProperties('AWS::ServiceDiscovery::Service', { Name: 'web' });
  });
});

describe('AutoscaledFargateService scaling', () => {
  test.each([
    [EnvironmentProfile.DEVELOPMENT, 1, 2],
    [EnvironmentProfile.STAGING, 2, 4],
    [EnvironmentProfile.PRODUCTION, 2, 10],
  ])('in %s, is always autoscaled between %d and %d tasks, without DesiredCount', (profile, min, max) => {
    const { template } = web({}, profile);
    template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', { MinCapacity: min, MaxCapacity: max });
    template.hasResourceProperties('AWS::ECS::Service', { DesiredCount: Match.absent() });
    template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalingPolicy', {
      TargetTrackingScalingPolicyConfiguration: Match.objectLike({
        PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' },
        TargetValue: 70,
      }),
    });
  });

  test('minCapacity and maxCapacity override the profile', () => {
    web({ minCapacity: 3, maxCapacity: 6 }, EnvironmentProfile.PRODUCTION).template
      .hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', { MinCapacity: 3, MaxCapacity: 6 });
  });

  test('rejects desiredCount and points to minCapacity', () => {
    const create = webError({ desiredCount: 2 });
    expect(create).toThrow(ERROR_AT_WEB);
    expect(create).toThrow(/desiredCount: 2 is not allowed on an autoscaled service[\s\S]*Set minCapacity instead/);
  });

  test('requestsPerTarget adds an ALBRequestCountPerTarget policy on the target group', () => {
    const { cluster, service, template } = web({ requestsPerTarget: 500 });
    const loadBalancerNamePart = (i: number) => ({ 'Fn::Select': [i, { 'Fn::Split': ['/', { Ref: logicalIdOf(cluster.listener!) }] }] });
    template.resourceCountIs('AWS::ApplicationAutoScaling::ScalingPolicy', 2);
    template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalingPolicy', {
      TargetTrackingScalingPolicyConfiguration: {
        PredefinedMetricSpecification: {
          PredefinedMetricType: 'ALBRequestCountPerTarget',
          // app/<load balancer name>/<id>/targetgroup/<name>/<id>: the cluster's load balancer and this service's target group
          ResourceLabel: {
            'Fn::Join': ['', [
              loadBalancerNamePart(1), '/', loadBalancerNamePart(2), '/', loadBalancerNamePart(3), '/',
              { 'Fn::GetAtt': [logicalIdOf(service.targetGroup), 'TargetGroupFullName'] },
            ]],
          },
        },
        TargetValue: 500,
        ScaleOutCooldown: 60,
        ScaleInCooldown: 120,
      },
    });
  });

  test('without requestsPerTarget, has no request-count policy', () => {
    const policies = Object.values(web().template.findResources('AWS::ApplicationAutoScaling::ScalingPolicy'));
    expect(policies.map((p) => p.Properties.TargetTrackingScalingPolicyConfiguration.PredefinedMetricSpecification.PredefinedMetricType))
      .toEqual(['ECSServiceAverageCPUUtilization']);
  });
});

describe('AutoscaledFargateService url', () => {
  const hostedZone = () => ({ hostedZoneId: 'Z0123456789EXAMPLE', zoneName: 'example.com' });

  test('is the cluster url plus the first path prefix', () => {
    const { cluster, service } = web({ pathPatterns: ['/api/*', '/v2/*'] });
    expect(cluster.url).toMatch(/^http:\/\/\$\{Token\[/);
    expect(service.url).toBe(`${cluster.url}/api/`);
  });

  test('for /*, is the cluster url', () => {
    const { cluster, service } = web({ pathPatterns: ['/*'] });
    expect(service.url).toBe(cluster.url);
  });

  test('with a domain, is https://<domainName><prefix>', () => {
    const { stack, cluster } = newCluster();
    const zone = route53.HostedZone.fromHostedZoneAttributes(stack, 'Zone', hostedZone());
    const domainCluster = new MicroserviceCluster(stack, 'Secure', {
      vpc: cluster.vpc,
      domain: { domainName: 'shop.example.com', hostedZone: zone },
    });
    const service = new AutoscaledFargateService(stack, 'Web', { cluster: domainCluster, image: IMAGE, pathPatterns: ['/api/*'] });
    expect(service.url).toBe('https://shop.example.com/api/');
  });

  test('with a host header, uses the first non-wildcard host', () => {
    const { stack, cluster } = newCluster();
    const zone = route53.HostedZone.fromHostedZoneAttributes(stack, 'Zone', hostedZone());
    const domainCluster = new MicroserviceCluster(stack, 'Secure', {
      vpc: cluster.vpc,
      domain: { domainName: 'shop.example.com', hostedZone: zone, subjectAlternativeNames: ['*.example.com'] },
    });
    const service = new AutoscaledFargateService(stack, 'Web', {
      cluster: domainCluster, image: IMAGE, hostHeaders: ['*.example.com', 'api.example.com'],
    });
    expect(service.url).toBe('https://api.example.com');
  });
});

describe('AutoscaledFargateService with Spot', () => {
  test.each([EnvironmentProfile.DEVELOPMENT, EnvironmentProfile.STAGING])(
    'in %s (Spot capacity), warns when deregistrationDelay exceeds 110 s', (profile) => {
      const { stack } = web({ deregistrationDelay: Duration.seconds(120) }, profile);
      Annotations.fromStack(stack).hasWarning('/Shop/Web', Match.stringLikeRegexp(`deregistrationDelay: '120 s'.*\\[ack: ${SPOT_WARNING}\\]`));
    });

  test('does not warn at 110 s', () => {
    const { stack } = web({ deregistrationDelay: Duration.seconds(110) });
    expect(Annotations.fromStack(stack).findWarning('/Shop/Web', Match.anyValue())).toEqual([]);
  });

  test('does not warn on on-demand capacity (PRODUCTION)', () => {
    const { stack } = web({ deregistrationDelay: Duration.seconds(300) }, EnvironmentProfile.PRODUCTION);
    expect(Annotations.fromStack(stack).findWarning('/Shop/Web', Match.stringLikeRegexp(SPOT_WARNING))).toEqual([]);
  });

  test('does not warn with an explicit ON_DEMAND capacity', () => {
    const { stack } = web({ deregistrationDelay: Duration.seconds(300), capacity: CapacityStrategy.ON_DEMAND });
    expect(Annotations.fromStack(stack).findWarning('/Shop/Web', Match.anyValue())).toEqual([]);
  });

  test('does not warn with ARM64, whose Spot default falls back to ON_DEMAND', () => {
    const { stack, template } = web({ deregistrationDelay: Duration.seconds(300), cpuArchitecture: ecs.CpuArchitecture.ARM64 });
    template.hasResourceProperties('AWS::ECS::Service', { CapacityProviderStrategy: [{ CapacityProvider: 'FARGATE', Weight: 1 }] });
    expect(Annotations.fromStack(stack).findWarning('/Shop/Web', Match.anyValue())).toEqual([]);
  });
});

describe('AutoscaledFargateService bad input', () => {
  test('rejects a service with neither pathPatterns nor hostHeaders', () => {
    const create = webError({ pathPatterns: undefined });
    expect(create).toThrow(/\[cdk-microservices\] invalid AutoscaledFargateService at 'Shop\/Web'/);
    expect(create).toThrow('pathPatterns/hostHeaders: neither is set');
  });

  test('rejects a path pattern that does not start with /', () => {
    expect(webError({ pathPatterns: ['api/*'] })).toThrow(/at 'Shop\/Web'[\s\S]*pathPatterns: 'api\/\*' is not allowed/);
  });

  test('rejects more than 5 condition values', () => {
    expect(webError({ pathPatterns: ['/a', '/b', '/c'], hostHeaders: ['a.example.com', 'b.example.com', 'c.example.com'] }))
      .toThrow(/at 'Shop\/Web'[\s\S]*at most 5 values in one rule/);
  });

  test('rejects an invalid host header', () => {
    expect(webError({ hostHeaders: ['bad host'] })).toThrow(/at 'Shop\/Web'[\s\S]*hostHeaders: 'bad host' is not allowed/);
  });

  test.each([0, 50001, 1.5])('rejects priority %d', (priority) => {
    expect(webError({ priority })).toThrow(new RegExp(`at 'Shop/Web'[\\s\\S]*priority: ${priority} is not allowed: expected an integer from 1 to 50000`));
  });

  test('rejects a health check path without a leading /', () => {
    const create = webError({ healthCheckPath: 'health' });
    expect(create).toThrow(ERROR_AT_WEB);
    expect(create).toThrow("healthCheckPath: 'health' is not allowed");
  });

  test('rejects requestsPerTarget 0', () => {
    const create = webError({ requestsPerTarget: 0 });
    expect(create).toThrow(ERROR_AT_WEB);
    expect(create).toThrow('requestsPerTarget: 0 is not allowed');
  });

  test('rejects a deregistrationDelay above 3600 s', () => {
    const create = webError({ deregistrationDelay: Duration.seconds(3601) });
    expect(create).toThrow(ERROR_AT_WEB);
    expect(create).toThrow('deregistrationDelay: 3601 is not allowed: expected an integer from 0 to 3600');
  });

  test('two services with the same route fail synth, naming both', () => {
    const { app, stack, cluster } = newCluster();
    new AutoscaledFargateService(stack, 'Web', { cluster, image: IMAGE, pathPatterns: ['/api/*'] });
    new AutoscaledFargateService(stack, 'Web2', { cluster, image: IMAGE, pathPatterns: ['/api/*'] });
    expect(() => app.synth()).toThrow(/route paths \[\/api\/\*\] is claimed by both 'Shop\/Web' and 'Shop\/Web2'/);
  });
});

describe('AutoscaledFargateService warnings', () => {
  test.each(PROFILES)('with defaults in %s, the service itself adds no warning', (profile) => {
    const { stack } = web({}, profile);
    expect(Annotations.fromStack(stack).findWarning('/Shop/Web', Match.anyValue())).toEqual([]);
  });
});
