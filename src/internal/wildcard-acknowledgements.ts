import { Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { IConstruct } from 'constructs';
import { UNSCOPABLE_ACTIONS, onlyUnscopableActions } from './unscopable-actions';

/** The rule whose findings are acknowledged here. */
const RULE = 'AwsSolutions-IAM5';
const UNSCOPABLE_REASON = `Resource * only for actions AWS cannot scope to a resource (${UNSCOPABLE_ACTIONS.join(', ')}): `
  + 'ECS Exec\'s SSM channels and log-group check on the task role, ECR authorization on the execution role';

/**
 * Acknowledges, on every `AWS::IAM::Policy` and `AWS::IAM::ManagedPolicy` under `scope`, the AwsSolutions-IAM5
 * findings that only the library's own statements produce: `Resource: *` with
 * actions AWS cannot scope (`UNSCOPABLE_ACTIONS`), and the wildcard resources
 * `known` accepts (it gets the resource as cdk-nag prints it and returns the
 * reason, or undefined for a statement that is not the library's). A finding
 * that any other statement shares (a user's grant on the same role) stays open.
 *
 * cdk-nag 3 reports IAM5 once per wildcard (`AwsSolutions-IAM5[Resource::*]`)
 * and matches acknowledgements exactly; the IDs contain logical IDs and, after
 * cross-stack references are resolved, import names. So this runs at synth, as
 * a validation of `scope` (validations run after references are resolved and
 * before policy-validation plugins).
 */
export function acknowledgeKnownWildcards(
  scope: IConstruct,
  known: (resource: string, actions: readonly string[]) => string | undefined,
): void {
  scope.node.addValidation({
    validate: () => {
      const policies = scope.node.findAll()
        .filter((c): c is iam.CfnPolicy | iam.CfnManagedPolicy => c instanceof iam.CfnPolicy || c instanceof iam.CfnManagedPolicy);
      for (const policy of policies) {
        for (const [finding, reason] of knownFindings(policy, known)) {
          acknowledgeExactly(policy, `${RULE}[${finding}]`, reason);
        }
      }
      return [];
    },
  });
}

/** The IAM5 findings of `policy` (cdk-nag's wording) that only known statements produce, with their reasons. */
function knownFindings(
  policy: iam.CfnPolicy | iam.CfnManagedPolicy,
  known: (resource: string, actions: readonly string[]) => string | undefined,
): Map<string, string> {
  const document = Stack.of(policy).resolve(policy.policyDocument) as { Statement?: unknown[] };
  const reasons = new Map<string, string | undefined>();
  const record = (finding: string, reason: string | undefined) =>
    reasons.set(finding, reasons.has(finding) && reasons.get(finding) === undefined ? undefined : reason);
  for (const raw of document.Statement ?? []) {
    const statement = raw as { Effect?: string; Action?: unknown; Resource?: unknown };
    if (statement.Effect !== 'Allow') {
      continue;
    }
    const actions = toArray(statement.Action).map(String);
    const wildcardActions = actions.filter((a) => a.includes('*'));
    wildcardActions.forEach((a) => record(`Action::${a}`, undefined));
    for (const resource of toArray(statement.Resource).map(flattenReference).filter((r) => r.includes('*'))) {
      const reason = wildcardActions.length > 0 ? undefined
        : resource === '*' ? (onlyUnscopableActions(actions) ? UNSCOPABLE_REASON : undefined)
          : known(resource, actions);
      record(`Resource::${resource}`, reason);
    }
  }
  const result = new Map<string, string>();
  reasons.forEach((reason, finding) => reason !== undefined && result.set(finding, reason));
  return result;
}

/**
 * `Validations.acknowledge` with the exact ID. aws-cdk-lib 2.257 rejects IDs with
 * more than one `::`, which IAM5 IDs of ARNs with `<AWS::Partition>` have; those
 * are recorded in the same metadata entry (`Validations.ACKNOWLEDGED_RULES_METADATA_KEY`).
 */
function acknowledgeExactly(construct: IConstruct, id: string, reason: string): void {
  const recorded = construct.node.metadata
    .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
    .some((m) => Object.keys(m.data as object).some((k) => k.replace(/^annotation::/i, '') === id));
  if (recorded) {
    return;
  }
  if (id.split('::').length <= 2) {
    Validations.of(construct).acknowledge({ id, reason });
  } else {
    construct.node.addMetadata(Validations.ACKNOWLEDGED_RULES_METADATA_KEY, { [id]: reason });
  }
}

/** cdk-nag's flattening of a CloudFormation value (`{ Ref: X }` → `<X>`, `Fn::Join` joined, ...). */
export function flattenReference(value: unknown): string {
  if (value === undefined) {
    return '';
  }
  if (typeof value === 'string') {
    return value.replace(/\$\{/g, '<').replace(/}/g, '>');
  }
  const node = value as { [fn: string]: unknown };
  if (node['Fn::Join']) {
    const [delimiter, items] = node['Fn::Join'] as [string, unknown[]];
    return items.map(flattenReference).join(delimiter);
  }
  if (node['Fn::Sub']) {
    return flattenReference(node['Fn::Sub']);
  }
  if (node['Fn::GetAtt']) {
    const [resource, attribute] = node['Fn::GetAtt'] as [unknown, unknown];
    return `<${flattenReference(resource)}.${flattenReference(attribute)}>`;
  }
  if (node['Fn::ImportValue']) {
    return flattenReference(node['Fn::ImportValue']);
  }
  if (node.Ref) {
    return `<${flattenReference(node.Ref)}>`;
  }
  return JSON.stringify(value);
}

function toArray(value: unknown): unknown[] {
  if (value === undefined) {
    return [];
  }
  return Array.isArray(value) ? value : [value];
}
