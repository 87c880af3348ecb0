import { CfnResource, Stack, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { IConstruct } from 'constructs';
import { RouteRegistration, ServiceRegistration } from './registry';
import { ClusterModel, ResourceRef } from '../artifacts/model';

/** What the cluster knows privately that the model needs. */
export interface ClusterFacts {
  readonly profile: string;
  readonly namespaceName: string;
  readonly routes: readonly RouteRegistration[];
  readonly services: readonly ServiceRegistration[];
  readonly createdVpc?: { readonly maxAzs: number; readonly natGateways: number };
  readonly containerInsights: boolean;
  readonly loadBalancer?: elbv2.ApplicationLoadBalancer;
  readonly loadBalancerSecurityGroup?: ec2.SecurityGroup;
  readonly https: boolean;
  readonly domainName?: string;
  readonly internetFacing: boolean;
  readonly accessLogs: boolean;
  readonly url?: string;
  readonly hostedZone: boolean;
}

/** Builds the plain model of a cluster and its services (called at synth). */
export function describeCluster(cluster: IConstruct, facts: ClusterFacts): ClusterModel {
  const stack = Stack.of(cluster);
  const routes = facts.routes
    .map((r) => ({
      priority: r.priority,
      pathPatterns: [...r.pathPatterns],
      hostHeaders: [...r.hostHeaders],
      action: r.action(),
      source: r.owner.node.path,
    }))
    .sort((a, b) => a.priority - b.priority);
  return {
    clusterId: cluster.node.id,
    constructPath: cluster.node.path,
    stackName: stack.stackName,
    profile: facts.profile,
    region: Token.isUnresolved(stack.region) ? undefined : stack.region,
    namespace: facts.namespaceName,
    vpc: facts.createdVpc ? { ...facts.createdVpc, flowLogs: true } : undefined,
    containerInsights: facts.containerInsights,
    hostedZone: facts.hostedZone,
    loadBalancer: facts.loadBalancer ? {
      internetFacing: facts.internetFacing,
      https: facts.https,
      domainName: facts.domainName,
      accessLogs: facts.accessLogs,
      url: renderText(cluster, facts.url ?? ''),
      securityGroups: resourceRefs(facts.loadBalancerSecurityGroup!, ec2.CfnSecurityGroup),
    } : undefined,
    routes,
    services: facts.services.map((s) => s.describe()),
    roles: resourceRefs(cluster, iam.CfnRole),
    securityGroups: resourceRefs(cluster, ec2.CfnSecurityGroup),
  };
}

/** Every resource of a CloudFormation type under `scope`, located in the synthesized templates. */
export function resourceRefs(scope: IConstruct, type: { readonly CFN_RESOURCE_TYPE_NAME: string }): ResourceRef[] {
  return scope.node.findAll()
    .filter((c): c is CfnResource => CfnResource.isCfnResource(c) && c.cfnResourceType === type.CFN_RESOURCE_TYPE_NAME)
    .map((c) => {
      const stack = Stack.of(c);
      return {
        stackArtifactId: stack.artifactId,
        templateFile: stack.templateFile,
        logicalId: stack.resolve(c.logicalId) as string,
        path: c.node.path,
      };
    });
}

/**
 * Renders a string that may contain tokens as readable text:
 * `http://${Token[...]}` → `http://<ALB DNS name>`-like placeholders (`${Ref:X}`, `${X.Attr}`).
 */
export function renderText(scope: IConstruct, value: string): string {
  if (!Token.isUnresolved(value)) {
    return value;
  }
  const resolved: unknown = Stack.of(scope).resolve(value);
  return renderIntrinsic(resolved);
}

function renderIntrinsic(value: unknown): string {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  if (Array.isArray(value)) {
    return value.map(renderIntrinsic).join(',');
  }
  if (value && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    if ('Ref' in obj) {
      return `\${${String(obj.Ref)}}`;
    }
    if ('Fn::GetAtt' in obj) {
      const [resource, attribute] = obj['Fn::GetAtt'] as [string, string];
      return `\${${resource}.${attribute}}`;
    }
    if ('Fn::Join' in obj) {
      const [sep, parts] = obj['Fn::Join'] as [string, unknown[]];
      return parts.map(renderIntrinsic).join(sep);
    }
    if ('Fn::ImportValue' in obj) {
      return `\${Import:${renderIntrinsic(obj['Fn::ImportValue'])}}`;
    }
    if ('Fn::Select' in obj) {
      const [index, list] = obj['Fn::Select'] as [number, unknown];
      return `\${Select:${index}:${renderIntrinsic(list)}}`;
    }
  }
  return '${token}';
}
