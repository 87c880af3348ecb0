/**
 * `<baseName>.topology.md`: the cluster for a reviewer who does not read CDK.
 *
 * Routes, services and secrets come from the ClusterModel; who may call whom
 * and every IAM permission are read from the synthesized templates, so the
 * report shows what will be deployed, including rules and statements added
 * outside the library's constructs.
 */
import { artifactFileNames } from './compose';
import { baselineTaskCount, costInputFromModel, CostEstimate, CostLine, estimateMonthlyCost, formatUsdPerMonth } from './cost';
import { describeRole, PolicyView, RolePermissions, StatementView } from './iam';
import { anchor, cellList, code, facts, mermaidId, mermaidText, table, text } from './markdown';
import { ClusterModel, compareStrings, ResourceRef, RouteModel, ServiceModel, servicesByName } from './model';
import { collectSecurityGroupRules, SecurityGroupRule } from './network';
import { describeAction, describeConditions, routesInPriorityOrder } from './routes';
import { refKey, ResourceNames, shortPath, TemplateSet } from './templates';
import { screamingSnakeCase } from '../internal/naming';

export interface TopologyOptions {
  /** Artifact base name, to point at the Compose file. @default - the cluster id */
  readonly baseName?: string;
}

/** Label of the load balancer's security groups in the report. */
export const LOAD_BALANCER_LABEL = 'load balancer';

/** Renders the topology report. */
export function renderTopology(model: ClusterModel, templates: TemplateSet, options: TopologyOptions = {}): string {
  const context = buildContext(model, templates);
  const sections = [
    overview(model, context, options.baseName ?? model.clusterId),
    diagram(model, context),
    routesSection(model, context),
    servicesSection(model, context),
    matrixSection(model, context),
    clusterRolesSection(model, context),
    costSection(context.cost),
  ];
  return `${sections.map((lines) => lines.join('\n')).join('\n\n')}\n`;
}

/**
 * What the sections share: names, rules and roles read once from the templates,
 * indexed so that each service's section costs lookups, not scans of every rule,
 * route or cost line (the report stays linear in the number of services).
 */
interface ReportContext {
  readonly templates: TemplateSet;
  readonly names: ResourceNames;
  /** resourceKey of a security group → its owner (a service name or the load balancer). */
  readonly owners: ReadonlyMap<string, string>;
  readonly rules: SecurityGroupRule[];
  /** Position of each rule in `rules`. */
  readonly ruleOrder: ReadonlyMap<SecurityGroupRule, number>;
  /** Rules by resourceKey of the security group they belong to. */
  readonly rulesByGroup: ReadonlyMap<string, SecurityGroupRule[]>;
  /** Ingress rules by resourceKey of their source security group. */
  readonly ingressByPeer: ReadonlyMap<string, SecurityGroupRule[]>;
  /** Ingress rules of the load balancer's security groups. */
  readonly loadBalancerIngress: SecurityGroupRule[];
  /** Routes in priority order. */
  readonly routes: RouteModel[];
  /** Forward routes in priority order, by target service name. */
  readonly routesByService: ReadonlyMap<string, RouteModel[]>;
  readonly roles: ReadonlyMap<string, RolePermissions>;
  readonly cost: CostEstimate;
  /** Cost lines by component. */
  readonly costLines: ReadonlyMap<string, CostLine>;
}

function buildContext(model: ClusterModel, templates: TemplateSet): ReportContext {
  const owners = new Map<string, string>();
  const names = new Map<string, string>();
  const own = (refs: ResourceRef[], owner: string): void => {
    for (const ref of refs) {
      owners.set(refKey(ref), owner);
      names.set(refKey(ref), refs.length === 1 ? owner : `${owner} (${shortPath(ref.path)})`);
    }
  };
  own(model.loadBalancer?.securityGroups ?? [], LOAD_BALANCER_LABEL);
  for (const service of model.services) own(service.securityGroups, service.serviceName);
  for (const ref of model.securityGroups) {
    if (!owners.has(refKey(ref))) own([ref], `cluster ${shortPath(ref.path)}`);
  }
  const roleRefs = [...model.services.flatMap((s) => s.roles), ...model.roles];
  for (const ref of roleRefs) names.set(refKey(ref), shortPath(ref.path));
  const roles = new Map(roleRefs.map((ref) => [refKey(ref), describeRole(templates, ref, names)]));
  const rules = collectSecurityGroupRules(templates, names);
  const rulesByGroup = new Map<string, SecurityGroupRule[]>();
  const ingressByPeer = new Map<string, SecurityGroupRule[]>();
  for (const rule of rules) {
    if (rule.group.key !== undefined) append(rulesByGroup, rule.group.key, rule);
    if (rule.direction === 'ingress' && rule.peer.key !== undefined) append(ingressByPeer, rule.peer.key, rule);
  }
  const routes = routesInPriorityOrder(model.routes);
  const routesByService = new Map<string, RouteModel[]>();
  for (const route of routes) {
    if (route.action.kind === 'forward') append(routesByService, route.action.serviceName, route);
  }
  const cost = estimateMonthlyCost(costInputFromModel(model));
  return {
    templates,
    names,
    owners,
    rules,
    ruleOrder: new Map(rules.map((r, i) => [r, i])),
    rulesByGroup,
    ingressByPeer,
    loadBalancerIngress: rules.filter((r) => r.direction === 'ingress' && r.group.key !== undefined
      && owners.get(r.group.key) === LOAD_BALANCER_LABEL),
    routes,
    routesByService,
    roles,
    cost,
    costLines: new Map(cost.lines.map((l) => [l.component, l])),
  };
}

// ---------------------------------------------------------------- overview

function overview(model: ClusterModel, context: ReportContext, baseName: string): string[] {
  const lb = model.loadBalancer;
  const publicCount = model.services.filter((s) => s.public).length;
  return [
    `# Topology of the MicroserviceCluster ${code(model.clusterId)}`,
    '',
    '> Generated by cdk-microservices at synth time. Do not edit: `cdk synth` rewrites it.',
    '> Network reachability and IAM permissions are read from the synthesized CloudFormation templates,',
    '> so they include rules and statements added outside the library. Secret values never appear here.',
    '',
    ...facts([
      ['Construct path', code(model.constructPath)],
      ['Stack', code(model.stackName)],
      ['Profile', text(model.profile)],
      ['Region', model.region === undefined ? 'not known at synth time (environment-agnostic stack)' : code(model.region)],
      ['Service discovery namespace', code(model.namespace)],
      ['VPC', model.vpc === undefined
        ? 'imported (not created by the cluster)'
        : `created by the cluster: ${model.vpc.maxAzs} AZs, ${model.vpc.natGateways} NAT gateway(s), flow logs ${onOff(model.vpc.flowLogs)}`],
      ['Load balancer', lb === undefined
        ? 'none (no public service or route)'
        : `${lb.internetFacing ? 'internet-facing' : 'internal'}, ${lb.https ? 'HTTPS' : 'HTTP only'}, ${code(lb.url)}, access logs ${onOff(lb.accessLogs)}`],
      ['Container Insights', onOff(model.containerInsights)],
      ['Services', `${model.services.length} (${publicCount} public)`],
      ['Estimated baseline cost', `${formatUsdPerMonth(context.cost.totalUsd)} (see [cost](#${anchor('Estimated monthly baseline cost')}))`],
      ['Run locally', code(`docker-compose -f ${artifactFileNames(baseName).compose} up --build`)],
    ]),
  ];
}

// ---------------------------------------------------------------- diagram

function diagram(model: ClusterModel, context: ReportContext): string[] {
  const lines = ['flowchart LR'];
  const lb = model.loadBalancer;
  const routes = context.routes;
  if (lb !== undefined) {
    lines.push(`  clients(("${lb.internetFacing ? 'Internet' : 'Clients in the VPC'}"))`);
    lines.push(`  alb{{"Load balancer<br/>${mermaidText(lb.url)}"}}`);
    lines.push('  clients --> alb');
  }
  lines.push(`  subgraph ${mermaidId('cluster', model.clusterId)}["${mermaidText(`${model.clusterId} (${model.namespace})`)}"]`);
  for (const service of servicesByName(model.services)) {
    lines.push(`    ${mermaidId('svc', service.serviceName)}["${mermaidText(service.serviceName)}<br/>${mermaidText(`:${service.port}`)}"]`);
  }
  lines.push('  end');
  for (const route of routes) {
    const label = mermaidText(`${route.priority}: ${describeConditions(route)}`);
    if (route.action.kind === 'forward') {
      lines.push(`  alb -->|"${label}"| ${mermaidId('svc', route.action.serviceName)}`);
    } else {
      const node = `route_${route.priority}`;
      lines.push(`  ${node}["${mermaidText(describeAction(route.action))}"]`);
      lines.push(`  alb -->|"${label}"| ${node}`);
    }
  }
  if (lb !== undefined) {
    lines.push('  default_404["fixed 404 (default)"]');
    lines.push('  alb -.->|"no rule matches"| default_404');
  }
  const ports = new Map(model.services.map((s) => [s.serviceName, s.port]));
  for (const service of servicesByName(model.services)) {
    for (const target of [...new Set(service.connectsTo)].sort()) {
      const port = ports.get(target);
      lines.push(`  ${mermaidId('svc', service.serviceName)} -->|"${port === undefined ? 'connectTo' : `:${port}`}"| ${mermaidId('svc', target)}`);
    }
  }
  const parameters = [...new Set(model.services.flatMap((s) => s.secrets.map((x) => x.parameter)))].sort();
  parameters.forEach((parameter, i) => lines.push(`  ssm_${i}[("${mermaidText(`SSM ${parameter}`)}")]`));
  const parameterIndex = new Map(parameters.map((parameter, i) => [parameter, i]));
  for (const service of servicesByName(model.services)) {
    for (const secret of [...service.secrets].sort((a, b) => compareStrings(a.environmentName, b.environmentName))) {
      lines.push(`  ${mermaidId('svc', service.serviceName)} -.->|"${mermaidText(secret.environmentName)}"| ssm_${parameterIndex.get(secret.parameter)}`);
    }
  }
  return [
    '## Diagram',
    '',
    'Solid arrows: requests (load balancer rules, `connectTo`). Dotted arrows: secrets read at task start (names only).',
    '',
    '```mermaid',
    ...lines,
    '```',
  ];
}

// ---------------------------------------------------------------- routes

function routesSection(model: ClusterModel, context: ReportContext): string[] {
  const heading = '## Routes (load balancer listener rules)';
  if (model.loadBalancer === undefined) {
    return [heading, '', 'No load balancer: every service is internal.'];
  }
  const rows = context.routes.map((r) => [
    String(r.priority),
    cellList(r.hostHeaders.map(code), 'any'),
    cellList(r.pathPatterns.map(code), 'any'),
    text(describeAction(r.action)),
    code(r.source),
  ]);
  return [
    heading,
    '',
    `The listener evaluates the rules in ascending priority; the first match wins. Host headers are case-insensitive, paths case-sensitive (\`*\` any characters, \`?\` one). No match: fixed ${code('404')}.`,
    '',
    ...table(['Priority', 'Host', 'Path', 'Action', 'Defined by'], rows),
  ];
}

// ---------------------------------------------------------------- services

function servicesSection(model: ClusterModel, context: ReportContext): string[] {
  const services = servicesByName(model.services);
  if (services.length === 0) return ['## Services', '', 'None yet.'];
  return [
    '## Services',
    '',
    ...services.map((s) => `- [${code(s.serviceName)}](#${anchor(s.serviceName)}): ${s.public ? 'public' : 'internal'}`),
    ...services.flatMap((s) => ['', ...serviceSection(s, context)]),
  ];
}

function serviceSection(service: ServiceModel, context: ReportContext): string[] {
  const routes = context.routesByService.get(service.serviceName) ?? [];
  const costLine = context.costLines.get(`Fargate tasks: ${service.serviceName}`);
  return [
    `### ${service.serviceName}`,
    '',
    ...facts([
      ['Endpoint (Service Connect)', code(service.endpoint)],
      ['DNS name (Cloud Map)', code(service.dnsName)],
      ...(service.url === undefined ? [] : [['Public URL', code(service.url)] as [string, string]]),
      ['Routes', cellList(routes.map((r) => `${r.priority}: ${text(describeConditions(r))}`), 'none (internal service)')],
      ['Port', String(service.port)],
      ['CPU / memory', `${service.cpu / 1024} vCPU / ${service.memoryMiB} MiB`],
      ['Architecture', service.architecture],
      ['Capacity', capacityText(service)],
      ['Tasks', tasksText(service)],
      ['Scaling triggers', cellList((service.scaling?.triggers ?? []).map(text), 'none')],
      ['Image', code(imageText(service))],
      ['Command', service.command === undefined ? 'image default' : code(service.command.join(' '))],
      ['Health check', healthText(service)],
      ['Calls (connectTo)', cellList([...service.connectsTo].sort().map((t) => `${code(t)} via ${code(`${screamingSnakeCase(t)}_URL`)}`), 'nobody')],
      ['Stack / construct', `${code(service.stackName)} / ${code(service.constructPath)}`],
      ['Estimated cost', costLine === undefined ? '–' : `${formatUsdPerMonth(costLine.monthlyUsd)} (${text(costLine.quantity)})`],
    ]),
    '',
    ...reachabilitySection(service, routes, context),
    '',
    ...permissionsSection(service, context),
    '',
    ...secretsSection(service),
  ];
}

function reachabilitySection(service: ServiceModel, routes: RouteModel[], context: ReportContext): string[] {
  const own = new Set(service.securityGroups.map(refKey));
  // in the order of context.rules, as a group's rules and a peer's rules may come from several groups
  const ownRules = inRuleOrder(context, [...own].flatMap((key) => context.rulesByGroup.get(key) ?? []));
  const ingress = ownRules.filter((r) => r.direction === 'ingress');
  const egress = ownRules.filter((r) => r.direction === 'egress');
  const admittedBy = inRuleOrder(context, [...own].flatMap((key) => context.ingressByPeer.get(key) ?? []))
    .filter((r) => !(r.group.key !== undefined && own.has(r.group.key)));
  const lbRules = context.loadBalancerIngress;
  const fromLb = ingress.some((r) => r.peer.key !== undefined && context.owners.get(r.peer.key) === LOAD_BALANCER_LABEL);
  const name = service.serviceName;
  return [
    `#### Who can reach ${name}`,
    '',
    ingress.length === 0
      ? `Nobody: no security group rule admits traffic to ${code(name)}.`
      : `Security group rules of ${code(name)}'s tasks (from the templates):`,
    ...(ingress.length === 0 ? [] : ['', ...table(['From', 'Ports', 'Description', 'Defined in'], ingress.map((r) =>
      [code(r.peer.label), text(r.ports), text(r.description ?? ''), text(ruleOrigin(r))]))]),
    ...(fromLb && routes.length > 0 ? [
      '',
      `Through the load balancer, by rule${routes.length === 1 ? '' : 's'} ${routes.map((r) => `${r.priority} (${text(describeConditions(r))})`).join(', ')}; `
      + `the load balancer admits ${cellListInline(lbRules.map((r) => `${code(r.peer.label)} on ${text(r.ports)}`), 'nobody')}.`,
    ] : []),
    '',
    `#### Where ${name} may connect`,
    '',
    ...(egress.length === 0
      ? [`No outbound rule: ${code(name)} cannot open connections.`]
      : table(['To', 'Ports', 'Description', 'Defined in'], egress.map((r) =>
        [code(r.peer.label), text(r.ports), text(r.description ?? ''), text(ruleOrigin(r))]))),
    ...(admittedBy.length === 0 ? [] : [
      '',
      `Security groups that admit ${code(name)}:`,
      '',
      ...table(['Security group', 'Ports', 'Description', 'Defined in'], admittedBy.map((r) =>
        [code(r.group.label), text(r.ports), text(r.description ?? ''), text(ruleOrigin(r))])),
    ]),
  ];
}

function permissionsSection(service: ServiceModel, context: ReportContext): string[] {
  const roles = service.roles.map((ref) => context.roles.get(refKey(ref))).filter((r): r is RolePermissions => r !== undefined);
  const ordered = [...roles].sort((a, b) => roleRank(a) - roleRank(b) || compareStrings(a.name, b.name));
  return [
    `#### What ${service.serviceName} may do in AWS`,
    '',
    roles.length === 0
      ? 'The service has no IAM role.'
      : 'The task role is what the application code may do; the execution role is what ECS does on its behalf to start a task '
        + '(pull the image, write logs, read the secrets).',
    ...ordered.flatMap((role) => ['', ...roleSection(role, '#####')]),
  ];
}

function secretsSection(service: ServiceModel): string[] {
  const heading = `#### Secrets ${service.serviceName} reads`;
  if (service.secrets.length === 0) return [heading, '', 'None.'];
  const rows = [...service.secrets]
    .sort((a, b) => compareStrings(a.environmentName, b.environmentName))
    .map((s) => [code(s.environmentName), code(s.parameter), code(s.source)]);
  return [
    heading,
    '',
    'Injected by ECS at task start from SSM Parameter Store (parameter names only, never values):',
    '',
    ...table(['Variable', 'SSM parameter', 'Provided by'], rows),
  ];
}

// ---------------------------------------------------------------- IAM

function roleSection(role: RolePermissions, level: string): string[] {
  const heading = `${level} ${roleTitle(role)}: ${role.name}`;
  if (!role.found) {
    return [heading, '', `Not found in the templates (${code(role.ref.templateFile)}, logical id ${code(role.ref.logicalId)}).`];
  }
  const trust = role.trust.flatMap((s) => s.principals.map((p) => `${code(p)}${s.conditions.length > 0 ? ` if ${s.conditions.map(code).join(' and ')}` : ''}`));
  const rows = role.policies.flatMap((p) => policyRows(p));
  return [
    heading,
    '',
    `Assumable by ${cellListInline(trust, 'nobody')}.${role.permissionsBoundary === undefined ? '' : ` Permissions boundary: ${code(role.permissionsBoundary)}.`}`,
    '',
    ...(rows.length === 0
      ? ['No permissions.']
      : table(['Effect', 'Actions', 'Resources', 'Conditions', 'Policy'], rows)),
  ];
}

function policyRows(policy: PolicyView): string[][] {
  const source = `${text(policy.source)}${policy.condition === undefined ? '' : ` (only if condition ${code(policy.condition)})`}`;
  if (policy.statements === undefined) {
    return [['see policy', 'not in the templates', '', '', source]];
  }
  return policy.statements.map((s) => statementRow(s, source));
}

function statementRow(statement: StatementView, source: string): string[] {
  const actions = cellList(statement.actions.map(code));
  const resources = cellList(statement.resources.map((r) => (r === '*' ? `${code('*')} (any resource)` : code(r))));
  return [
    `${statement.effect}${statement.sid === undefined ? '' : ` (${text(statement.sid)})`}`,
    statement.notActions ? `all except<br>${actions}` : actions,
    statement.notResources ? `all except<br>${resources}` : resources,
    cellList(statement.conditions.map(code)),
    source,
  ];
}

function roleTitle(role: RolePermissions): string {
  const kinds = new Set(role.uses.map((u) => u.kind));
  if (kinds.has('task') && kinds.has('execution')) return 'Task and execution role';
  if (kinds.has('task')) return 'Task role';
  if (kinds.has('execution')) return 'Execution role';
  return 'Role';
}

function roleRank(role: RolePermissions): number {
  const kinds = new Set(role.uses.map((u) => u.kind));
  return kinds.has('task') ? 0 : kinds.has('execution') ? 1 : 2;
}

function clusterRolesSection(model: ClusterModel, context: ReportContext): string[] {
  const roles = model.roles.map((ref) => context.roles.get(refKey(ref))).filter((r): r is RolePermissions => r !== undefined);
  return [
    '## IAM roles of the cluster itself',
    '',
    roles.length === 0 ? 'None.' : 'Roles the cluster construct created (not tied to one service):',
    ...roles.flatMap((role) => ['', ...roleSection(role, '###')]),
  ];
}

// ---------------------------------------------------------------- who may call whom

function matrixSection(model: ClusterModel, context: ReportContext): string[] {
  const targets = [
    ...(model.loadBalancer === undefined ? [] : [LOAD_BALANCER_LABEL]),
    ...servicesByName(model.services).map((s) => s.serviceName),
  ];
  const ingress = context.rules.filter((r) => r.direction === 'ingress' && r.group.key !== undefined && context.owners.has(r.group.key));
  const sourceOf = (r: SecurityGroupRule): string => (r.peer.key !== undefined ? context.owners.get(r.peer.key) : undefined) ?? r.peer.label;
  const sources = [...new Set(ingress.map(sourceOf))].sort((a, b) => sourceRank(a, targets) - sourceRank(b, targets) || compareStrings(a, b));
  // ports by source, then destination, in rule order
  const cells = new Map<string, Map<string, Set<string>>>();
  for (const r of ingress) {
    const bySource = cells.get(sourceOf(r)) ?? new Map<string, Set<string>>();
    cells.set(sourceOf(r), bySource);
    const target = context.owners.get(r.group.key as string) as string;
    bySource.set(target, (bySource.get(target) ?? new Set<string>()).add(text(r.ports)));
  }
  const rows = sources.map((source) => [
    code(source),
    ...targets.map((target) => cellList([...(cells.get(source)?.get(target) ?? [])], '–')),
  ]);
  const missing = model.services.flatMap((s) => s.connectsTo
    .filter((t) => cells.get(s.serviceName)?.has(t) !== true)
    .map((t) => `${code(s.serviceName)} → ${code(t)}`));
  return [
    '## Who may call whom',
    '',
    'Derived from the security-group rules in the synthesized templates (inline rules and `AWS::EC2::SecurityGroupIngress` '
      + 'resources in every stack), not from the construct calls. Rows: source; columns: destination.',
    '',
    ...(targets.length === 0 || rows.length === 0
      ? ['No ingress rule.']
      : table(['From \\ To', ...targets.map(code)], rows)),
    ...(missing.length === 0 ? [] : [
      '',
      `Note: ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} declared with \`connectTo\` but no matching ingress rule was found in the templates.`,
    ]),
  ];
}

// ---------------------------------------------------------------- cost

function costSection(cost: CostEstimate): string[] {
  return [
    '## Estimated monthly baseline cost',
    '',
    `Prices: ${code(cost.priceRegion)}, as of ${cost.pricesAsOf}. Total: **${formatUsdPerMonth(cost.totalUsd)}**.`,
    '',
    ...table(['Component', 'Quantity', 'Unit price', 'Per month'], [
      ...cost.lines.map((l) => [text(l.component), text(l.quantity), text(l.unitPrice), formatUsdPerMonth(l.monthlyUsd)]),
      ['**Total**', '', '', `**${formatUsdPerMonth(cost.totalUsd)}**`],
    ]),
    '',
    'Assumptions:',
    '',
    ...cost.assumptions.map((a) => `- ${text(a)}`),
  ];
}

// ---------------------------------------------------------------- helpers

function capacityText(service: ServiceModel): string {
  switch (service.capacity) {
    case 'SPOT': return 'Fargate Spot (every task)';
    case 'MIXED': return 'mixed: 1 on-demand task as base, the rest on Fargate Spot';
    case 'ON_DEMAND': return 'on-demand';
  }
}

function tasksText(service: ServiceModel): string {
  if (service.scaling !== undefined) return `min ${service.scaling.minCapacity} / max ${service.scaling.maxCapacity} (autoscaled)`;
  return `${baselineTaskCount(service)} (fixed)`;
}

function imageText(service: ServiceModel): string {
  const image = service.image;
  if (image.registryName !== undefined) return image.registryName;
  if (image.assetDirectory !== undefined) return `built from ${image.assetDirectory}${image.dockerFile ? ` (${image.dockerFile})` : ''}`;
  return image.description ?? 'unknown';
}

function healthText(service: ServiceModel): string {
  const lb = service.healthCheckPath === undefined ? [] : [`load balancer: ${code(service.healthCheckPath)}`];
  const hc = service.healthCheck;
  const container = hc === undefined
    ? []
    : [`container: ${code(hc.command.join(' '))} every ${hc.intervalSeconds} s, timeout ${hc.timeoutSeconds} s, ${hc.retries} retries, start period ${hc.startPeriodSeconds} s`];
  return cellList([...lb, ...container], 'none');
}

function ruleOrigin(rule: SecurityGroupRule): string {
  return `${rule.definedIn}${rule.condition === undefined ? '' : ` (only if condition ${rule.condition})`}`;
}

function sourceRank(source: string, targets: string[]): number {
  if (source.startsWith('anywhere')) return 0;
  if (source === LOAD_BALANCER_LABEL) return 1;
  return targets.includes(source) ? 2 : 3;
}

/** The rules (each once) in the order of `context.rules`. */
function inRuleOrder(context: ReportContext, rules: SecurityGroupRule[]): SecurityGroupRule[] {
  const position = (r: SecurityGroupRule): number => context.ruleOrder.get(r) ?? 0;
  return [...new Set(rules)].sort((a, b) => position(a) - position(b));
}

function append<T>(map: Map<string, T[]>, key: string, value: T): void {
  const values = map.get(key);
  if (values === undefined) map.set(key, [value]);
  else values.push(value);
}

function cellListInline(values: string[], empty: string): string {
  return values.length === 0 ? empty : values.join(', ');
}

function onOff(value: boolean): string {
  return value ? 'on' : 'off';
}
