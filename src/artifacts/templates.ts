/**
 * Reading synthesized CloudFormation templates: resolving references between
 * resources (also across stacks, through exports) and rendering intrinsic
 * functions as readable text, e.g.
 * `{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':ssm:', ...]] }` →
 * `arn:${Partition}:ssm:${Region}:${Account}:parameter/shop/db`.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ClusterModel, ResourceRef } from './model';

/** Any JSON value of a template. */
export type CfnValue = string | number | boolean | null | CfnValue[] | CfnObject;

/** A JSON object of a template. */
export interface CfnObject {
  readonly [key: string]: CfnValue;
}

export interface CfnResource {
  readonly Type: string;
  readonly Properties?: CfnObject;
  readonly Metadata?: CfnObject;
  readonly Condition?: string;
}

export interface CfnTemplate {
  readonly Resources?: { readonly [logicalId: string]: CfnResource };
  readonly Outputs?: { readonly [id: string]: CfnObject };
  readonly Parameters?: { readonly [id: string]: CfnObject };
}

/** Parsed templates by file name (relative to the cloud assembly directory, as in ResourceRef.templateFile). */
export interface TemplateSet {
  readonly [templateFile: string]: CfnTemplate;
}

/** A resource located in a template, optionally one of its attributes (`Fn::GetAtt`). */
export interface ResourceLocation {
  readonly templateFile: string;
  readonly logicalId: string;
  readonly attribute?: string;
}

/** Key of a resource across templates. */
export function resourceKey(templateFile: string, logicalId: string): string {
  return `${templateFile}#${logicalId}`;
}

/** Key of a ResourceRef. */
export function refKey(ref: ResourceRef): string {
  return resourceKey(ref.templateFile, ref.logicalId);
}

/**
 * Reads the templates of a cloud assembly directory: every `*.template.json` in
 * it plus every template a ResourceRef of the model names.
 *
 * @throws when a template the model names is missing or is not a template
 */
export function loadTemplates(assemblyDir: string, model: ClusterModel): TemplateSet {
  const named = new Set(modelRefs(model).map((r) => r.templateFile));
  const present = fs.existsSync(assemblyDir)
    ? fs.readdirSync(assemblyDir).filter((f) => f.endsWith('.template.json'))
    : [];
  const templates: { [file: string]: CfnTemplate } = {};
  for (const file of [...new Set([...present, ...named])].sort()) {
    const full = path.join(assemblyDir, file);
    if (!fs.existsSync(full)) {
      throw new Error(`cannot write the artifacts of '${model.constructPath}': template ${full} does not exist; `
        + 'the artifacts must be written after every stack of the cluster was synthesized');
    }
    templates[file] = parseTemplate(fs.readFileSync(full, 'utf8'), full);
  }
  return templates;
}

/** Parses a template file's text. */
export function parseTemplate(text: string, source: string): CfnTemplate {
  const parsed: unknown = JSON.parse(text);
  if (!isObject(parsed) || (parsed.Resources !== undefined && !isObject(parsed.Resources))) {
    throw new Error(`${source} is not a CloudFormation template (no Resources object)`);
  }
  return parsed as CfnTemplate;
}

/** Every ResourceRef of a model. */
export function modelRefs(model: ClusterModel): ResourceRef[] {
  return [
    ...model.roles,
    ...model.securityGroups,
    ...(model.loadBalancer?.securityGroups ?? []),
    ...model.services.flatMap((s) => [...s.securityGroups, ...s.roles]),
  ];
}

/** The resource a location points to, if the template has it. */
export function resourceAt(templates: TemplateSet, location: { templateFile: string; logicalId: string }): CfnResource | undefined {
  return templates[location.templateFile]?.Resources?.[location.logicalId];
}

/** A resource and where it is. */
export interface LocatedResource {
  readonly location: ResourceLocation;
  readonly resource: CfnResource;
}

/**
 * Lookups over a TemplateSet that would otherwise scan every template on each
 * call: resources by type (in a stable order) and exports by name. Built on
 * first use and kept for the life of the TemplateSet (templates are read-only
 * once parsed), so asking about each of N roles or imports stays linear in the
 * size of the templates instead of quadratic.
 */
export class TemplateIndex {
  /** The index of a TemplateSet, built on first use. */
  public static readonly of = perTemplateSet((templates) => new TemplateIndex(templates));

  private readonly byType = new Map<string, LocatedResource[]>();
  private readonly exportsByName = new Map<string, { templateFile: string; value: CfnValue }>();

  private constructor(templates: TemplateSet) {
    for (const templateFile of Object.keys(templates).sort()) {
      const resources = templates[templateFile].Resources ?? {};
      for (const logicalId of Object.keys(resources).sort()) {
        const resource = resources[logicalId];
        const ofType = this.byType.get(resource.Type) ?? [];
        ofType.push({ location: { templateFile, logicalId }, resource });
        this.byType.set(resource.Type, ofType);
      }
      const outputs = templates[templateFile].Outputs ?? {};
      for (const id of Object.keys(outputs).sort()) {
        const output = outputs[id];
        const exported = output.Export;
        // the first in file and output order wins, as CloudFormation allows each export name once per Region
        if (isObject(exported) && typeof exported.Name === 'string' && output.Value !== undefined && !this.exportsByName.has(exported.Name)) {
          this.exportsByName.set(exported.Name, { templateFile, value: output.Value });
        }
      }
    }
  }

  /** Every resource of the type, by template file then logical id. */
  public resourcesOfType(type: string): readonly LocatedResource[] {
    return this.byType.get(type) ?? [];
  }

  /** The exporting template and the exported value of an export name. */
  public exportNamed(name: string): { templateFile: string; value: CfnValue } | undefined {
    return this.exportsByName.get(name);
  }
}

/**
 * `build` memoized per TemplateSet: the value is built on the first call for a
 * TemplateSet and returned again for the same (read-only once parsed) set.
 */
export function perTemplateSet<T>(build: (templates: TemplateSet) => T): (templates: TemplateSet) => T {
  const cache = new WeakMap<TemplateSet, T>();
  return (templates) => {
    let value = cache.get(templates);
    if (value === undefined) {
      value = build(templates);
      cache.set(templates, value);
    }
    return value;
  };
}

/** Every resource of the given type in every template, in a stable order. */
export function resourcesOfType(templates: TemplateSet, type: string): readonly LocatedResource[] {
  return TemplateIndex.of(templates).resourcesOfType(type);
}

/**
 * The resource an expression refers to: `{ Ref }`, `{ 'Fn::GetAtt' }` (array or
 * dotted string) or `{ 'Fn::ImportValue' }` of an export another template defines.
 */
export function resolveResource(templates: TemplateSet, templateFile: string, value: CfnValue | undefined): ResourceLocation | undefined {
  return resolveIn(templates, templateFile, value, 0);
}

function resolveIn(templates: TemplateSet, templateFile: string, value: CfnValue | undefined, depth: number): ResourceLocation | undefined {
  if (!isObject(value) || depth > 10) return undefined;
  const resources = templates[templateFile]?.Resources ?? {};
  const ref = value.Ref;
  if (typeof ref === 'string') {
    return resources[ref] === undefined ? undefined : { templateFile, logicalId: ref };
  }
  const getAtt = getAttParts(value['Fn::GetAtt']);
  if (getAtt !== undefined) {
    return resources[getAtt[0]] === undefined ? undefined : { templateFile, logicalId: getAtt[0], attribute: getAtt[1] };
  }
  const imported = findExport(templates, value['Fn::ImportValue']);
  if (imported !== undefined) {
    return resolveIn(templates, imported.templateFile, imported.value, depth + 1);
  }
  return undefined;
}

/** The exporting template and the exported value of an `Fn::ImportValue` with a literal name. */
export function findExport(templates: TemplateSet, name: CfnValue | undefined): { templateFile: string; value: CfnValue } | undefined {
  return typeof name === 'string' ? TemplateIndex.of(templates).exportNamed(name) : undefined;
}

/** Names to show for resources, by resourceKey (e.g. `service orders`); others get their construct path or logical id. */
export type ResourceNames = ReadonlyMap<string, string>;

const PSEUDO_PARAMETERS: { readonly [name: string]: string } = {
  'AWS::Partition': '${Partition}',
  'AWS::Region': '${Region}',
  'AWS::AccountId': '${Account}',
  'AWS::URLSuffix': '${URLSuffix}',
  'AWS::StackName': '${StackName}',
  'AWS::StackId': '${StackId}',
  'AWS::NotificationARNs': '${NotificationARNs}',
  'AWS::NoValue': '',
};

/**
 * Renders a template value as readable text. Pseudo parameters become
 * `${Region}`-style placeholders, references become `${<name>}` or
 * `${<name>.<Attribute>}`, joins and subs are evaluated as far as possible.
 */
export function renderValue(templates: TemplateSet, templateFile: string, value: CfnValue | undefined, names: ResourceNames = new Map()): string {
  return new ValueRenderer(templates, names).render(templateFile, value, 0);
}

class ValueRenderer {
  constructor(private readonly templates: TemplateSet, private readonly names: ResourceNames) {}

  public render(templateFile: string, value: CfnValue | undefined, depth: number): string {
    if (value === undefined || value === null) return '';
    if (typeof value !== 'object') return String(value);
    if (Array.isArray(value)) return value.map((v) => this.render(templateFile, v, depth + 1)).join(', ');
    if (depth > 20) return '…';
    const keys = Object.keys(value);
    if (keys.length !== 1) return compactJson(value);
    const key = keys[0];
    const arg = value[key];
    switch (key) {
      case 'Ref': return typeof arg === 'string' ? this.ref(templateFile, arg) : compactJson(value);
      case 'Fn::GetAtt': return this.getAtt(templateFile, arg) ?? compactJson(value);
      case 'Fn::Join': return this.join(templateFile, arg, depth) ?? compactJson(value);
      case 'Fn::Sub': return this.sub(templateFile, arg, depth) ?? compactJson(value);
      case 'Fn::ImportValue': return this.importValue(arg, depth) ?? `\${import:${this.render(templateFile, arg, depth + 1)}}`;
      case 'Fn::Select': return this.select(templateFile, arg, depth) ?? compactJson(value);
      case 'Fn::Split': return `split(${this.args(templateFile, arg, depth)})`;
      case 'Fn::If': return this.ifValue(templateFile, arg, depth) ?? compactJson(value);
      default: return key.startsWith('Fn::') ? `${key.slice(4)}(${this.args(templateFile, arg, depth)})` : compactJson(value);
    }
  }

  private ref(templateFile: string, name: string): string {
    const pseudo = PSEUDO_PARAMETERS[name];
    if (pseudo !== undefined) return pseudo;
    const template = this.templates[templateFile];
    const parameter = template?.Parameters?.[name];
    if (parameter !== undefined) {
      const type = parameter.Type;
      const fallback = parameter.Default;
      if (typeof type === 'string' && type.startsWith('AWS::SSM::Parameter::Value') && typeof fallback === 'string') {
        return `\${ssm:${fallback}}`;
      }
      return `\${parameter:${name}}`;
    }
    return `\${${this.resourceName(templateFile, name)}}`;
  }

  private getAtt(templateFile: string, arg: CfnValue): string | undefined {
    const parts = getAttParts(arg);
    if (parts === undefined) return undefined;
    return `\${${this.resourceName(templateFile, parts[0])}.${parts[1]}}`;
  }

  private join(templateFile: string, arg: CfnValue, depth: number): string | undefined {
    if (!Array.isArray(arg) || arg.length !== 2 || typeof arg[0] !== 'string') return undefined;
    const parts = arg[1];
    if (!Array.isArray(parts)) return `join(${arg[0]}, ${this.render(templateFile, parts, depth + 1)})`;
    return parts.map((p) => this.render(templateFile, p, depth + 1)).join(arg[0]);
  }

  private sub(templateFile: string, arg: CfnValue, depth: number): string | undefined {
    const [text, variables] = Array.isArray(arg) ? [arg[0], arg[1]] : [arg, undefined];
    if (typeof text !== 'string') return undefined;
    const vars: CfnObject = isObject(variables) ? variables : {};
    return text.replace(/\$\{(!?)([^}]*)\}/g, (_match: string, bang: string, name: string) => {
      if (bang === '!') return `\${${name}}`;
      if (vars[name] !== undefined) return this.render(templateFile, vars[name], depth + 1);
      const dot = name.indexOf('.');
      if (dot > 0 && PSEUDO_PARAMETERS[name] === undefined) {
        return this.getAtt(templateFile, [name.slice(0, dot), name.slice(dot + 1)]) ?? `\${${name}}`;
      }
      return this.ref(templateFile, name);
    });
  }

  private importValue(arg: CfnValue, depth: number): string | undefined {
    const exported = findExport(this.templates, arg);
    return exported === undefined ? undefined : this.render(exported.templateFile, exported.value, depth + 1);
  }

  private select(templateFile: string, arg: CfnValue, depth: number): string | undefined {
    if (!Array.isArray(arg) || arg.length !== 2) return undefined;
    const index = Number(arg[0]);
    const list = arg[1];
    if (Array.isArray(list) && Number.isInteger(index) && list[index] !== undefined) {
      return this.render(templateFile, list[index], depth + 1);
    }
    const split = isObject(list) && Array.isArray(list['Fn::Split']) ? list['Fn::Split'] : undefined;
    if (split !== undefined && typeof split[0] === 'string' && Number.isInteger(index)) {
      const source = this.render(templateFile, split[1], depth + 1);
      if (!source.includes('${')) return source.split(split[0])[index] ?? '';
      return `select(${index}, split(${JSON.stringify(split[0])}, ${source}))`;
    }
    return `select(${this.args(templateFile, arg, depth)})`;
  }

  private ifValue(templateFile: string, arg: CfnValue, depth: number): string | undefined {
    if (!Array.isArray(arg) || arg.length !== 3 || typeof arg[0] !== 'string') return undefined;
    const whenTrue = this.render(templateFile, arg[1], depth + 1);
    const whenFalse = this.render(templateFile, arg[2], depth + 1);
    return `(if ${arg[0]}: ${whenTrue === '' ? 'nothing' : whenTrue} else ${whenFalse === '' ? 'nothing' : whenFalse})`;
  }

  private args(templateFile: string, arg: CfnValue, depth: number): string {
    return Array.isArray(arg) ? arg.map((a) => this.render(templateFile, a, depth + 1)).join(', ') : this.render(templateFile, arg, depth + 1);
  }

  private resourceName(templateFile: string, logicalId: string): string {
    return nameOf(this.templates, { templateFile, logicalId }, this.names);
  }
}

/**
 * A resource's name for humans: its construct path without the stack and a
 * trailing `/Resource` (from the `aws:cdk:path` metadata), else its logical id.
 */
export function displayName(templates: TemplateSet, templateFile: string, logicalId: string): string {
  const cdkPath = resourceAt(templates, { templateFile, logicalId })?.Metadata?.['aws:cdk:path'];
  return typeof cdkPath === 'string' ? shortPath(cdkPath) : logicalId;
}

/** A resource's name in the report: the one `names` gives it, else its displayName. */
export function nameOf(templates: TemplateSet, location: { templateFile: string; logicalId: string }, names: ResourceNames): string {
  return names.get(resourceKey(location.templateFile, location.logicalId)) ?? displayName(templates, location.templateFile, location.logicalId);
}

/** `Stack/Shop/Orders/TaskRole/Resource` → `Shop/Orders/TaskRole`. */
export function shortPath(constructPath: string): string {
  const parts = constructPath.split('/');
  const withoutStack = parts.length > 1 ? parts.slice(1) : parts;
  const last = withoutStack[withoutStack.length - 1];
  const trimmed = withoutStack.length > 1 && (last === 'Resource' || last === 'Default') ? withoutStack.slice(0, -1) : withoutStack;
  return trimmed.join('/');
}

/** True for a JSON object (not null, not an array). */
export function isObject(value: unknown): value is CfnObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A value that is a string or a list: as a list (absent → empty). */
export function asList(value: CfnValue | undefined): CfnValue[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

function getAttParts(arg: CfnValue | undefined): [string, string] | undefined {
  if (Array.isArray(arg) && arg.length === 2 && typeof arg[0] === 'string' && typeof arg[1] === 'string') return [arg[0], arg[1]];
  if (typeof arg === 'string' && arg.indexOf('.') > 0) return [arg.slice(0, arg.indexOf('.')), arg.slice(arg.indexOf('.') + 1)];
  return undefined;
}

function compactJson(value: CfnValue): string {
  return JSON.stringify(value);
}
