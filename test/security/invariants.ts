/**
 * Security invariants of a synthesized template. Each check returns the
 * violations it finds (empty: the template holds the invariant), so a failing
 * test names the offending resource.
 */
import { UNSCOPABLE_ACTIONS } from '../../src/internal/unscopable-actions';

interface Resource {
  readonly Type: string;
  readonly Properties?: { readonly [key: string]: unknown };
}

/** A synthesized template, typed loosely. */
export interface TemplateJson {
  readonly Resources: { readonly [logicalId: string]: Resource };
}

type Json = { readonly [key: string]: unknown };

const OPEN_CIDRS = ['0.0.0.0/0', '::/0'];
/** Listener ports the shared load balancer may open to the internet. */
const PUBLIC_LISTENER_PORTS = [80, 443];
/** Environment names that look like secrets. */
export const SECRET_LOOKING_NAME = /PASSWORD|SECRET|TOKEN|KEY/i;

function list<T>(value: T | T[] | undefined): T[] {
  if (value === undefined) {
    return [];
  }
  return Array.isArray(value) ? value : [value];
}

function resources(template: TemplateJson, type: string): [string, Json][] {
  return Object.entries(template.Resources)
    .filter(([, r]) => r.Type === type)
    .map(([id, r]) => [id, r.Properties ?? {}]);
}

/** The logical id a `{ Ref }` or `{ Fn::GetAtt }` points to. */
function target(value: unknown): string | undefined {
  const v = value as { 'Ref'?: string; 'Fn::GetAtt'?: [string, string] } | undefined;
  return v?.Ref ?? v?.['Fn::GetAtt']?.[0];
}

/** Security groups of the load balancers in the template. */
function loadBalancerSecurityGroups(template: TemplateJson): string[] {
  return resources(template, 'AWS::ElasticLoadBalancingV2::LoadBalancer')
    .flatMap(([, p]) => list(p.SecurityGroups as unknown[]).map(target))
    .filter((id): id is string => id !== undefined);
}

/** Ingress from 0.0.0.0/0 or ::/0, except to a load balancer's security group on 80 or 443. */
export function openIngress(template: TemplateJson): string[] {
  const albGroups = loadBalancerSecurityGroups(template);
  const rules: { readonly where: string; readonly group?: string; readonly rule: Json }[] = [
    ...resources(template, 'AWS::EC2::SecurityGroup').flatMap(([id, p]) =>
      list(p.SecurityGroupIngress as Json[]).map((rule) => ({ where: id, group: id, rule }))),
    ...resources(template, 'AWS::EC2::SecurityGroupIngress').map(([id, p]) => ({ where: id, group: target(p.GroupId), rule: p })),
  ];
  return rules
    .filter(({ rule }) => OPEN_CIDRS.includes(String(rule.CidrIp)) || OPEN_CIDRS.includes(String(rule.CidrIpv6)))
    .filter(({ group, rule }) => !(group !== undefined && albGroups.includes(group) && rule.IpProtocol === 'tcp'
      && rule.FromPort === rule.ToPort && PUBLIC_LISTENER_PORTS.includes(Number(rule.FromPort))))
    .map(({ where, rule }) => `${where}: ${rule.IpProtocol} ${rule.FromPort}-${rule.ToPort} from ${rule.CidrIp ?? rule.CidrIpv6}`);
}

/** ECS services whose tasks get a public IP (or do not say). */
export function publicTasks(template: TemplateJson): string[] {
  return resources(template, 'AWS::ECS::Service')
    .filter(([, p]) => {
      const vpc = (p.NetworkConfiguration as { AwsvpcConfiguration?: Json } | undefined)?.AwsvpcConfiguration;
      return vpc?.AssignPublicIp !== 'DISABLED';
    })
    .map(([id]) => id);
}

/** Every IAM statement in the template (policies, managed policies, inline role policies). */
export function iamStatements(template: TemplateJson): { readonly where: string; readonly statement: Json }[] {
  const documents: [string, unknown][] = [
    ...resources(template, 'AWS::IAM::Policy').map(([id, p]) => [id, p.PolicyDocument] as [string, unknown]),
    ...resources(template, 'AWS::IAM::ManagedPolicy').map(([id, p]) => [id, p.PolicyDocument] as [string, unknown]),
    ...resources(template, 'AWS::IAM::Role').flatMap(([id, p]) =>
      list(p.Policies as Json[]).map((policy) => [id, policy.PolicyDocument] as [string, unknown])),
  ];
  return documents.flatMap(([where, document]) =>
    list((document as { Statement?: Json[] } | undefined)?.Statement).map((statement) => ({ where, statement })));
}

/** `Allow` statements on `Resource: *` with an action AWS could scope (not in UNSCOPABLE_ACTIONS). */
export function scopableWildcards(template: TemplateJson): string[] {
  return iamStatements(template)
    .filter(({ statement }) => statement.Effect === 'Allow' && list(statement.Resource).includes('*'))
    .flatMap(({ where, statement }) => list(statement.Action as string | string[])
      .filter((action) => !UNSCOPABLE_ACTIONS.includes(action))
      .map((action) => `${where}: ${action} on *`));
}

/** Log groups without a retention. */
export function logGroupsWithoutRetention(template: TemplateJson): string[] {
  return resources(template, 'AWS::Logs::LogGroup').filter(([, p]) => p.RetentionInDays === undefined).map(([id]) => id);
}

/** Application load balancers that do not drop invalid header fields. */
export function loadBalancersKeepingInvalidHeaders(template: TemplateJson): string[] {
  return resources(template, 'AWS::ElasticLoadBalancingV2::LoadBalancer')
    .filter(([, p]) => !list(p.LoadBalancerAttributes as Json[])
      .some((a) => a.Key === 'routing.http.drop_invalid_header_fields.enabled' && a.Value === 'true'))
    .map(([id]) => id);
}

/** Buckets that do not block every kind of public access, or accept requests without TLS. */
export function unsafeBuckets(template: TemplateJson): string[] {
  const policies = resources(template, 'AWS::S3::BucketPolicy');
  return resources(template, 'AWS::S3::Bucket').flatMap(([id, p]) => {
    const problems: string[] = [];
    const block = (p.PublicAccessBlockConfiguration ?? {}) as Json;
    if (!['BlockPublicAcls', 'BlockPublicPolicy', 'IgnorePublicAcls', 'RestrictPublicBuckets'].every((k) => block[k] === true)) {
      problems.push(`${id}: public access not fully blocked`);
    }
    const enforcesTls = policies
      .filter(([, policy]) => target(policy.Bucket) === id)
      .flatMap(([, policy]) => list((policy.PolicyDocument as { Statement?: Json[] }).Statement))
      .some((s) => s.Effect === 'Deny'
        && JSON.stringify(s.Condition) === JSON.stringify({ Bool: { 'aws:SecureTransport': 'false' } }));
    if (!enforcesTls) {
      problems.push(`${id}: no Deny for aws:SecureTransport false`);
    }
    return problems;
  });
}

/** Plain environment variables whose name looks like a secret. */
export function plaintextSecrets(template: TemplateJson): string[] {
  return resources(template, 'AWS::ECS::TaskDefinition').flatMap(([id, p]) =>
    list(p.ContainerDefinitions as Json[]).flatMap((container) =>
      list(container.Environment as Json[])
        .filter((variable) => SECRET_LOOKING_NAME.test(String(variable.Name)))
        .map((variable) => `${id}/${container.Name}: ${variable.Name}`)));
}

/** The names of the ECS secrets (valueFrom) of every container. */
export function secretNames(template: TemplateJson): string[] {
  return resources(template, 'AWS::ECS::TaskDefinition').flatMap(([, p]) =>
    list(p.ContainerDefinitions as Json[]).flatMap((container) => list(container.Secrets as Json[]).map((s) => String(s.Name))));
}
