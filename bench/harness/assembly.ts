import * as fs from 'node:fs';
import * as path from 'node:path';

/** A CloudFormation resource as it appears in a synthesized template. */
export interface TemplateResource {
  readonly Type: string;
  readonly Properties?: { readonly [name: string]: unknown };
}

/** One stack of a cloud assembly. */
export interface StackTemplate {
  readonly name: string;
  readonly bytes: number;
  readonly resources: { readonly [logicalId: string]: TemplateResource };
}

/** What the bench reads from a synthesized cloud assembly. */
export interface AssemblySummary {
  readonly stacks: readonly StackTemplate[];
  readonly resources: number;
  readonly bytes: number;
  /** Resources of the largest stack. */
  readonly largestStack: number;
}

interface Manifest {
  readonly artifacts?: { readonly [id: string]: { readonly type: string; readonly properties?: { readonly templateFile?: string } } };
}

/** Reads every stack template of the cloud assembly in `outdir`. */
export function readAssembly(outdir: string): AssemblySummary {
  const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8')) as Manifest;
  const stacks = Object.entries(manifest.artifacts ?? {})
    .filter(([, artifact]) => artifact.type === 'aws:cloudformation:stack')
    .map(([name, artifact]) => readStack(name, path.join(outdir, artifact.properties?.templateFile ?? `${name}.template.json`)));
  const counts = stacks.map(stack => Object.keys(stack.resources).length);
  return {
    stacks,
    resources: counts.reduce((a, b) => a + b, 0),
    bytes: stacks.reduce((sum, stack) => sum + stack.bytes, 0),
    largestStack: Math.max(0, ...counts),
  };
}

function readStack(name: string, file: string): StackTemplate {
  const text = fs.readFileSync(file, 'utf8');
  const template = JSON.parse(text) as { Resources?: { [logicalId: string]: TemplateResource } };
  return { name, bytes: Buffer.byteLength(text), resources: template.Resources ?? {} };
}

/** All resources of an assembly of the given CloudFormation type. */
export function resourcesOfType(assembly: AssemblySummary, type: string): TemplateResource[] {
  return assembly.stacks.flatMap(stack => Object.values(stack.resources)).filter(resource => resource.Type === type);
}

/** Resources per CloudFormation type that `after` has beyond `before`, e.g. `{ 'AWS::IAM::Role': 2 }`. */
export function addedResourceTypes(before: AssemblySummary, after: AssemblySummary): { [type: string]: number } {
  const added: { [type: string]: number } = {};
  const count = (assembly: AssemblySummary, sign: number): void => assembly.stacks
    .flatMap(stack => Object.values(stack.resources))
    .forEach(resource => added[resource.Type] = (added[resource.Type] ?? 0) + sign);
  count(after, 1);
  count(before, -1);
  return Object.fromEntries(Object.entries(added).filter(([, n]) => n !== 0));
}
