import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as cxapi from 'aws-cdk-lib/cx-api';
import { Construct } from 'constructs';
import { CfnResourceJson, IMAGE, newCluster, resourcesUnder } from './fixtures';
import { AutoscaledFargateService, DiscoverableService, EnvironmentProfile, MicroserviceCluster } from '../../src';
import { PINNED_FEATURE_FLAGS } from '../../src/internal/feature-flags';

type ServiceName = 'a' | 'b' | 'c' | 'd';

/**
 * a: public on /a/*; b: internal; c: public on /c/*; d: public catch-all /*.
 * a → c and b → c and d → a are connected whenever both ends exist.
 */
const SPECS: { readonly [name in ServiceName]: (stack: Stack, cluster: MicroserviceCluster) => DiscoverableService } = {
  a: (stack, cluster) => new AutoscaledFargateService(stack, 'A', { cluster, image: IMAGE, pathPatterns: ['/a/*'] }),
  b: (stack, cluster) => new DiscoverableService(stack, 'B', { cluster, image: IMAGE, readonlyRootFilesystem: true }),
  c: (stack, cluster) => new AutoscaledFargateService(stack, 'C', { cluster, image: IMAGE, pathPatterns: ['/c/*'], requestsPerTarget: 100 }),
  d: (stack, cluster) => new AutoscaledFargateService(stack, 'D', { cluster, image: IMAGE, pathPatterns: ['/*'] }),
};
const CONNECTIONS: readonly [ServiceName, ServiceName][] = [['a', 'c'], ['b', 'c'], ['d', 'a']];

/** Every resource inside each service's construct, by service name. */
function buildApp(names: ServiceName[], context?: { [key: string]: unknown }): { [name: string]: { [logicalId: string]: CfnResourceJson } } {
  const { stack, cluster } = newCluster({ profile: EnvironmentProfile.PRODUCTION, context });
  const services: { [name: string]: DiscoverableService } = {};
  for (const name of names) {
    services[name] = SPECS[name](stack, cluster);
  }
  for (const [from, to] of CONNECTIONS) {
    if (services[from] && services[to]) {
      services[from].connectTo(services[to]);
    }
  }
  const template = Template.fromStack(stack);
  return Object.fromEntries(names.map((name) => [name, resourcesUnder(services[name], template)]));
}

describe('adding and removing services', () => {
  let abc: ReturnType<typeof buildApp>;
  let abcd: ReturnType<typeof buildApp>;
  let ac: ReturnType<typeof buildApp>;
  beforeAll(() => {
    abc = buildApp(['a', 'b', 'c']);
    abcd = buildApp(['a', 'b', 'c', 'd']);
    ac = buildApp(['a', 'c']);
  });

  test('the fixture covers the listener rule, scaling and connection rules', () => {
    const types = (resources: { [logicalId: string]: CfnResourceJson }) => Object.values(resources).map((r) => r.Type);
    expect(types(abc.a)).toEqual(expect.arrayContaining([
      'AWS::ElasticLoadBalancingV2::ListenerRule',
      'AWS::ElasticLoadBalancingV2::TargetGroup',
      'AWS::ApplicationAutoScaling::ScalableTarget',
      'AWS::EC2::SecurityGroupIngress',
      'AWS::ECS::Service',
      'AWS::ServiceDiscovery::Service',
    ]));
    expect(Object.keys(abc.a).length).toBeGreaterThanOrEqual(15);
  });

  test.each(['a', 'c'])('adding d keeps every logical id and property of %s', (name) => {
    expect(abcd[name]).toEqual(abc[name]);
  });

  test.each(['a', 'c'])('removing b and d keeps every logical id and property of %s', (name) => {
    expect(ac[name]).toEqual(abc[name]);
    expect(ac[name]).toEqual(abcd[name]);
  });

  test('the listener rule priority of a is part of what is compared', () => {
    const rule = Object.values(ac.a).find((r) => r.Type === 'AWS::ElasticLoadBalancingV2::ListenerRule');
    expect(typeof rule?.Properties?.Priority).toBe('number');
  });
});

/** The boolean recommended flags, each set to its old (pre-recommendation) value. */
const OLD_FLAGS = Object.fromEntries(Object.entries(cxapi.CURRENTLY_RECOMMENDED_FLAGS)
  .filter(([, value]) => typeof value === 'boolean')
  .map(([flag, value]) => [flag, !value]));

/**
 * `@aws-cdk/core:enablePartitionLiterals` is read on the Stack (`Stack.partition`), so no construct can
 * pin it; it only changes how the partition is spelled (`arn:aws:` instead of `arn:${AWS::Partition}:`).
 * Undo that spelling: substitute `aws` for the partition and fold joins of plain strings.
 */
function withLiteralPartition(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(withLiteralPartition);
  }
  if (value === null || typeof value !== 'object') {
    return value;
  }
  const record = value as { [key: string]: unknown };
  if (record.Ref === 'AWS::Partition' && Object.keys(record).length === 1) {
    return 'aws';
  }
  const join = record['Fn::Join'];
  if (Array.isArray(join) && join[0] === '' && Array.isArray(join[1])) {
    const parts: unknown[] = [];
    for (const part of (join[1] as unknown[]).map(withLiteralPartition)) {
      const last = parts[parts.length - 1];
      if (typeof part === 'string' && typeof last === 'string') {
        parts[parts.length - 1] = last + part;
      } else {
        parts.push(part);
      }
    }
    return parts.length === 1 && typeof parts[0] === 'string' ? parts[0] : { 'Fn::Join': ['', parts] };
  }
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, withLiteralPartition(v)]));
}

describe('feature flags', () => {
  const ALL: ServiceName[] = ['a', 'b', 'c', 'd'];
  let defaults: ReturnType<typeof buildApp>;
  let recommended: ReturnType<typeof buildApp>;
  let recommendedWithoutPartitionLiterals: ReturnType<typeof buildApp>;
  let old: ReturnType<typeof buildApp>;
  beforeAll(() => {
    defaults = buildApp(ALL);
    recommended = buildApp(ALL, { ...cxapi.CURRENTLY_RECOMMENDED_FLAGS });
    recommendedWithoutPartitionLiterals = buildApp(ALL, { ...cxapi.CURRENTLY_RECOMMENDED_FLAGS, [cxapi.ENABLE_PARTITION_LITERALS]: false });
    old = buildApp(ALL, OLD_FLAGS);
  });

  test('the pinned flags are set on the library\'s constructs', () => {
    const { stack, cluster } = newCluster();
    const service = new DiscoverableService(stack, 'Orders', { cluster, image: IMAGE });
    expect(Object.keys(PINNED_FEATURE_FLAGS).length).toBeGreaterThan(0);
    for (const scope of [cluster, service] as Construct[]) {
      for (const [flag, value] of Object.entries(PINNED_FEATURE_FLAGS)) {
        expect({ flag, value: scope.node.tryGetContext(flag) }).toEqual({ flag, value });
      }
    }
  });

  test.each(ALL)('service %s is identical under the recommended flags (but for the partition spelling)', (name) => {
    expect(withLiteralPartition(recommended[name])).toEqual(withLiteralPartition(defaults[name]));
  });

  test('enablePartitionLiterals does change the raw spelling (so the normaliser above is needed)', () => {
    expect(recommended.a).not.toEqual(defaults.a);
  });

  test.each(ALL)('service %s is identical under the recommended flags without enablePartitionLiterals', (name) => {
    expect(recommendedWithoutPartitionLiterals[name]).toEqual(defaults[name]);
  });

  test.each(ALL)('service %s is identical with every boolean recommended flag at its old value', (name) => {
    expect(old[name]).toEqual(defaults[name]);
  });

  test('the partition normaliser does fold partition joins (else the test above proves nothing)', () => {
    expect(withLiteralPartition({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::1:role/x']] })).toBe('arn:aws:iam::1:role/x');
    expect(withLiteralPartition({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':logs:', { Ref: 'G' }]] }))
      .toEqual({ 'Fn::Join': ['', ['arn:aws:logs:', { Ref: 'G' }]] });
  });
});
