import { ShopProfile, synthesizeShop } from './fixtures';
import {
  TemplateJson,
  iamStatements,
  loadBalancersKeepingInvalidHeaders,
  logGroupsWithoutRetention,
  openIngress,
  plaintextSecrets,
  publicTasks,
  scopableWildcards,
  secretNames,
  unsafeBuckets,
} from './invariants';
import { EnvironmentProfile } from '../../src';
import { UNSCOPABLE_ACTIONS } from '../../src/internal/unscopable-actions';

let shops: readonly ShopProfile[];
beforeAll(() => {
  shops = synthesizeShop().profiles;
});
const shop = (profile: EnvironmentProfile) => shops.find((s) => s.profile === profile)!;
/** How many resources of `type` the shop has in `profile` (a check on none of them would prove nothing). */
const count = (profile: EnvironmentProfile, type: string) =>
  Object.values(shop(profile).template.Resources).filter((r) => r.Type === type).length;

describe.each([EnvironmentProfile.DEVELOPMENT, EnvironmentProfile.STAGING, EnvironmentProfile.PRODUCTION])('the example shop in %s', (profile) => {
  test('admits 0.0.0.0/0 and ::/0 only to the load balancer, on 80 or 443', () => {
    expect(openIngress(shop(profile).template)).toEqual([]);
    // The load balancer's own open ingress is there (the check is not vacuous).
    const fromAnywhere = Object.values(shop(profile).template.Resources)
      .filter((r) => r.Type === 'AWS::EC2::SecurityGroup')
      .flatMap((r) => (r.Properties?.SecurityGroupIngress ?? []) as { CidrIp?: string }[])
      .filter((rule) => rule.CidrIp === '0.0.0.0/0');
    expect(fromAnywhere.length).toBeGreaterThan(0);
  });

  test('gives no task a public IP', () => {
    expect(publicTasks(shop(profile).template)).toEqual([]);
    expect(count(profile, 'AWS::ECS::Service')).toBe(5);
  });

  test('has Resource * only on the actions AWS cannot scope', () => {
    const template = shop(profile).template;

    expect(scopableWildcards(template)).toEqual([]);
    // ECS Exec's statement is there (the check is not vacuous), with nothing else on it.
    const wildcards = iamStatements(template).filter(({ statement }) => statement.Resource === '*');
    expect(wildcards.length).toBeGreaterThan(0);
    for (const { statement } of wildcards) {
      expect(UNSCOPABLE_ACTIONS).toEqual(expect.arrayContaining([statement.Action].flat()));
    }
  });

  test('gives every log group a retention', () => {
    expect(logGroupsWithoutRetention(shop(profile).template)).toEqual([]);
    expect(count(profile, 'AWS::Logs::LogGroup')).toBeGreaterThan(0);
  });

  test('drops invalid header fields at the load balancer', () => {
    expect(loadBalancersKeepingInvalidHeaders(shop(profile).template)).toEqual([]);
    expect(count(profile, 'AWS::ElasticLoadBalancingV2::LoadBalancer')).toBe(1);
  });

  test('blocks public access to every bucket and enforces TLS', () => {
    expect(unsafeBuckets(shop(profile).template)).toEqual([]);
  });

  test('puts no secret-looking name in plain environment; the shop\'s secrets are ECS secrets', () => {
    const template = shop(profile).template;

    expect(plaintextSecrets(template)).toEqual([]);
    expect(secretNames(template)).toEqual(expect.arrayContaining(['DB_PASSWORD', 'STRIPE_API_KEY']));
  });
});

test('the PRODUCTION shop has the access-log bucket the bucket invariant checks', () => {
  expect(count(EnvironmentProfile.PRODUCTION, 'AWS::S3::Bucket')).toBe(1);
});

/** The checks themselves: each flags a template that breaks its invariant. */
describe('the invariant checks', () => {
  const template = (resources: TemplateJson['Resources']): TemplateJson => ({ Resources: resources });
  const alb = { Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer', Properties: { SecurityGroups: [{ 'Fn::GetAtt': ['AlbSg', 'GroupId'] }] } };

  test('openIngress flags SSH from anywhere, and HTTPS from anywhere to a task', () => {
    expect(openIngress(template({
      Alb: alb,
      AlbSg: { Type: 'AWS::EC2::SecurityGroup', Properties: { SecurityGroupIngress: [{ CidrIp: '0.0.0.0/0', IpProtocol: 'tcp', FromPort: 443, ToPort: 443 }] } },
      Ssh: { Type: 'AWS::EC2::SecurityGroup', Properties: { SecurityGroupIngress: [{ CidrIpv6: '::/0', IpProtocol: 'tcp', FromPort: 22, ToPort: 22 }] } },
      TaskSg: { Type: 'AWS::EC2::SecurityGroup', Properties: {} },
      Direct: { Type: 'AWS::EC2::SecurityGroupIngress', Properties: { GroupId: { 'Fn::GetAtt': ['TaskSg', 'GroupId'] }, CidrIp: '0.0.0.0/0', IpProtocol: 'tcp', FromPort: 443, ToPort: 443 } },
    }))).toEqual(['Ssh: tcp 22-22 from ::/0', 'Direct: tcp 443-443 from 0.0.0.0/0']);
  });

  test('publicTasks flags a service with a public IP', () => {
    expect(publicTasks(template({
      Svc: { Type: 'AWS::ECS::Service', Properties: { NetworkConfiguration: { AwsvpcConfiguration: { AssignPublicIp: 'ENABLED' } } } },
    }))).toEqual(['Svc']);
  });

  test('scopableWildcards flags s3:GetObject on *', () => {
    expect(scopableWildcards(template({
      Policy: {
        Type: 'AWS::IAM::Policy',
        Properties: { PolicyDocument: { Statement: [{ Effect: 'Allow', Action: ['ssmmessages:OpenDataChannel', 's3:GetObject'], Resource: '*' }] } },
      },
    }))).toEqual(['Policy: s3:GetObject on *']);
  });

  test('logGroupsWithoutRetention, loadBalancersKeepingInvalidHeaders and unsafeBuckets flag the defaults of the L1s', () => {
    const bare = template({
      Logs: { Type: 'AWS::Logs::LogGroup', Properties: {} },
      Alb: alb,
      Bucket: { Type: 'AWS::S3::Bucket', Properties: {} },
    });

    expect(logGroupsWithoutRetention(bare)).toEqual(['Logs']);
    expect(loadBalancersKeepingInvalidHeaders(bare)).toEqual(['Alb']);
    expect(unsafeBuckets(bare)).toEqual(['Bucket: public access not fully blocked', 'Bucket: no Deny for aws:SecureTransport false']);
  });

  test('plaintextSecrets flags API_TOKEN in Environment', () => {
    expect(plaintextSecrets(template({
      Task: { Type: 'AWS::ECS::TaskDefinition', Properties: { ContainerDefinitions: [{ Name: 'web', Environment: [{ Name: 'API_TOKEN', Value: 'abc' }] }] } },
    }))).toEqual(['Task/web: API_TOKEN']);
  });
});
