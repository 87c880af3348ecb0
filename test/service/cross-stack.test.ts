import { App, Stack } from 'aws-cdk-lib';
import * as cxapi from 'aws-cdk-lib/cx-api';
import { CfnResourceJson, ENV, IMAGE, groupIdOf, logicalIdOf } from './fixtures';
import { AutoscaledFargateService, DiscoverableService, MicroserviceCluster } from '../../src';

interface Template {
  readonly Resources: { [logicalId: string]: CfnResourceJson };
}

function templateOf(assembly: cxapi.CloudAssembly, stack: Stack): Template {
  return assembly.getStackArtifact(stack.artifactId).template as Template;
}

function typesIn(template: Template): string[] {
  return Object.values(template.Resources).map((r) => r.Type);
}

/** The assembly manifest's dependencies of `stack` (artifact ids of other stacks only). */
function manifestDependencies(assembly: cxapi.CloudAssembly, stack: Stack): string[] {
  return assembly.getStackArtifact(stack.artifactId).dependencies
    .filter((d) => d instanceof cxapi.CloudFormationStackArtifact)
    .map((d) => d.id)
    .sort();
}

/** The descriptions of the SecurityGroupIngress resources of `stacks`, sorted. */
function ingressDescriptions(assembly: cxapi.CloudAssembly, stacks: Stack[]): string[] {
  return stacks
    .flatMap((s) => Object.values(templateOf(assembly, s).Resources))
    .filter((r) => r.Type === 'AWS::EC2::SecurityGroupIngress')
    .map((r) => String(r.Properties?.Description))
    .sort();
}

/** Rule priority of every public service, by serviceName. */
function priorities(assembly: cxapi.CloudAssembly, services: AutoscaledFargateService[]): { [serviceName: string]: number } {
  return Object.fromEntries(services.map((s) => [
    s.serviceName,
    Number(templateOf(assembly, Stack.of(s)).Resources[logicalIdOf(s.listenerRule)].Properties?.Priority),
  ]));
}

/**
 * The cluster in stack `Base`, web (public, `/*`) and admin (public, `/admin/*`) in stack `Web`,
 * orders (internal) and api (public, `/api/*`) in stack `Orders`; web and orders connected both ways.
 */
function crossStackApp() {
  const app = new App();
  const base = new Stack(app, 'Base', { env: ENV });
  const webStack = new Stack(app, 'Web', { env: ENV });
  const ordersStack = new Stack(app, 'Orders', { env: ENV });
  const cluster = new MicroserviceCluster(base, 'Cluster');
  const web = new AutoscaledFargateService(webStack, 'Web', { cluster, image: IMAGE, pathPatterns: ['/*'] });
  const admin = new AutoscaledFargateService(webStack, 'Admin', { cluster, image: IMAGE, pathPatterns: ['/admin/*'] });
  const orders = new DiscoverableService(ordersStack, 'Orders', { cluster, image: IMAGE });
  const api = new AutoscaledFargateService(ordersStack, 'Api', { cluster, image: IMAGE, pathPatterns: ['/api/*'] });
  web.connectTo(orders);
  orders.connectTo(web);
  return { app, base, webStack, ordersStack, cluster, web, admin, orders, api };
}

describe('cluster and services in different stacks', () => {
  let fixture: ReturnType<typeof crossStackApp>;
  let assembly: cxapi.CloudAssembly;
  beforeAll(() => {
    fixture = crossStackApp();
    assembly = fixture.app.synth();
  });

  test('the cluster\'s stack depends on no service stack', () => {
    expect(fixture.base.dependencies).toEqual([]);
    expect(manifestDependencies(assembly, fixture.base)).toEqual([]);
  });

  test('each service stack depends on the cluster\'s stack', () => {
    expect(manifestDependencies(assembly, fixture.webStack)).toContain('Base');
    expect(manifestDependencies(assembly, fixture.ordersStack)).toContain('Base');
  });

  test('services connected both ways across stacks form no cycle: only one stack depends on the other', () => {
    const webDependsOnOrders = manifestDependencies(assembly, fixture.webStack).includes('Orders');
    const ordersDependsOnWeb = manifestDependencies(assembly, fixture.ordersStack).includes('Web');
    expect(webDependsOnOrders !== ordersDependsOnWeb).toBe(true);
  });

  test('the cluster\'s stack holds no listener rule, target group or separate security group rule', () => {
    const types = typesIn(templateOf(assembly, fixture.base));
    expect(types).toContain('AWS::ElasticLoadBalancingV2::LoadBalancer');
    for (const type of [
      'AWS::ElasticLoadBalancingV2::ListenerRule',
      'AWS::ElasticLoadBalancingV2::TargetGroup',
      'AWS::EC2::SecurityGroupIngress',
      'AWS::EC2::SecurityGroupEgress',
    ]) {
      expect(types).not.toContain(type);
    }
  });

  test('a public service\'s listener rule, target group and both load balancer rules live in its own stack', () => {
    const { web } = fixture;
    const resources = templateOf(assembly, fixture.webStack).Resources;
    expect(resources[logicalIdOf(web.listenerRule)]?.Type).toBe('AWS::ElasticLoadBalancingV2::ListenerRule');
    expect(resources[logicalIdOf(web.targetGroup)]?.Type).toBe('AWS::ElasticLoadBalancingV2::TargetGroup');
    const taskGroup = groupIdOf(web.connections.securityGroups[0]);
    const ingress = Object.values(resources).filter((r) => r.Type === 'AWS::EC2::SecurityGroupIngress'
      && JSON.stringify(r.Properties?.GroupId) === JSON.stringify(taskGroup)
      && r.Properties?.FromPort === 8080);
    const egress = Object.values(resources).filter((r) => r.Type === 'AWS::EC2::SecurityGroupEgress'
      && JSON.stringify(r.Properties?.DestinationSecurityGroupId) === JSON.stringify(taskGroup));
    // From the load balancer, plus orders → web (placed here so the stacks form no cycle, or in Orders).
    expect(ingress.length).toBeGreaterThanOrEqual(1);
    expect(egress).toHaveLength(1);
    expect(egress[0].Properties?.GroupId).toEqual({ 'Fn::ImportValue': expect.stringMatching(/^Base:ExportsOutputFnGetAtt/) });
  });

  test('both connectTo rules exist exactly once across the app', () => {
    const { web, orders } = fixture;
    expect(ingressDescriptions(assembly, [fixture.base, fixture.webStack, fixture.ordersStack])).toEqual([
      'Load balancer to admin',
      'Load balancer to api',
      'Load balancer to web',
      'orders to web (connectTo)',
      'web to orders (connectTo)',
    ]);
    expect(web.endpoint).toBe('http://web:8080');
    expect(orders.endpoint).toBe('http://orders:8080');
  });

  test('listener rule priorities equal those of the same services in one stack', () => {
    const app = new App();
    const stack = new Stack(app, 'Single', { env: ENV });
    const cluster = new MicroserviceCluster(stack, 'Cluster');
    const single = [
      new AutoscaledFargateService(stack, 'Web', { cluster, image: IMAGE, pathPatterns: ['/*'] }),
      new AutoscaledFargateService(stack, 'Admin', { cluster, image: IMAGE, pathPatterns: ['/admin/*'] }),
      new AutoscaledFargateService(stack, 'Api', { cluster, image: IMAGE, pathPatterns: ['/api/*'] }),
    ];
    const expected = priorities(app.synth(), single);
    expect(priorities(assembly, [fixture.web, fixture.admin, fixture.api])).toEqual(expected);
    expect(new Set(Object.values(expected)).size).toBe(3);
  });
});

describe('connectTo across stacks', () => {
  test('a service in the cluster\'s stack calling one in another stack adds no dependency to the cluster\'s stack', () => {
    const app = new App();
    const base = new Stack(app, 'Base', { env: ENV });
    const other = new Stack(app, 'Other', { env: ENV });
    const cluster = new MicroserviceCluster(base, 'Cluster');
    const gateway = new DiscoverableService(base, 'Gateway', { cluster, image: IMAGE });
    const orders = new DiscoverableService(other, 'Orders', { cluster, image: IMAGE });
    gateway.connectTo(orders);
    const assembly = app.synth();
    expect(manifestDependencies(assembly, base)).toEqual([]);
    expect(typesIn(templateOf(assembly, other))).toContain('AWS::EC2::SecurityGroupIngress');
  });

  test('a ring of calls through three service stacks forms no cycle', () => {
    const app = new App();
    const base = new Stack(app, 'Base', { env: ENV });
    const cluster = new MicroserviceCluster(base, 'Cluster');
    const [a, b, c] = ['A', 'B', 'C'].map((id) =>
      new DiscoverableService(new Stack(app, `${id}Stack`, { env: ENV }), id, { cluster, image: IMAGE }));
    a.connectTo(b);
    b.connectTo(c);
    c.connectTo(a);
    expect(() => app.synth()).not.toThrow();
    expect(ingressDescriptions(app.synth(), [base, ...[a, b, c].map((s) => Stack.of(s))]))
      .toEqual(['a to b (connectTo)', 'b to c (connectTo)', 'c to a (connectTo)']);
  });

  test('every pair connected both ways across four stacks forms no cycle', () => {
    const app = new App();
    const base = new Stack(app, 'Base', { env: ENV });
    const cluster = new MicroserviceCluster(base, 'Cluster');
    const services = ['A', 'B', 'C', 'D'].map((id) =>
      new DiscoverableService(new Stack(app, `${id}Stack`, { env: ENV }), id, { cluster, image: IMAGE }));
    for (const from of services) {
      for (const to of services.filter((s) => s !== from)) {
        from.connectTo(to);
      }
    }
    expect(() => app.synth()).not.toThrow();
    const expected = ['a', 'b', 'c', 'd'].flatMap((from) => ['a', 'b', 'c', 'd'].filter((to) => to !== from).map((to) => `${from} to ${to} (connectTo)`));
    expect(ingressDescriptions(app.synth(), [base, ...services.map((s) => Stack.of(s))])).toEqual(expected.sort());
  });
});
