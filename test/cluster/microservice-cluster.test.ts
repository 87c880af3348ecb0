import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { importedVpc, newCluster, newStack, onlyResource, resourcesOf } from './fixtures';
import { EnvironmentProfile, MicroserviceCluster } from '../../src';

const { DEVELOPMENT, STAGING, PRODUCTION } = EnvironmentProfile;

/** The log group a resource property refers to with `{ Ref }`. */
function referencedLogGroup(template: Template, ref: unknown): { RetentionInDays?: number; DeletionPolicy?: string } {
  const logicalId = (ref as { Ref: string }).Ref;
  const resource = resourcesOf(template)[logicalId];
  expect(resource?.Type).toBe('AWS::Logs::LogGroup');
  return { RetentionInDays: resource.Properties?.RetentionInDays as number | undefined, DeletionPolicy: resource.DeletionPolicy };
}

describe('profile defaults (stack with an explicit env)', () => {
  const expected = {
    [DEVELOPMENT]: { azs: 2, nats: 1, retention: 7, deletion: 'Delete', insights: 'disabled' },
    [STAGING]: { azs: 2, nats: 1, retention: 30, deletion: 'Delete', insights: 'enabled' },
    [PRODUCTION]: { azs: 3, nats: 3, retention: 365, deletion: 'Retain', insights: 'enabled' },
  };

  describe.each([DEVELOPMENT, STAGING, PRODUCTION])('%s', (profile) => {
    const want = expected[profile];
    let template: Template;
    beforeAll(() => {
      const { stack } = newCluster({ profile });
      template = Template.fromStack(stack);
    });

    test(`a new VPC spans ${want.azs} AZs (one public and one private subnet each)`, () => {
      template.resourceCountIs('AWS::EC2::Subnet', 2 * want.azs);
      expect(Object.keys(template.findResources('AWS::EC2::Subnet', { Properties: { MapPublicIpOnLaunch: false } })))
        .toHaveLength(2 * want.azs);
    });

    test('no subnet assigns public IPs automatically (the ALB and NAT gateways get their own)', () => {
      expect(Object.keys(template.findResources('AWS::EC2::Subnet', { Properties: { MapPublicIpOnLaunch: true } }))).toHaveLength(0);
    });

    test(`the VPC has ${want.nats} NAT gateway(s)`, () => {
      template.resourceCountIs('AWS::EC2::NatGateway', want.nats);
    });

    test(`flow logs go to a CloudWatch log group kept ${want.retention} days`, () => {
      const { resource } = onlyResource(template, 'AWS::EC2::FlowLog');
      expect(resource.Properties).toMatchObject({ LogDestinationType: 'cloud-watch-logs', ResourceType: 'VPC', TrafficType: 'ALL' });
      expect(referencedLogGroup(template, resource.Properties?.LogGroupName).RetentionInDays).toBe(want.retention);
    });

    test(`log groups have DeletionPolicy ${want.deletion}`, () => {
      const logGroups = Object.values(template.findResources('AWS::Logs::LogGroup'));
      expect(logGroups).toHaveLength(2); // flow logs and ECS Exec
      for (const logGroup of logGroups) {
        expect(logGroup).toMatchObject({ DeletionPolicy: want.deletion, UpdateReplacePolicy: want.deletion });
      }
    });

    test(`Container Insights is ${want.insights}`, () => {
      template.hasResourceProperties('AWS::ECS::Cluster', {
        ClusterSettings: [{ Name: 'containerInsights', Value: want.insights }],
      });
    });

    test(`ECS Exec sessions are logged (OVERRIDE) to an exec log group kept ${want.retention} days`, () => {
      const { resource } = onlyResource(template, 'AWS::ECS::Cluster');
      type ExecConfig = { Logging: string; LogConfiguration: { CloudWatchLogGroupName: unknown } };
      const exec = (resource.Properties?.Configuration as { ExecuteCommandConfiguration: ExecConfig }).ExecuteCommandConfiguration;
      expect(exec.Logging).toBe('OVERRIDE');
      expect(referencedLogGroup(template, exec.LogConfiguration.CloudWatchLogGroupName).RetentionInDays).toBe(want.retention);
    });

    test('creates no load balancer until a public service or route needs one', () => {
      template.resourceCountIs('AWS::ElasticLoadBalancingV2::LoadBalancer', 0);
    });
  });

  test('the default profile is DEVELOPMENT', () => {
    const { stack, cluster } = newCluster();
    expect(cluster.profile).toBe(DEVELOPMENT);
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::EC2::NatGateway', 1);
    template.hasResourceProperties('AWS::ECS::Cluster', { ClusterSettings: [{ Name: 'containerInsights', Value: 'disabled' }] });
    template.allResourcesProperties('AWS::Logs::LogGroup', { RetentionInDays: 7 });
  });
});

describe('ECS cluster', () => {
  let template: Template;
  beforeAll(() => {
    template = Template.fromStack(newCluster().stack);
  });

  test('has the FARGATE and FARGATE_SPOT capacity providers', () => {
    template.hasResourceProperties('AWS::ECS::ClusterCapacityProviderAssociations', {
      CapacityProviders: Match.arrayEquals(['FARGATE', 'FARGATE_SPOT']),
    });
  });

  test('Service Connect defaults to the Cloud Map namespace, referenced by ARN (never by name)', () => {
    const { logicalId } = onlyResource(template, 'AWS::ServiceDiscovery::PrivateDnsNamespace');
    template.hasResourceProperties('AWS::ECS::Cluster', {
      ServiceConnectDefaults: { Namespace: { 'Fn::GetAtt': [logicalId, 'Arn'] } },
    });
  });

  test('the namespace is in the cluster VPC', () => {
    const { logicalId: vpcId } = onlyResource(template, 'AWS::EC2::VPC');
    template.hasResourceProperties('AWS::ServiceDiscovery::PrivateDnsNamespace', { Vpc: { Ref: vpcId } });
  });

  test('leaves ClusterName to CloudFormation by default', () => {
    template.hasResourceProperties('AWS::ECS::Cluster', { ClusterName: Match.absent() });
  });
});

describe('props', () => {
  test('clusterName names the ECS cluster', () => {
    const { stack } = newCluster({ clusterName: 'shop_prod-1' });
    Template.fromStack(stack).hasResourceProperties('AWS::ECS::Cluster', { ClusterName: 'shop_prod-1' });
  });

  test('namespaceName names the Cloud Map namespace', () => {
    const { stack, cluster } = newCluster({ namespaceName: 'shop.internal' });
    Template.fromStack(stack).hasResourceProperties('AWS::ServiceDiscovery::PrivateDnsNamespace', { Name: 'shop.internal' });
    expect(cluster.namespace.namespaceName).toBe('shop.internal');
  });

  test('the derived namespace name comes from the construct path, lower-case, ending in .internal', () => {
    const stack = new Stack(new App(), 'ShopStack');
    new MicroserviceCluster(stack, 'MyCluster');
    Template.fromStack(stack).hasResourceProperties('AWS::ServiceDiscovery::PrivateDnsNamespace', {
      Name: 'shop-stack-my-cluster.internal',
    });
  });

  test('two clusters in one stack get different derived namespaces', () => {
    const stack = newStack({ env: false });
    const a = new MicroserviceCluster(stack, 'Blue', { vpc: importedVpc(stack) });
    const b = new MicroserviceCluster(stack, 'Green', { vpc: a.vpc });
    expect(a.namespace.namespaceName).not.toBe(b.namespace.namespaceName);
    const names = Object.values(Template.fromStack(stack).findResources('AWS::ServiceDiscovery::PrivateDnsNamespace'))
      .map((r) => r.Properties.Name).sort();
    expect(names).toEqual([a.namespace.namespaceName, b.namespace.namespaceName].sort());
  });

  test('maxAzs sizes the new VPC', () => {
    const { stack } = newCluster({ maxAzs: 3 });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::EC2::Subnet', 6);
    template.resourceCountIs('AWS::EC2::NatGateway', 1); // DEVELOPMENT's NAT count is unchanged
  });

  test("the profile's NAT gateway count is capped at the number of AZs", () => {
    const { stack } = newCluster({ profile: PRODUCTION, maxAzs: 2 });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::EC2::Subnet', 4);
    template.resourceCountIs('AWS::EC2::NatGateway', 2);
  });

  test('natGateways overrides the profile', () => {
    const { stack } = newCluster({ profile: PRODUCTION, natGateways: 1 });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::EC2::Subnet', 6);
    template.resourceCountIs('AWS::EC2::NatGateway', 1);
  });

  test('natGateways: 0 warns that tasks cannot reach ECR, SSM or CloudWatch without endpoints', () => {
    const { stack } = newCluster({ natGateways: 0 });
    Template.fromStack(stack).resourceCountIs('AWS::EC2::NatGateway', 0);
    Annotations.fromStack(stack).hasWarning('/Shop/Cluster',
      Match.stringLikeRegexp('natGateways is 0.*VPC endpoints.*\\[ack: cdk-microservices:MicroserviceCluster\\.noNatGateway\\]'));
  });

  test('the default NAT count does not warn', () => {
    const { stack } = newCluster();
    Annotations.fromStack(stack).hasNoWarning('*', Match.stringLikeRegexp('cdk-microservices:MicroserviceCluster\\.noNatGateway'));
  });

  test('logEncryptionKey encrypts the flow-log and exec log groups and lets CloudWatch Logs use the key', () => {
    const stack = newStack();
    const key = new kms.Key(stack, 'LogKey');
    new MicroserviceCluster(stack, 'Cluster', { logEncryptionKey: key });
    const template = Template.fromStack(stack);
    const keyArn = { 'Fn::GetAtt': [stack.getLogicalId(key.node.defaultChild as kms.CfnKey), 'Arn'] };
    template.resourcePropertiesCountIs('AWS::Logs::LogGroup', { KmsKeyId: keyArn }, 2);
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: { Statement: Match.arrayWith([Match.objectLike({ Principal: { Service: 'logs.eu-west-1.amazonaws.com' } })]) },
    });
    template.hasResourceProperties('AWS::ECS::Cluster', {
      Configuration: { ExecuteCommandConfiguration: { LogConfiguration: Match.objectLike({ CloudWatchEncryptionEnabled: true }) } },
    });
  });

  test('webAclArn associates the web ACL with the shared load balancer once it exists', () => {
    const internalOnly = newCluster({ webAclArn: 'arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/shop/abc' });
    Template.fromStack(internalOnly.stack).resourceCountIs('AWS::WAFv2::WebACLAssociation', 0);
    const { stack, cluster } = newCluster({ webAclArn: 'arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/shop/abc' });
    cluster.addFixedResponse('Healthz', { pathPatterns: ['/healthz'], statusCode: 200 });
    Template.fromStack(stack).hasResourceProperties('AWS::WAFv2::WebACLAssociation', {
      WebACLArn: 'arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/shop/abc',
      ResourceArn: { Ref: Match.stringLikeRegexp('ClusterLoadBalancer') },
    });
  });

  test('containerInsights: true overrides DEVELOPMENT', () => {
    const { stack } = newCluster({ profile: DEVELOPMENT, containerInsights: true });
    Template.fromStack(stack).hasResourceProperties('AWS::ECS::Cluster', {
      ClusterSettings: [{ Name: 'containerInsights', Value: 'enabled' }],
    });
  });

  test('containerInsights: false overrides PRODUCTION', () => {
    const { stack } = newCluster({ profile: PRODUCTION, containerInsights: false });
    Template.fromStack(stack).hasResourceProperties('AWS::ECS::Cluster', {
      ClusterSettings: [{ Name: 'containerInsights', Value: 'disabled' }],
    });
  });

  test('exposes vpc, cluster, namespace, profile and execLogGroup', () => {
    const { cluster } = newCluster({ profile: STAGING });
    expect(cluster.vpc).toBeInstanceOf(ec2.Vpc);
    expect(cluster.cluster.vpc).toBe(cluster.vpc);
    expect(cluster.namespace.type).toBe('DNS_PRIVATE');
    expect(cluster.profile).toBe(STAGING);
    expect(cluster.execLogGroup.node.path).toBe('Shop/Cluster/ExecLogs');
  });
});

describe('environment-agnostic stacks', () => {
  test.each([DEVELOPMENT, STAGING])('%s gets 2 AZs', (profile) => {
    const { stack } = newCluster({ profile }, { env: false });
    Template.fromStack(stack).resourceCountIs('AWS::EC2::Subnet', 4);
  });

  test('PRODUCTION fails and explains how to add env', () => {
    expect(() => newCluster({ profile: PRODUCTION }, { env: false })).toThrow(
      /invalid MicroserviceCluster at 'Shop\/Cluster'[\s\S]*profile: PRODUCTION needs a stack with an explicit env[\s\S]*environment-agnostic[\s\S]*env: \{ account: '123456789012', region: 'eu-west-1' \}/,
    );
  });

  test('maxAzs above the 2 AZs an env-agnostic stack can list is an error (never a silent cap)', () => {
    expect(() => newCluster({ maxAzs: 3 }, { env: false })).toThrow(
      /Shop\/Cluster[\s\S]*maxAzs: 3 is not allowed: expected at most 2 in an environment-agnostic stack[\s\S]*explicit env/);
  });

  test('maxAzs: 1 is accepted in an env-agnostic stack', () => {
    const { stack } = newCluster({ maxAzs: 1 }, { env: false });
    Template.fromStack(stack).resourceCountIs('AWS::EC2::Subnet', 2);
  });

  test('PRODUCTION with an explicit env is accepted', () => {
    expect(() => newCluster({ profile: PRODUCTION })).not.toThrow();
  });
});

describe('imported VPC', () => {
  test('creates no VPC, subnet, NAT gateway or flow log', () => {
    const stack = newStack();
    new MicroserviceCluster(stack, 'Cluster', { vpc: importedVpc(stack) });
    const template = Template.fromStack(stack);
    for (const type of ['AWS::EC2::VPC', 'AWS::EC2::Subnet', 'AWS::EC2::NatGateway', 'AWS::EC2::FlowLog']) {
      template.resourceCountIs(type, 0);
    }
    template.hasResourceProperties('AWS::ServiceDiscovery::PrivateDnsNamespace', { Vpc: 'vpc-0123456789abcdef0' });
  });

  test('exposes the given VPC', () => {
    const stack = newStack();
    const vpc = importedVpc(stack);
    expect(new MicroserviceCluster(stack, 'Cluster', { vpc }).vpc).toBe(vpc);
  });

  test('a VPC without private subnets with egress is an error', () => {
    const stack = newStack();
    const vpc = importedVpc(stack, { privateSubnets: false });
    expect(() => new MicroserviceCluster(stack, 'Cluster', { vpc })).toThrow(
      /invalid MicroserviceCluster at 'Shop\/Cluster'[\s\S]*vpc: the VPC has no private subnets with egress \(found 2 public and 0 isolated\)[\s\S]*PRIVATE_WITH_EGRESS/,
    );
  });

  test('vpc with maxAzs is an error', () => {
    const stack = newStack();
    expect(() => new MicroserviceCluster(stack, 'Cluster', { vpc: importedVpc(stack), maxAzs: 2 }))
      .toThrow(/Shop\/Cluster[\s\S]*vpc: an existing VPC was given together with maxAzs[\s\S]*Remove maxAzs and natGateways, or remove vpc/);
  });

  test('vpc with natGateways is an error', () => {
    const stack = newStack();
    expect(() => new MicroserviceCluster(stack, 'Cluster', { vpc: importedVpc(stack), natGateways: 1 }))
      .toThrow(/Shop\/Cluster[\s\S]*vpc: an existing VPC was given together with natGateways/);
  });
});

describe('bad input', () => {
  test('natGateways above maxAzs is an error', () => {
    expect(() => newCluster({ maxAzs: 2, natGateways: 3 }))
      .toThrow(/invalid MicroserviceCluster at 'Shop\/Cluster':\n {2}- natGateways: 3 is not allowed: expected at most maxAzs \(2\) NAT gateways\. Lower natGateways to 2 or raise maxAzs\./);
  });

  test("natGateways above the profile's AZ count is an error", () => {
    expect(() => newCluster({ natGateways: 3 })).toThrow(/natGateways: 3 is not allowed: expected at most maxAzs \(2\)/);
  });

  test.each([0, -1, 1.5])('maxAzs %p is an error', (maxAzs) => {
    expect(() => newCluster({ maxAzs })).toThrow(new RegExp(`Shop/Cluster[\\s\\S]*maxAzs: ${maxAzs} is not allowed: expected an integer from 1 to 16`));
  });

  test('clusterName with characters ECS does not allow is an error', () => {
    expect(() => newCluster({ clusterName: 'shop prod' }))
      .toThrow(/Shop\/Cluster[\s\S]*clusterName: 'shop prod' is not allowed: expected up to 255 letters, digits, hyphens and underscores/);
  });

  test.each(['Shop.Internal', 'shop_internal', 'shop..internal', '-shop.internal'])('namespaceName %p is an error', (namespaceName) => {
    expect(() => newCluster({ namespaceName })).toThrow(
      new RegExp(`Shop/Cluster[\\s\\S]*namespaceName: '${namespaceName.replace(/\./g, '\\.')}' is not allowed: expected a lower-case DNS name`));
  });

  test('every problem is reported at once', () => {
    expect(() => newCluster({ clusterName: 'a b', namespaceName: 'A', natGateways: 9 }))
      .toThrow(/- natGateways: 9[\s\S]*- clusterName: 'a b'[\s\S]*- namespaceName: 'A'/);
  });
});

describe('logical IDs (R16)', () => {
  test('a default cluster keeps its logical IDs', () => {
    const { stack } = newCluster();
    expect(Object.keys(resourcesOf(Template.fromStack(stack))).sort()).toEqual([
      'Cluster3D72770B',
      'ClusterC2E21B66',
      'ClusterExecLogs956D313E',
      'ClusterFlowLogs8372B953',
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
      'ClusterVpcPublicSubnet1DefaultRoute62DA4B4B',
      'ClusterVpcPublicSubnet1EIP433C56EE',
      'ClusterVpcPublicSubnet1NATGateway0693C346',
      'ClusterVpcPublicSubnet1RouteTable5594A636',
      'ClusterVpcPublicSubnet1RouteTableAssociation0FBEF1F4',
      'ClusterVpcPublicSubnet1SubnetA9F7E0A5',
      'ClusterVpcPublicSubnet2DefaultRoute97446C8A',
      'ClusterVpcPublicSubnet2RouteTable7B43F18C',
      'ClusterVpcPublicSubnet2RouteTableAssociation8446B27D',
      'ClusterVpcPublicSubnet2Subnet059113C4',
      'ClusterVpcVPCGW47AC17E9',
    ]);
  });

  test('the shared load balancer of a PRODUCTION cluster with HTTPS keeps its logical IDs', () => {
    const stack = newStack();
    const hostedZone = route53.HostedZone.fromHostedZoneAttributes(stack, 'Zone', { hostedZoneId: 'Z0123', zoneName: 'example.com' });
    const cluster = new MicroserviceCluster(stack, 'Cluster', {
      profile: PRODUCTION,
      vpc: importedVpc(stack),
      domain: { domainName: 'shop.example.com', hostedZone },
    });
    cluster.addFixedResponse('Healthz', { pathPatterns: ['/healthz'], statusCode: 200 });
    expect(Object.keys(resourcesOf(Template.fromStack(stack))).sort()).toEqual([
      'Cluster3D72770B',
      'ClusterAccessLogsB535E130',
      'ClusterAccessLogsPolicyD033133A',
      'ClusterAliasRecord4B007FE2',
      'ClusterC2E21B66',
      'ClusterCertificateDAAAC54A',
      'ClusterExecLogs956D313E',
      'ClusterLoadBalancer47C87DEB',
      'ClusterLoadBalancerHttpBC0FCF12',
      'ClusterLoadBalancerHttps33D02691',
      'ClusterLoadBalancerSecurityGroup468ACE1B',
      'ClusterNamespaceCF7F7292',
      'ClusterRoutesHealthzRule431EBF66',
    ]);
  });
});
