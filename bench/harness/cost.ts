import { AssemblySummary, resourcesOfType, StackTemplate, TemplateResource } from './assembly';
import { CostInput, CostLine, estimateMonthlyCost, TaskCostInput } from '../../src/artifacts/cost';

/** Monthly baseline cost of one synthesized environment, priced by the library's own table. */
export interface BaselineCost {
  readonly input: CostInput;
  readonly totalUsd: number;
  /** Everything but the Fargate tasks. */
  readonly nonComputeUsd: number;
  /** The priced components of `nonComputeUsd`. */
  readonly nonComputeLines: readonly CostLine[];
  readonly tasks: number;
  readonly onDemandTasks: number;
  readonly assumptions: readonly string[];
}

/**
 * Prices an environment from its templates, the same way for both apps: load
 * balancers, NAT gateways, public IPv4 addresses (Elastic IPs and one per subnet
 * of an internet-facing ALB), Cloud Map, and each ECS service's baseline tasks
 * (its autoscaling minimum, else DesiredCount) with its capacity provider split.
 */
export function baselineCost(assembly: AssemblySummary, region: string): BaselineCost {
  const input = costInputOf(assembly, region);
  const estimate = estimateMonthlyCost(input);
  const tasks = input.tasks.reduce((sum, t) => sum + t.count, 0);
  const nonCompute = estimateMonthlyCost({ ...input, tasks: [] });
  return {
    input,
    totalUsd: estimate.totalUsd,
    nonComputeUsd: nonCompute.totalUsd,
    nonComputeLines: nonCompute.lines,
    tasks,
    onDemandTasks: input.tasks.reduce((sum, t) => sum + t.count * (1 - t.spotShare), 0),
    assumptions: estimate.assumptions,
  };
}

function costInputOf(assembly: AssemblySummary, region: string): CostInput {
  const loadBalancers = resourcesOfType(assembly, 'AWS::ElasticLoadBalancingV2::LoadBalancer');
  const albAddresses = loadBalancers
    .filter(lb => lb.Properties?.Scheme !== 'internal')
    .reduce((sum, lb) => sum + arrayProperty(lb, 'Subnets').length, 0);
  const tasks = assembly.stacks.flatMap(stack => Object.entries(stack.resources)
    .filter(([, resource]) => resource.Type === 'AWS::ECS::Service')
    .map(([logicalId, service]) => taskGroupOf(stack, logicalId, service)));
  return {
    region,
    albCount: loadBalancers.length,
    natGateways: resourcesOfType(assembly, 'AWS::EC2::NatGateway').length,
    publicIpv4Count: resourcesOfType(assembly, 'AWS::EC2::EIP').length + albAddresses,
    tasks: tasks.map(t => t.group),
    cloudMapNamespaces: resourcesOfType(assembly, 'AWS::ServiceDiscovery::PrivateDnsNamespace').length,
    cloudMapInstances: tasks.reduce((sum, t) => sum + t.group.count * t.registrations, 0),
  };
}

/** The baseline tasks of one ECS service, and how many Cloud Map registrations each task has. */
function taskGroupOf(stack: StackTemplate, logicalId: string, service: TemplateResource): { group: TaskCostInput; registrations: number } {
  const taskDefinition = stack.resources[refOf(service.Properties?.TaskDefinition)];
  const scalableTarget = Object.values(stack.resources).find(resource => resource.Type === 'AWS::ApplicationAutoScaling::ScalableTarget'
    && JSON.stringify(resource.Properties?.ResourceId).includes(`"Fn::GetAtt":["${logicalId}","Name"]`));
  const count = Number(scalableTarget?.Properties?.MinCapacity ?? service.Properties?.DesiredCount ?? 1);
  const runtime = taskDefinition?.Properties?.RuntimePlatform as { CpuArchitecture?: string } | undefined;
  const architecture = runtime?.CpuArchitecture === 'ARM64' ? 'ARM64' : 'X86_64';
  const serviceConnect = service.Properties?.ServiceConnectConfiguration as { Enabled?: boolean; Services?: unknown[] } | undefined;
  return {
    group: {
      label: logicalId,
      cpu: Number(taskDefinition?.Properties?.Cpu ?? 256),
      memoryMiB: Number(taskDefinition?.Properties?.Memory ?? 512),
      architecture,
      count,
      spotShare: spotShareOf(service, count),
    },
    registrations: arrayProperty(service, 'ServiceRegistries').length + (serviceConnect?.Enabled ? serviceConnect.Services?.length ?? 0 : 0),
  };
}

interface CapacityProviderStrategyItem {
  readonly CapacityProvider: string;
  readonly Base?: number;
  readonly Weight?: number;
}

/** Share of `count` tasks on FARGATE_SPOT: bases are filled first, the rest is split by weight (ARM64 is priced on-demand by the estimate). */
function spotShareOf(service: TemplateResource, count: number): number {
  const strategy = arrayProperty(service, 'CapacityProviderStrategy') as CapacityProviderStrategyItem[];
  if (strategy.length === 0 || count === 0) {
    return 0;
  }
  const onDemand = strategy.find(item => item.CapacityProvider === 'FARGATE');
  const spot = strategy.find(item => item.CapacityProvider === 'FARGATE_SPOT');
  const onDemandBase = Math.min(count, onDemand?.Base ?? 0);
  const spotBase = Math.min(count - onDemandBase, spot?.Base ?? 0);
  const rest = count - onDemandBase - spotBase;
  const weights = (onDemand?.Weight ?? 0) + (spot?.Weight ?? 0);
  const spotTasks = spotBase + (weights > 0 ? rest * (spot?.Weight ?? 0) / weights : 0);
  return spotTasks / count;
}

function arrayProperty(resource: TemplateResource, name: string): unknown[] {
  const value = resource.Properties?.[name];
  return Array.isArray(value) ? value : [];
}

function refOf(value: unknown): string {
  return typeof value === 'object' && value !== null && 'Ref' in value && typeof value.Ref === 'string' ? value.Ref : '';
}
