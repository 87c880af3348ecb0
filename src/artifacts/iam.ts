/**
 * Every permission of an IAM role as the synthesized templates grant it: the
 * trust policy, inline policies, `AWS::IAM::Policy` / `ManagedPolicy` /
 * `RolePolicy` resources attached to the role (in any template, including the
 * statements a user added) and managed policy ARNs.
 */
import { ResourceRef } from './model';
import {
  asList, CfnObject, CfnValue, displayName, isObject, LocatedResource, nameOf, perTemplateSet, renderValue, resolveResource,
  resourceAt, resourceKey, ResourceNames, resourcesOfType, TemplateSet,
} from './templates';

/** One statement, rendered as text. */
export interface StatementView {
  readonly sid?: string;
  /** `Allow` or `Deny`. */
  readonly effect: string;
  /** Actions (or the actions excepted, when `notActions`). */
  readonly actions: string[];
  readonly notActions: boolean;
  /** Resources (or the resources excepted, when `notResources`). */
  readonly resources: string[];
  readonly notResources: boolean;
  /** Principals, for trust policies, e.g. `Service ecs-tasks.amazonaws.com`. */
  readonly principals: string[];
  /** e.g. `StringEquals aws:SourceAccount = ${Account}`. */
  readonly conditions: string[];
}

/** A policy document and where it comes from. */
export interface PolicyView {
  /** e.g. `inline policy ExecPolicy`, `AWS::IAM::Policy Shop/Orders/TaskRole/DefaultPolicy`. */
  readonly source: string;
  /** Template file that holds the document. */
  readonly templateFile: string;
  /** CloudFormation condition of the resource that holds it, if any. */
  readonly condition?: string;
  /** Undefined when the statements are not in the templates (an AWS or imported managed policy). */
  readonly statements?: StatementView[];
}

/** How ECS uses a role, from the task definitions that reference it. */
export interface RoleUse {
  readonly kind: 'task' | 'execution';
  /** Task definition name for humans. */
  readonly taskDefinition: string;
}

export interface RolePermissions {
  readonly ref: ResourceRef;
  /** resourceKey of the role. */
  readonly key: string;
  readonly name: string;
  /** False when the role is not in the templates (then nothing else is known). */
  readonly found: boolean;
  readonly uses: RoleUse[];
  /** Who may assume the role (the trust policy). */
  readonly trust: StatementView[];
  /** Every permission policy: inline, attached, managed. */
  readonly policies: PolicyView[];
  /** Permissions boundary ARN, if any. */
  readonly permissionsBoundary?: string;
}

/** Collects everything the templates grant a role. */
export function describeRole(templates: TemplateSet, ref: ResourceRef, names: ResourceNames = new Map()): RolePermissions {
  const location = { templateFile: ref.templateFile, logicalId: ref.logicalId };
  const key = resourceKey(ref.templateFile, ref.logicalId);
  const name = nameOf(templates, ref, names);
  const role = resourceAt(templates, location);
  if (role === undefined || role.Type !== 'AWS::IAM::Role') {
    return { ref, key, name, found: false, uses: [], trust: [], policies: [] };
  }
  const properties = role.Properties ?? {};
  const render = (value: CfnValue | undefined): string => renderValue(templates, ref.templateFile, value, names);
  const inline = asList(properties.Policies).filter(isObject).map((p) => ({
    source: `inline policy ${render(p.PolicyName)}`,
    templateFile: ref.templateFile,
    condition: role.Condition,
    statements: statementsOf(templates, ref.templateFile, p.PolicyDocument, names),
  }));
  const managed = asList(properties.ManagedPolicyArns).map((arn) => managedPolicy(templates, ref.templateFile, arn, names));
  return {
    ref,
    key,
    name,
    found: true,
    uses: RoleIndex.of(templates).usesOf(key),
    trust: statementsOf(templates, ref.templateFile, properties.AssumeRolePolicyDocument, names),
    policies: [...inline, ...attachedPolicies(templates, key, properties, names), ...managed],
    permissionsBoundary: properties.PermissionsBoundary === undefined ? undefined : render(properties.PermissionsBoundary),
  };
}

/** Renders the statements of a policy document. */
export function statementsOf(
  templates: TemplateSet,
  templateFile: string,
  document: CfnValue | undefined,
  names: ResourceNames = new Map(),
): StatementView[] {
  if (!isObject(document)) return [];
  const render = (value: CfnValue | undefined): string => renderValue(templates, templateFile, value, names);
  return asList(document.Statement).filter(isObject).map((s) => ({
    sid: typeof s.Sid === 'string' ? s.Sid : undefined,
    effect: typeof s.Effect === 'string' ? s.Effect : render(s.Effect),
    actions: asList(s.Action ?? s.NotAction).map(render),
    notActions: s.Action === undefined && s.NotAction !== undefined,
    resources: asList(s.Resource ?? s.NotResource).map(render),
    notResources: s.Resource === undefined && s.NotResource !== undefined,
    principals: principalsOf(s.Principal ?? s.NotPrincipal, render, s.Principal === undefined && s.NotPrincipal !== undefined),
    conditions: conditionsOf(s.Condition, render),
  }));
}

const ATTACHABLE_POLICY_TYPES = ['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy'];

/** A policy resource attached to roles, with its position in the report order. */
interface Attachment extends LocatedResource {
  readonly type: string;
  readonly order: number;
}

/**
 * Which policy resources are attached to which role and which task definitions
 * use which role, read once per TemplateSet: describing each of N roles then
 * costs a lookup instead of a scan of every policy and task definition.
 */
class RoleIndex {
  public static readonly of = perTemplateSet((templates) => new RoleIndex(templates));

  /** By the resourceKey of the role a `Roles` / `RoleName` entry refers to. */
  private readonly attachedByKey = new Map<string, Attachment[]>();
  /** By a literal role name (an entry that is a plain string). */
  private readonly attachedByName = new Map<string, Attachment[]>();
  private readonly uses = new Map<string, RoleUse[]>();

  private constructor(templates: TemplateSet) {
    let order = 0;
    const attach = (type: string, { location, resource }: LocatedResource, entries: CfnValue[]): void => {
      const attachment = { type, location, resource, order: order++ };
      for (const entry of entries) {
        const target = resolveResource(templates, location.templateFile, entry);
        if (target !== undefined) {
          push(this.attachedByKey, resourceKey(target.templateFile, target.logicalId), attachment);
        } else if (typeof entry === 'string') {
          push(this.attachedByName, entry, attachment);
        }
      }
    };
    for (const type of ATTACHABLE_POLICY_TYPES) {
      for (const located of resourcesOfType(templates, type)) attach(type, located, asList(located.resource.Properties?.Roles));
    }
    for (const located of resourcesOfType(templates, 'AWS::IAM::RolePolicy')) {
      attach('AWS::IAM::RolePolicy', located, asList(located.resource.Properties?.RoleName));
    }

    for (const { location, resource } of resourcesOfType(templates, 'AWS::ECS::TaskDefinition')) {
      const properties = resource.Properties ?? {};
      const taskDefinition = displayName(templates, location.templateFile, location.logicalId);
      for (const [kind, property] of [['task', 'TaskRoleArn'], ['execution', 'ExecutionRoleArn']] as const) {
        const target = resolveResource(templates, location.templateFile, properties[property]);
        if (target !== undefined) push(this.uses, resourceKey(target.templateFile, target.logicalId), { kind, taskDefinition });
      }
    }
  }

  /** Policy resources attached to the role (by reference, or by its literal RoleName), each once, in report order. */
  public attachedTo(roleKey: string, roleName: CfnValue | undefined): Attachment[] {
    const byName = typeof roleName === 'string' ? this.attachedByName.get(roleName) ?? [] : [];
    const unique = new Map([...(this.attachedByKey.get(roleKey) ?? []), ...byName].map((a) => [a.order, a]));
    return [...unique.values()].sort((a, b) => a.order - b.order);
  }

  /** The task definitions that use the role, as task or execution role. */
  public usesOf(roleKey: string): RoleUse[] {
    return [...(this.uses.get(roleKey) ?? [])];
  }
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const values = map.get(key);
  if (values === undefined) map.set(key, [value]);
  else if (values[values.length - 1] !== value) values.push(value);
}

function attachedPolicies(templates: TemplateSet, roleKey: string, roleProperties: CfnObject, names: ResourceNames): PolicyView[] {
  return RoleIndex.of(templates).attachedTo(roleKey, roleProperties.RoleName).map(({ type, location, resource }) => {
    const properties = resource.Properties ?? {};
    const title = type === 'AWS::IAM::RolePolicy'
      ? renderValue(templates, location.templateFile, properties.PolicyName, names)
      : displayName(templates, location.templateFile, location.logicalId);
    return {
      source: `${type} ${title}`,
      templateFile: location.templateFile,
      condition: resource.Condition,
      statements: statementsOf(templates, location.templateFile, properties.PolicyDocument, names),
    };
  });
}

function managedPolicy(templates: TemplateSet, templateFile: string, arn: CfnValue, names: ResourceNames): PolicyView {
  const target = resolveResource(templates, templateFile, arn);
  const resource = target === undefined ? undefined : resourceAt(templates, target);
  if (target !== undefined && resource?.Type === 'AWS::IAM::ManagedPolicy') {
    return {
      source: `AWS::IAM::ManagedPolicy ${displayName(templates, target.templateFile, target.logicalId)}`,
      templateFile: target.templateFile,
      condition: resource.Condition,
      statements: statementsOf(templates, target.templateFile, resource.Properties?.PolicyDocument, names),
    };
  }
  const rendered = renderValue(templates, templateFile, arn, names);
  const awsManaged = /:iam::aws:policy\/(.+)$/.exec(rendered);
  return {
    source: awsManaged ? `AWS managed policy ${awsManaged[1]} (${rendered})` : `managed policy ${rendered}`,
    templateFile,
  };
}

function principalsOf(principal: CfnValue | undefined, render: (v: CfnValue | undefined) => string, not: boolean): string[] {
  if (principal === undefined) return [];
  const prefix = not ? 'everyone except ' : '';
  if (!isObject(principal)) return [`${prefix}${render(principal)}`];
  return Object.keys(principal).sort().flatMap((type) => asList(principal[type]).map((p) => `${prefix}${type} ${render(p)}`));
}

function conditionsOf(condition: CfnValue | undefined, render: (v: CfnValue | undefined) => string): string[] {
  if (!isObject(condition)) return condition === undefined ? [] : [render(condition)];
  const lines: string[] = [];
  for (const operator of Object.keys(condition).sort()) {
    const clauses = condition[operator];
    if (!isObject(clauses)) {
      lines.push(`${operator} ${render(clauses)}`);
      continue;
    }
    for (const key of Object.keys(clauses).sort()) {
      lines.push(`${operator} ${key} = ${asList(clauses[key]).map(render).join(' or ')}`);
    }
  }
  return lines;
}
