import { App, AppProps, CfnElement, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { IConstruct } from 'constructs';
import { EnvironmentProfile, MicroserviceCluster, MicroserviceClusterProps } from '../../src';

/** An explicit environment (PRODUCTION requires one). */
export const ENV = { account: '123456789012', region: 'eu-west-1' };

/** A registry image: no asset staging, cheap to synthesize. */
export const IMAGE = ecs.ContainerImage.fromRegistry('public.ecr.aws/acme/app:1.0.0');

export const PROFILES = [EnvironmentProfile.DEVELOPMENT, EnvironmentProfile.STAGING, EnvironmentProfile.PRODUCTION];

/** The subnets of `importedVpc`. */
export const PRIVATE_SUBNETS = ['subnet-priv1', 'subnet-priv2'];

/** An imported VPC with 2 AZs of public and private subnets: no VPC resources are synthesized, so tests stay fast. */
export function importedVpc(stack: Stack): ec2.IVpc {
  return ec2.Vpc.fromVpcAttributes(stack, 'ImportedVpc', {
    vpcId: 'vpc-0123456789abcdef0',
    vpcCidrBlock: '10.1.0.0/16',
    availabilityZones: ['eu-west-1a', 'eu-west-1b'],
    publicSubnetIds: ['subnet-pub1', 'subnet-pub2'],
    privateSubnetIds: PRIVATE_SUBNETS,
  });
}

export interface ClusterFixtureOptions {
  /** Profile of the cluster. @default DEVELOPMENT */
  readonly profile?: EnvironmentProfile;
  /** Let the cluster create its VPC (slower). @default false: an imported VPC */
  readonly newVpc?: boolean;
  /** App context (feature flags). @default - none */
  readonly context?: AppProps['context'];
  /** Further cluster props. @default - none */
  readonly clusterProps?: MicroserviceClusterProps;
}

/** A fresh App with a stack `Shop` (explicit env) holding a cluster `Cluster`. */
export function newCluster(options: ClusterFixtureOptions = {}): { app: App; stack: Stack; cluster: MicroserviceCluster } {
  const app = new App({ context: options.context });
  const stack = new Stack(app, 'Shop', { env: ENV });
  const cluster = new MicroserviceCluster(stack, 'Cluster', {
    profile: options.profile ?? EnvironmentProfile.DEVELOPMENT,
    vpc: options.newVpc ? undefined : importedVpc(stack),
    ...options.clusterProps,
  });
  return { app, stack, cluster };
}

/** A CloudFormation resource of a synthesized template, typed loosely. */
export interface CfnResourceJson {
  readonly Type: string;
  readonly Properties?: { readonly [key: string]: unknown };
  readonly DeletionPolicy?: string;
  readonly UpdateReplacePolicy?: string;
  readonly DependsOn?: unknown;
}

/** Every resource of a template by logical id. */
export function resourcesOf(template: Template): { [logicalId: string]: CfnResourceJson } {
  return (template.toJSON().Resources ?? {}) as { [logicalId: string]: CfnResourceJson };
}

/** The logical id of the L1 resource behind `construct` (its default child, or itself). */
export function logicalIdOf(construct: IConstruct): string {
  const element = (construct.node.defaultChild ?? construct) as CfnElement;
  return Stack.of(element).getLogicalId(element);
}

/** `{ 'Fn::GetAtt': [<security group>, 'GroupId'] }` of a security group. */
export function groupIdOf(securityGroup: ec2.ISecurityGroup): { 'Fn::GetAtt': [string, string] } {
  return { 'Fn::GetAtt': [logicalIdOf(securityGroup), 'GroupId'] };
}

/**
 * The resources defined inside `scope` (by construct path), resolved from the
 * template of `scope`'s stack: logical id → resource.
 */
export function resourcesUnder(scope: IConstruct, template?: Template): { [logicalId: string]: CfnResourceJson } {
  const stack = Stack.of(scope);
  const all = resourcesOf(template ?? Template.fromStack(stack));
  const result: { [logicalId: string]: CfnResourceJson } = {};
  for (const child of scope.node.findAll()) {
    if (CfnElement.isCfnElement(child) && Stack.of(child) === stack) {
      const logicalId = stack.getLogicalId(child);
      if (all[logicalId]) {
        result[logicalId] = all[logicalId];
      }
    }
  }
  return result;
}

/** The only resource of `type` among `resources` (fails the test when there is not exactly one). */
export function onlyOfType(resources: { [logicalId: string]: CfnResourceJson }, type: string): CfnResourceJson {
  const found = Object.values(resources).filter((r) => r.Type === type);
  expect(found).toHaveLength(1);
  return found[0];
}
