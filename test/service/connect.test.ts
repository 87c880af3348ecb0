import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { IMAGE, groupIdOf, logicalIdOf, newCluster, resourcesOf, resourcesUnder } from './fixtures';
import { AutoscaledFargateService, DiscoverableService, MicroserviceCluster, SecretsFromSsm } from '../../src';

const CONNECT_ERROR_AT_WEB = /\[cdk-microservices\] invalid DiscoverableService\.connectTo at 'Shop\/Web':/;

/** Ingress rules (separate resources) whose target is `securityGroup`. */
function ingressInto(template: Template, securityGroup: ec2.ISecurityGroup) {
  return Object.values(template.findResources('AWS::EC2::SecurityGroupIngress', {
    Properties: { GroupId: groupIdOf(securityGroup) },
  }));
}

describe('connectTo', () => {
  let stack: Stack;
  let web: AutoscaledFargateService;
  let orders: DiscoverableService;
  let template: Template;
  beforeAll(() => {
    let cluster: MicroserviceCluster;
    ({ stack, cluster } = newCluster());
    web = new AutoscaledFargateService(stack, 'Web', { cluster, image: IMAGE, pathPatterns: ['/*'] });
    orders = new DiscoverableService(stack, 'Orders', { cluster, image: IMAGE, serviceName: 'api-orders', port: 9090 });
    web.connectTo(orders);
    web.connectTo(orders); // a second call changes nothing
    template = Template.fromStack(stack);
  });

  test('opens exactly one rule from the caller\'s security group to the callee\'s, on the callee\'s port only', () => {
    const rules = ingressInto(template, orders.connections.securityGroups[0]);
    expect(rules).toHaveLength(1);
    expect(rules[0].Properties).toEqual({
      GroupId: groupIdOf(orders.connections.securityGroups[0]),
      SourceSecurityGroupId: groupIdOf(web.connections.securityGroups[0]),
      IpProtocol: 'tcp',
      FromPort: 9090,
      ToPort: 9090,
      Description: 'web to api-orders (connectTo)',
    });
  });

  test('opens nothing else: no inline rule on the callee, no rule into the caller but the load balancer\'s', () => {
    expect(resourcesOf(template)[logicalIdOf(orders.connections.securityGroups[0])].Properties?.SecurityGroupIngress).toBeUndefined();
    const intoWeb = ingressInto(template, web.connections.securityGroups[0]);
    expect(intoWeb).toHaveLength(1);
    expect(intoWeb[0].Properties.SourceSecurityGroupId).toEqual(groupIdOf(web.microserviceCluster.loadBalancer!.connections.securityGroups[0]));
  });

  test('the rule lives in the caller\'s scope', () => {
    expect(Object.values(resourcesUnder(web, template)).filter((r) => r.Type === 'AWS::EC2::SecurityGroupIngress'
      && JSON.stringify(r.Properties?.GroupId) === JSON.stringify(groupIdOf(orders.connections.securityGroups[0])))).toHaveLength(1);
    expect(Object.values(resourcesUnder(orders, template)).filter((r) => r.Type === 'AWS::EC2::SecurityGroupIngress')).toHaveLength(0);
  });

  test('sets <OTHER>_URL to the callee\'s endpoint in the caller\'s container, once', () => {
    expect(orders.endpoint).toBe('http://api-orders:9090');
    template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: [Match.objectLike({ Name: 'web', Environment: [{ Name: 'API_ORDERS_URL', Value: 'http://api-orders:9090' }] })],
    });
  });

  test('leaves the callee\'s environment alone', () => {
    template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: [Match.objectLike({ Name: 'api-orders', Environment: Match.absent() })],
    });
  });
});

describe('connectTo naming', () => {
  test('api-orders on the default port gives API_ORDERS_URL = http://api-orders:8080', () => {
    const { stack, cluster } = newCluster();
    const caller = new DiscoverableService(stack, 'Web', { cluster, image: IMAGE, environment: { LOG_LEVEL: 'info' } });
    caller.connectTo(new DiscoverableService(stack, 'ApiOrders', { cluster, image: IMAGE }));
    Template.fromStack(stack).hasResourceProperties('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: [Match.objectLike({
        Name: 'web',
        Environment: [{ Name: 'LOG_LEVEL', Value: 'info' }, { Name: 'API_ORDERS_URL', Value: 'http://api-orders:8080' }],
      })],
    });
  });
});

describe('connectTo bad input', () => {
  test('connecting a service to itself is an error', () => {
    const { stack, cluster } = newCluster();
    const service = new DiscoverableService(stack, 'Web', { cluster, image: IMAGE });
    expect(() => service.connectTo(service)).toThrow(CONNECT_ERROR_AT_WEB);
    expect(() => service.connectTo(service)).toThrow("connectTo: 'Shop/Web' cannot connect to itself");
  });

  test('connecting to a service of another cluster is an error naming both clusters', () => {
    const { stack, cluster } = newCluster();
    const other = new MicroserviceCluster(stack, 'Other', { vpc: cluster.vpc });
    const service = new DiscoverableService(stack, 'Web', { cluster, image: IMAGE });
    const foreign = new DiscoverableService(stack, 'Orders', { cluster: other, image: IMAGE });
    expect(() => service.connectTo(foreign)).toThrow(CONNECT_ERROR_AT_WEB);
    expect(() => service.connectTo(foreign)).toThrow("connectTo: 'Shop/Orders' belongs to cluster 'Shop/Other', not to 'Shop/Cluster'");
  });

  test('connecting over an environment key the user set is an error', () => {
    const { stack, cluster } = newCluster();
    const service = new DiscoverableService(stack, 'Web', { cluster, image: IMAGE, environment: { ORDERS_URL: 'http://legacy:80' } });
    const orders = new DiscoverableService(stack, 'Orders', { cluster, image: IMAGE });
    expect(() => service.connectTo(orders)).toThrow(CONNECT_ERROR_AT_WEB);
    expect(() => service.connectTo(orders)).toThrow("environment variable ORDERS_URL is already set in environment ('http://legacy:80')");
  });

  test('connecting over a secret name is an error', () => {
    const { stack, cluster } = newCluster();
    const secrets = new SecretsFromSsm(stack, 'Secrets', { parameters: { ORDERS_URL: '/shop/orders-url' } });
    const service = new DiscoverableService(stack, 'Web', { cluster, image: IMAGE, secrets });
    const orders = new DiscoverableService(stack, 'Orders', { cluster, image: IMAGE });
    expect(() => service.connectTo(orders)).toThrow('connectTo: ORDERS_URL is a secret of this service');
  });

  test('a failed connectTo adds no rule', () => {
    const { stack, cluster } = newCluster();
    const service = new DiscoverableService(stack, 'Web', { cluster, image: IMAGE });
    expect(() => service.connectTo(service)).toThrow();
    Template.fromStack(stack).resourceCountIs('AWS::EC2::SecurityGroupIngress', 0);
  });
});

describe('allowFrom', () => {
  test('admits a Lambda function on the container port only', () => {
    const { stack, cluster } = newCluster();
    const orders = new DiscoverableService(stack, 'Orders', { cluster, image: IMAGE, port: 9090 });
    const fn = new lambda.Function(stack, 'Fn', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async () => ({});'),
      vpc: cluster.vpc,
    });
    orders.allowFrom(fn);
    const template = Template.fromStack(stack);
    const rules = ingressInto(template, orders.connections.securityGroups[0]);
    expect(rules).toHaveLength(1);
    expect(rules[0].Properties).toMatchObject({
      SourceSecurityGroupId: groupIdOf(fn.connections.securityGroups[0]),
      IpProtocol: 'tcp',
      FromPort: 9090,
      ToPort: 9090,
    });
  });

  test('admits a CIDR peer through a custom IConnectable', () => {
    const { stack, cluster } = newCluster();
    const orders = new DiscoverableService(stack, 'Orders', { cluster, image: IMAGE });
    const office: ec2.IConnectable = { connections: new ec2.Connections({ peer: ec2.Peer.ipv4('192.168.0.0/24') }) };
    orders.allowFrom(office);
    const template = Template.fromStack(stack);
    expect(resourcesOf(template)[logicalIdOf(orders.connections.securityGroups[0])].Properties?.SecurityGroupIngress).toEqual([
      { CidrIp: '192.168.0.0/24', IpProtocol: 'tcp', FromPort: 8080, ToPort: 8080, Description: 'to orders (allowFrom)' },
    ]);
    template.resourceCountIs('AWS::EC2::SecurityGroupIngress', 0);
  });
});
