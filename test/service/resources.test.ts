import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { ENV, IMAGE, resourcesOf } from './fixtures';
import { AutoscaledFargateService, DiscoverableService, EnvironmentProfile, MicroserviceCluster } from '../../src';

/**
 * Resource budget of a stack (CloudFormation allows 500 resources per stack), measured in
 * PRODUCTION with an explicit env (3 AZs, 3 NAT gateways, access logs, no domain).
 * The numbers here are the ones the README quotes: a change that adds resources per service fails here.
 */
interface Shape {
  readonly publicServices?: number;
  readonly internalServices?: number;
  /** Connect internal service i from public service i % publicServices. */
  readonly connect?: boolean;
}

function build(shape: Shape): { stack: Stack; types: string[] } {
  const app = new App();
  const stack = new Stack(app, 'Shop', { env: ENV });
  const cluster = new MicroserviceCluster(stack, 'Cluster', { profile: EnvironmentProfile.PRODUCTION });
  const publics: AutoscaledFargateService[] = [];
  for (let i = 0; i < (shape.publicServices ?? 0); i++) {
    // Explicit priorities: hashed priorities of many similar routes may collide (a synth error by design).
    publics.push(new AutoscaledFargateService(stack, `Public${i}`, { cluster, image: IMAGE, pathPatterns: [`/p${i}/*`], priority: 100 + i }));
  }
  for (let i = 0; i < (shape.internalServices ?? 0); i++) {
    const internal = new DiscoverableService(stack, `Internal${i}`, { cluster, image: IMAGE });
    if (shape.connect) {
      publics[i % publics.length].connectTo(internal);
    }
  }
  const types = Object.values(resourcesOf(Template.fromStack(stack))).map((r) => r.Type);
  return { stack, types };
}

/** The resource types in `after` but not in `before` (as a multiset), sorted. */
function added(before: string[], after: string[]): string[] {
  const rest = [...after];
  for (const type of before) {
    const i = rest.indexOf(type);
    expect(i).toBeGreaterThanOrEqual(0);
    rest.splice(i, 1);
  }
  return rest.sort();
}

const INTERNAL_SERVICE = [
  'AWS::EC2::SecurityGroup',
  'AWS::ECS::Service',
  'AWS::ECS::TaskDefinition',
  'AWS::IAM::Policy', // the execution role's (image pull, logs, secrets); ECS Exec uses the cluster's shared managed policy
  'AWS::IAM::Role',
  'AWS::IAM::Role',
  'AWS::Logs::LogGroup',
  'AWS::ServiceDiscovery::Service',
];

const PUBLIC_EXTRAS = [
  'AWS::ApplicationAutoScaling::ScalableTarget',
  'AWS::ApplicationAutoScaling::ScalingPolicy',
  'AWS::EC2::SecurityGroupEgress',
  'AWS::EC2::SecurityGroupIngress',
  'AWS::ElasticLoadBalancingV2::ListenerRule',
  'AWS::ElasticLoadBalancingV2::TargetGroup',
];

describe('resources per service (PRODUCTION, explicit env)', () => {
  let cluster: string[];
  let oneInternal: string[];
  let twoInternal: string[];
  let onePublic: string[];
  let twoPublic: string[];
  let connected: string[];
  beforeAll(() => {
    cluster = build({}).types;
    oneInternal = build({ internalServices: 1 }).types;
    twoInternal = build({ internalServices: 2 }).types;
    onePublic = build({ publicServices: 1 }).types;
    twoPublic = build({ publicServices: 2 }).types;
    connected = build({ publicServices: 1, internalServices: 1, connect: true }).types;
  });

  test('a cluster without public services has 41 resources and no load balancer', () => {
    expect(cluster).toHaveLength(41);
    expect(cluster).not.toContain('AWS::ElasticLoadBalancingV2::LoadBalancer');
  });

  test('an internal service adds 8 resources (the first one also the cluster\'s shared ECS Exec policy)', () => {
    expect(added(cluster, oneInternal)).toEqual([...INTERNAL_SERVICE, 'AWS::IAM::ManagedPolicy'].sort());
    expect(added(oneInternal, twoInternal)).toEqual(INTERNAL_SERVICE);
  });

  test('a public service adds 14 resources (an internal service\'s 8 plus routing and scaling)', () => {
    const perPublic = added(onePublic, twoPublic);
    expect(perPublic).toHaveLength(14);
    expect(perPublic).toEqual([...INTERNAL_SERVICE, ...PUBLIC_EXTRAS].sort());
  });

  test('the first public service also creates the shared load balancer: a fixed base of 47 resources', () => {
    const loadBalancer = added([...cluster, ...INTERNAL_SERVICE, ...PUBLIC_EXTRAS], onePublic);
    expect(loadBalancer).toEqual([
      'AWS::EC2::SecurityGroup',
      'AWS::ElasticLoadBalancingV2::Listener',
      'AWS::ElasticLoadBalancingV2::LoadBalancer',
      'AWS::IAM::ManagedPolicy',
      'AWS::S3::Bucket',
      'AWS::S3::BucketPolicy',
    ]);
    expect(cluster.length + loadBalancer.length).toBe(47);
  });

  test('a connectTo adds one resource', () => {
    expect(added([...onePublic, ...INTERNAL_SERVICE], connected)).toEqual(['AWS::EC2::SecurityGroupIngress']);
  });

  test('39 services (19 public, 20 internal, each internal one called by a public one) fit in one stack: 493 resources', () => {
    // 47 + 19 × 14 + 20 × (8 + 1) = 493; a 40th service (8 or 14 more) would pass CloudFormation's 500.
    const { types } = build({ publicServices: 19, internalServices: 20, connect: true });
    expect(types).toHaveLength(493);
  });
});

describe('logical ids (R16)', () => {
  test('a PRODUCTION cluster with one internal and one public service', () => {
    const app = new App();
    const stack = new Stack(app, 'Shop', { env: ENV });
    const cluster = new MicroserviceCluster(stack, 'Cluster', { profile: EnvironmentProfile.PRODUCTION });
    const orders = new DiscoverableService(stack, 'Orders', { cluster, image: IMAGE });
    const web = new AutoscaledFargateService(stack, 'Web', { cluster, image: IMAGE, pathPatterns: ['/*'] });
    web.connectTo(orders);
    expect(Object.keys(resourcesOf(Template.fromStack(stack))).sort()).toEqual([
      'Cluster3D72770B',
      'ClusterAccessLogsB535E130',
      'ClusterAccessLogsPolicyD033133A',
      'ClusterC2E21B66',
      'ClusterExecLogs956D313E',
      'ClusterExecPolicyC67B6A32',
      'ClusterFlowLogs8372B953',
      'ClusterLoadBalancer47C87DEB',
      'ClusterLoadBalancerHttpBC0FCF12',
      'ClusterLoadBalancerSecurityGroup468ACE1B',
      'ClusterNamespaceCF7F7292',
      'ClusterVpcFAA3CEDF',
      'ClusterVpcFlowLogsFlowLog2ACD2CDF',
      'ClusterVpcFlowLogsIAMRole78FA9E34',
      'ClusterVpcFlowLogsIAMRoleDefaultPolicy5CE10A9C',
      'ClusterVpcIGW1E358A6E',
      'ClusterVpcPrivateSubnet1DefaultRoute3B4D40DD',
      'ClusterVpcPrivateSubnet1RouteTable5AAEDA3F',
      'ClusterVpcPrivateSubnet1RouteTableAssociation9B8A88D9',
      'ClusterVpcPrivateSubnet1SubnetA4EB481A',
      'ClusterVpcPrivateSubnet2DefaultRoute011666AF',
      'ClusterVpcPrivateSubnet2RouteTable73064A66',
      'ClusterVpcPrivateSubnet2RouteTableAssociationFB21349E',
      'ClusterVpcPrivateSubnet2SubnetBD1ECB6E',
      'ClusterVpcPrivateSubnet3DefaultRoute90E9BC37',
      'ClusterVpcPrivateSubnet3RouteTable941ABA3E',
      'ClusterVpcPrivateSubnet3RouteTableAssociationB0D482EA',
      'ClusterVpcPrivateSubnet3Subnet2479B8E0',
      'ClusterVpcPublicSubnet1DefaultRoute62DA4B4B',
      'ClusterVpcPublicSubnet1EIP433C56EE',
      'ClusterVpcPublicSubnet1NATGateway0693C346',
      'ClusterVpcPublicSubnet1RouteTable5594A636',
      'ClusterVpcPublicSubnet1RouteTableAssociation0FBEF1F4',
      'ClusterVpcPublicSubnet1SubnetA9F7E0A5',
      'ClusterVpcPublicSubnet2DefaultRoute97446C8A',
      'ClusterVpcPublicSubnet2EIP203DF3E5',
      'ClusterVpcPublicSubnet2NATGateway00B24686',
      'ClusterVpcPublicSubnet2RouteTable7B43F18C',
      'ClusterVpcPublicSubnet2RouteTableAssociation8446B27D',
      'ClusterVpcPublicSubnet2Subnet059113C4',
      'ClusterVpcPublicSubnet3DefaultRoute772CA282',
      'ClusterVpcPublicSubnet3EIP2AEE6537',
      'ClusterVpcPublicSubnet3NATGateway1CA7B94F',
      'ClusterVpcPublicSubnet3RouteTable6810F4F3',
      'ClusterVpcPublicSubnet3RouteTableAssociationD919DEF1',
      'ClusterVpcPublicSubnet3Subnet3AB4E59C',
      'ClusterVpcVPCGW47AC17E9',
      'OrdersLogs63C9E25A',
      'OrdersSecurityGroup2E5456CF',
      'OrdersServiceCloudmapServiceAC0F01A5',
      'OrdersServiceD066556E',
      'OrdersTaskDefinition49887840',
      'OrdersTaskDefinitionExecutionRoleB27D2941',
      'OrdersTaskDefinitionExecutionRoleDefaultPolicyB28E4201',
      'OrdersTaskDefinitionTaskRole8F5E8E18',
      'WebConnectToOrders91418DA2',
      'WebFromLoadBalancerC680C947',
      'WebListenerRuleCABEA684',
      'WebLoadBalancerEgress6B832106',
      'WebLogsD9759FC4',
      'WebSecurityGroupF444D504',
      'WebServiceCloudmapService6CC257AE',
      'WebServiceD04B5F3E',
      'WebServiceTaskCountTargetCpu44C13166',
      'WebServiceTaskCountTargetF7BAB0BC',
      'WebTargetGroupFE6444AE',
      'WebTaskDefinitionD1709B1C',
      'WebTaskDefinitionExecutionRole9B66D88D',
      'WebTaskDefinitionExecutionRoleDefaultPolicy79D98D92',
      'WebTaskDefinitionTaskRole96791EDD',
    ]);
  });
});
