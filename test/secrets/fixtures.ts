import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { DiscoverableService, DiscoverableServiceProps, MicroserviceCluster } from '../../src';

/** Account and Region of the test stacks. */
export const ENV = { account: '123456789012', region: 'eu-west-1' };

/** A stack `Shop` with an explicit env, or environment-agnostic with `{ env: false }`. */
export function newStack(options: { readonly env?: boolean } = {}): Stack {
  return new Stack(new App(), 'Shop', options.env === false ? {} : { env: ENV });
}

/** A stack with a cluster on an imported VPC (no VPC resources: cheap to synthesize). */
export function newCluster(options: { readonly env?: boolean } = {}): { stack: Stack; cluster: MicroserviceCluster } {
  const stack = newStack(options);
  const vpc = ec2.Vpc.fromVpcAttributes(stack, 'Vpc', {
    vpcId: 'vpc-0123456789abcdef0',
    availabilityZones: ['eu-west-1a', 'eu-west-1b'],
    privateSubnetIds: ['subnet-priv1', 'subnet-priv2'],
  });
  return { stack, cluster: new MicroserviceCluster(stack, 'Cluster', { vpc }) };
}

/** A DiscoverableService with a registry image. */
export function newService(
  stack: Stack, cluster: MicroserviceCluster, id: string, props: Partial<DiscoverableServiceProps> = {},
): DiscoverableService {
  return new DiscoverableService(stack, id, { cluster, image: ecs.ContainerImage.fromRegistry('public.ecr.aws/acme/app:1.0.0'), ...props });
}

/** The template form of the ARN of parameter `name` (absolute) in the stack's account and Region. */
export function ssmArn(name: string): unknown {
  return { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:ssm:${ENV.region}:${ENV.account}:parameter${name}`]] };
}

/** The template form of the ARN pattern of Secrets Manager secret `name` in the stack's account and Region. */
export function secretArnPattern(name: string): unknown {
  return { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:secretsmanager:${ENV.region}:${ENV.account}:secret:${name}-??????`]] };
}

/** A policy statement as it appears in a template. */
export interface StatementJson {
  readonly Action: string | string[];
  readonly Effect: string;
  readonly Resource: unknown;
  readonly Condition?: unknown;
}

interface ResourceJson {
  readonly Type: string;
  readonly Properties: { readonly [key: string]: unknown };
}

function resources(template: Template): { [logicalId: string]: ResourceJson } {
  return template.toJSON().Resources as { [logicalId: string]: ResourceJson };
}

/** The logical ID of a role of a service's task definition (`ExecutionRoleArn` or `TaskRoleArn`). */
export function roleLogicalId(stack: Stack, service: DiscoverableService, role: 'ExecutionRoleArn' | 'TaskRoleArn'): string {
  const taskDefinition = stack.getLogicalId(service.taskDefinition.node.defaultChild as ecs.CfnTaskDefinition);
  const arn = resources(Template.fromStack(stack))[taskDefinition].Properties[role] as { 'Fn::GetAtt': [string, string] };
  return arn['Fn::GetAtt'][0];
}

/** Every statement of every AWS::IAM::Policy attached to the role with that logical ID, in template order. */
export function statementsOfRole(template: Template, roleId: string): StatementJson[] {
  return Object.values(resources(template))
    .filter((r) => r.Type === 'AWS::IAM::Policy' && JSON.stringify(r.Properties.Roles).includes(`"${roleId}"`))
    .flatMap((r) => (r.Properties.PolicyDocument as { Statement: StatementJson[] }).Statement);
}

/** The actions of a statement, as a list. */
export function actionsOf(statement: StatementJson): string[] {
  return typeof statement.Action === 'string' ? [statement.Action] : statement.Action;
}

/** The `Secrets` of the only container of a service's task definition. */
export function containerSecrets(stack: Stack, service: DiscoverableService): unknown {
  const taskDefinition = stack.getLogicalId(service.taskDefinition.node.defaultChild as ecs.CfnTaskDefinition);
  const containers = resources(Template.fromStack(stack))[taskDefinition].Properties.ContainerDefinitions as Array<{ Secrets?: unknown }>;
  expect(containers).toHaveLength(1);
  return containers[0].Secrets;
}

/** The JSON paths (`Resources.X.Properties.…`) of every string in the template that contains `needle`. */
export function pathsContaining(template: Template, needle: string): string[] {
  const found: string[] = [];
  const walk = (value: unknown, path: string): void => {
    if (typeof value === 'string') {
      if (value.includes(needle)) {
        found.push(path);
      }
    } else if (Array.isArray(value)) {
      value.forEach((v, i) => walk(v, `${path}.${i}`));
    } else if (value !== null && typeof value === 'object') {
      Object.entries(value).forEach(([k, v]) => walk(v, `${path}.${k}`));
    }
  };
  walk(template.toJSON(), '');
  return found.map((p) => p.slice(1));
}
