import { App, CfnElement, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as cxapi from 'aws-cdk-lib/cx-api';
import { ENV, resourcesOf } from './fixtures';
import { EnvironmentProfile, MicroserviceCluster } from '../../src';
import { PINNED_FEATURE_FLAGS } from '../../src/internal/feature-flags';

/**
 * Flags that aws-cdk-lib reads from the Stack (not from the resource's scope), so the
 * library cannot pin them on its subtree. Both change template text only, never the
 * deployed value: IAM_MINIMIZE_POLICIES is read with the resolve context's scope (the
 * stack) and sorts/merges policy statements; ENABLE_PARTITION_LITERALS writes `arn:aws:`
 * instead of `arn:${AWS::Partition}:` where the region is known.
 */
const STACK_LEVEL_FLAGS = [cxapi.IAM_MINIMIZE_POLICIES, cxapi.ENABLE_PARTITION_LITERALS];

/** The cluster's own resources (type + properties) in a PRODUCTION cluster with HTTPS and every kind of route. */
function clusterResources(context: { [key: string]: unknown }): { [logicalId: string]: unknown } {
  const app = new App({ context });
  const stack = new Stack(app, 'Shop', { env: ENV });
  const hostedZone = route53.HostedZone.fromHostedZoneAttributes(stack, 'Zone', { hostedZoneId: 'Z0123', zoneName: 'example.com' });
  const cluster = new MicroserviceCluster(stack, 'Cluster', {
    profile: EnvironmentProfile.PRODUCTION,
    domain: { domainName: 'shop.example.com', hostedZone },
  });
  cluster.addFixedResponse('Healthz', { pathPatterns: ['/healthz'], statusCode: 200, messageBody: 'ok' });
  cluster.addRedirect('Old', { hostHeaders: ['old.example.com'], host: 'shop.example.com' });
  const handler = new lambda.Function(stack, 'Handler', {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });'),
  });
  cluster.addLambdaRoute('Hook', { pathPatterns: ['/hook'], handler });

  const resources = resourcesOf(Template.fromStack(stack));
  const ours = new Set(cluster.node.findAll().filter(CfnElement.isCfnElement).map((e) => stack.getLogicalId(e)));
  const result: { [logicalId: string]: unknown } = {};
  for (const [logicalId, resource] of Object.entries(resources)) {
    if (ours.has(logicalId)) {
      result[logicalId] = { Type: resource.Type, Properties: resource.Properties };
    }
  }
  return result;
}

/** Folds the two stack-level flags' spellings into one: sorted IAM actions, `arn:aws:` literals. */
function normalize(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(normalize);
  }
  if (typeof value !== 'object' || value === null) {
    return value;
  }
  const record = value as { [key: string]: unknown };
  const join = record['Fn::Join'];
  if (Array.isArray(join) && join[0] === '' && Array.isArray(join[1])) {
    const parts = join[1] as unknown[];
    if (parts[0] === 'arn:' && JSON.stringify(parts[1]) === '{"Ref":"AWS::Partition"}' && parts.slice(2).every((p) => typeof p === 'string')) {
      return `arn:aws${parts.slice(2).join('')}`;
    }
  }
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k,
    k === 'Action' && Array.isArray(v) ? [...v].sort() : normalize(v)]));
}

describe('feature flags', () => {
  let defaults: { [logicalId: string]: unknown };
  beforeAll(() => {
    defaults = clusterResources({});
  });

  test('the fixture covers the load balancer, HTTPS, access logs and every kind of route', () => {
    const types = new Set(Object.values(defaults).map((r) => (r as { Type: string }).Type));
    for (const type of ['AWS::ECS::Cluster', 'AWS::EC2::VPC', 'AWS::EC2::FlowLog', 'AWS::ElasticLoadBalancingV2::LoadBalancer',
      'AWS::ElasticLoadBalancingV2::Listener', 'AWS::ElasticLoadBalancingV2::ListenerRule', 'AWS::ElasticLoadBalancingV2::TargetGroup',
      'AWS::CertificateManager::Certificate', 'AWS::S3::BucketPolicy', 'AWS::Route53::RecordSet']) {
      expect(types).toContain(type);
    }
  });

  test('the recommended flags (except the two read at stack level) change none of the cluster resources', () => {
    const recommended: { [flag: string]: unknown } = { ...cxapi.CURRENTLY_RECOMMENDED_FLAGS };
    for (const flag of STACK_LEVEL_FLAGS) {
      delete recommended[flag];
    }
    expect(clusterResources(recommended)).toEqual(defaults);
  });

  test('with all recommended flags, the only differences are IAM action order and partition literals', () => {
    const recommended = clusterResources({ ...cxapi.CURRENTLY_RECOMMENDED_FLAGS });
    expect(recommended).not.toEqual(defaults); // if this fails, the two flags are now pinnable: simplify this file
    expect(normalize(recommended)).toEqual(normalize(defaults));
  });

  test("a user's cdk.json that flips every pinned flag changes none of the cluster resources", () => {
    const flipped = Object.fromEntries(Object.entries(PINNED_FEATURE_FLAGS)
      .filter(([flag]) => !STACK_LEVEL_FLAGS.includes(flag))
      .map(([flag, value]) => [flag, !value]));
    expect(Object.keys(flipped).length).toBeGreaterThan(0);
    expect(clusterResources(flipped)).toEqual(defaults);
  });
});
