import { App, AppProps, CfnElement, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { MicroserviceCluster, MicroserviceClusterProps } from '../../src';

/** An explicit environment: the dummy AZ list of an empty context has 3 AZs. */
export const ENV = { account: '123456789012', region: 'eu-west-1' };

/** A stack with an explicit env (or env-agnostic with `{ env: false }`) in a fresh App. */
export function newStack(options: { readonly env?: boolean; readonly app?: AppProps } = {}): Stack {
  const app = new App(options.app);
  return new Stack(app, 'Shop', options.env === false ? {} : { env: ENV });
}

/** A stack with a cluster `Cluster`. */
export function newCluster(
  props: MicroserviceClusterProps = {},
  options: { readonly env?: boolean } = {},
): { stack: Stack; cluster: MicroserviceCluster } {
  const stack = newStack(options);
  const cluster = new MicroserviceCluster(stack, 'Cluster', props);
  return { stack, cluster };
}

/** An imported VPC with 2 AZs of public and private subnets (no VPC resources synthesized, cheap). */
export function importedVpc(stack: Stack, options: { readonly privateSubnets?: boolean } = {}): ec2.IVpc {
  return ec2.Vpc.fromVpcAttributes(stack, 'ImportedVpc', {
    vpcId: 'vpc-0123456789abcdef0',
    vpcCidrBlock: '10.1.0.0/16',
    availabilityZones: ['eu-west-1a', 'eu-west-1b'],
    publicSubnetIds: ['subnet-pub1', 'subnet-pub2'],
    privateSubnetIds: options.privateSubnets === false ? undefined : ['subnet-priv1', 'subnet-priv2'],
  });
}

/** A cheap cluster for route tests: imported VPC, explicit env. */
export function newRouteCluster(props: MicroserviceClusterProps = {}): { stack: Stack; cluster: MicroserviceCluster } {
  const stack = newStack();
  const cluster = new MicroserviceCluster(stack, 'Cluster', { vpc: importedVpc(stack), ...props });
  return { stack, cluster };
}

interface CfnResourceJson {
  readonly Type: string;
  readonly Properties?: { readonly [key: string]: unknown };
  readonly DeletionPolicy?: string;
}

/** The resources of a template, typed loosely. */
export function resourcesOf(template: Template): { [logicalId: string]: CfnResourceJson } {
  return (template.toJSON().Resources ?? {}) as { [logicalId: string]: CfnResourceJson };
}

/** The only resource of `type` (fails the test when there is not exactly one). */
export function onlyResource(template: Template, type: string): { logicalId: string; resource: CfnResourceJson } {
  const found = Object.entries(template.findResources(type));
  expect(found).toHaveLength(1);
  const [logicalId, resource] = found[0];
  return { logicalId, resource: resource as CfnResourceJson };
}

/** The listener rule priority of every rule, by construct path of the rule's parent (e.g. `Cluster/Routes/Healthz`). */
export function rulePriorities(stack: Stack): { [path: string]: number } {
  const template = Template.fromStack(stack);
  const resources = resourcesOf(template);
  const result: { [path: string]: number } = {};
  for (const child of stack.node.findAll()) {
    if (!(child instanceof elbv2.ApplicationListenerRule)) {
      continue;
    }
    const logicalId = stack.getLogicalId(child.node.defaultChild as CfnElement);
    const rule = resources[logicalId];
    const parent = child.node.scope!;
    result[parent.node.path.slice(stack.node.path.length + 1)] = Number(rule.Properties?.Priority);
  }
  return result;
}

/** The Priority of the only listener rule in the stack. */
export function onlyRulePriority(stack: Stack): number {
  const { resource } = onlyResource(Template.fromStack(stack), 'AWS::ElasticLoadBalancingV2::ListenerRule');
  return Number(resource.Properties?.Priority);
}
