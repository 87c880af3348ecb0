/**
 * Security-group rules as the synthesized templates define them: inline
 * `SecurityGroupIngress` / `SecurityGroupEgress` of `AWS::EC2::SecurityGroup`
 * and standalone `AWS::EC2::SecurityGroupIngress` / `Egress` resources, in
 * every template, with both ends resolved (also across stacks) where possible.
 */
import {
  asList, CfnObject, CfnResource, CfnValue, displayName, isObject, nameOf, renderValue, resolveResource,
  resourceKey, ResourceLocation, ResourceNames, resourcesOfType, TemplateSet,
} from './templates';

/** One end of a rule: a security group (with its resourceKey when it is in a template), a CIDR or a prefix list. */
export interface RuleEndpoint {
  /** resourceKey of the security group, when it is a resource of one of the templates. */
  readonly key?: string;
  readonly label: string;
}

export interface SecurityGroupRule {
  readonly direction: 'ingress' | 'egress';
  /** The security group the rule belongs to. */
  readonly group: RuleEndpoint;
  /** The source (ingress) or destination (egress). */
  readonly peer: RuleEndpoint;
  /** e.g. `tcp 8080`, `tcp 1024-65535`, `all traffic`. */
  readonly ports: string;
  readonly description?: string;
  /** Where the rule is written, e.g. `inline in Shop/Alb/SecurityGroup (ShopStack.template.json)`. */
  readonly definedIn: string;
  /** CloudFormation condition of the resource that holds the rule, if any. */
  readonly condition?: string;
}

/** Every security-group rule of every template, in a stable order. */
export function collectSecurityGroupRules(templates: TemplateSet, names: ResourceNames = new Map()): SecurityGroupRule[] {
  const rules: SecurityGroupRule[] = [];
  for (const { location, resource } of resourcesOfType(templates, 'AWS::EC2::SecurityGroup')) {
    const group = groupEndpoint(templates, location, names);
    const definedIn = `inline in ${group.label} (${location.templateFile})`;
    for (const [direction, property] of [['ingress', 'SecurityGroupIngress'], ['egress', 'SecurityGroupEgress']] as const) {
      for (const entry of asList(resource.Properties?.[property])) {
        if (!isObject(entry)) continue;
        rules.push(rule(direction, group, entry, definedIn, resource, templates, location.templateFile, names));
      }
    }
  }
  for (const [direction, type] of [['ingress', 'AWS::EC2::SecurityGroupIngress'], ['egress', 'AWS::EC2::SecurityGroupEgress']] as const) {
    for (const { location, resource } of resourcesOfType(templates, type)) {
      const properties = resource.Properties ?? {};
      const target = resolveResource(templates, location.templateFile, properties.GroupId);
      const group = target !== undefined
        ? groupEndpoint(templates, target, names)
        : { label: groupLiteral(renderValue(templates, location.templateFile, properties.GroupId ?? properties.GroupName, names)) };
      const definedIn = `${displayName(templates, location.templateFile, location.logicalId)} (${location.templateFile})`;
      rules.push(rule(direction, group, properties, definedIn, resource, templates, location.templateFile, names));
    }
  }
  return rules;
}

/** `tcp 8080`, `tcp 1024-65535`, `tcp all ports`, `all traffic`, `icmp type 8 code -1`... */
export function describePorts(protocolValue: CfnValue | undefined, fromValue: CfnValue | undefined, toValue: CfnValue | undefined): string {
  const protocol = String(protocolValue ?? '-1').toLowerCase();
  const name = PROTOCOL_NAMES[protocol] ?? protocol;
  if (name === 'all') return 'all traffic';
  const from = fromValue === undefined || fromValue === null ? undefined : Number(fromValue);
  const to = toValue === undefined || toValue === null ? undefined : Number(toValue);
  if (name === 'icmp' || name === 'icmpv6') {
    return from === undefined || from === -1 ? `${name} all types` : `${name} type ${from}${to === undefined || to === -1 ? '' : ` code ${to}`}`;
  }
  if (from === undefined || (from <= 0 && (to === undefined || to >= 65535)) || from === -1) return `${name} all ports`;
  return to === undefined || to === from ? `${name} ${from}` : `${name} ${from}-${to}`;
}

const PROTOCOL_NAMES: { readonly [protocol: string]: string } = {
  '-1': 'all',
  '6': 'tcp',
  '17': 'udp',
  '1': 'icmp',
  '58': 'icmpv6',
};

/** CDK's placeholder egress rule of a security group that allows no outbound traffic. */
function isDisallowAllPlaceholder(entry: CfnObject): boolean {
  return entry.CidrIp === '255.255.255.255/32' && entry.IpProtocol === 'icmp' && Number(entry.FromPort) === 252 && Number(entry.ToPort) === 86;
}

function rule(
  direction: 'ingress' | 'egress',
  group: RuleEndpoint,
  entry: CfnObject,
  definedIn: string,
  resource: CfnResource,
  templates: TemplateSet,
  templateFile: string,
  names: ResourceNames,
): SecurityGroupRule {
  const description = typeof entry.Description === 'string' ? entry.Description : undefined;
  const base = { direction, group, definedIn, description, condition: resource.Condition };
  if (isDisallowAllPlaceholder(entry)) {
    return { ...base, peer: { label: 'nowhere' }, ports: 'no traffic (CDK placeholder: outbound traffic disallowed)' };
  }
  return {
    ...base,
    peer: peer(direction, entry, templates, templateFile, names),
    ports: describePorts(entry.IpProtocol, entry.FromPort, entry.ToPort),
  };
}

function peer(direction: 'ingress' | 'egress', entry: CfnObject, templates: TemplateSet, templateFile: string, names: ResourceNames): RuleEndpoint {
  const groupValue = direction === 'ingress' ? entry.SourceSecurityGroupId : entry.DestinationSecurityGroupId;
  if (groupValue !== undefined) {
    const target = resolveResource(templates, templateFile, groupValue);
    if (target !== undefined) {
      return groupEndpoint(templates, target, names);
    }
    return { label: groupLiteral(renderValue(templates, templateFile, groupValue, names)) };
  }
  for (const property of ['CidrIp', 'CidrIpv6']) {
    const cidr = entry[property];
    if (cidr !== undefined) return { label: cidrLabel(renderValue(templates, templateFile, cidr, names)) };
  }
  const prefixList = direction === 'ingress' ? entry.SourcePrefixListId : entry.DestinationPrefixListId;
  if (prefixList !== undefined) return { label: `prefix list ${renderValue(templates, templateFile, prefixList, names)}` };
  if (entry.SourceSecurityGroupName !== undefined) {
    return { label: `security group ${renderValue(templates, templateFile, entry.SourceSecurityGroupName, names)}` };
  }
  return { label: 'unknown peer' };
}

/** The end of a rule that is a security group of the templates. */
function groupEndpoint(templates: TemplateSet, location: ResourceLocation, names: ResourceNames): RuleEndpoint {
  return { key: resourceKey(location.templateFile, location.logicalId), label: nameOf(templates, location, names) };
}

function cidrLabel(cidr: string): string {
  return cidr === '0.0.0.0/0' || cidr === '::/0' ? `anywhere (${cidr})` : cidr;
}

function groupLiteral(text: string): string {
  return text.startsWith('sg-') ? `security group ${text}` : text;
}
