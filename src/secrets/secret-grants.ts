import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { IConstruct } from 'constructs';

/*
 * How a service consumes secrets: the entries a SecretsFromSsm hands out, and
 * the exact IAM they need. Internal: not exported from the package.
 */

/**
 * One secret as a service consumes it. Internal.
 */
export interface SecretEntry {
  readonly environmentName: string;
  /** The full parameter name (a relative name joined to pathPrefix), or the ARN as written: shown in reports. */
  readonly parameter: string;
  /** Full parameter ARN: ECS `valueFrom` and the IAM resource. */
  readonly parameterArn: string;
  /** Secrets Manager ARN pattern, for the Secrets Manager reference form. */
  readonly secretArnPattern?: string;
  /** Region of the parameter (for `kms:ViaService`). */
  readonly region: string;
  readonly encryptionKey?: kms.IKey;
  /** Construct path of the SecretsFromSsm that declared it. */
  readonly source: string;
}

/**
 * Receives every entry of a SecretsFromSsm: those it has now and those added later. Internal.
 */
export interface SecretsConsumer {
  /** Called once per entry, in order. Throws to reject it (e.g. a duplicate environment name). */
  addSecretEntry(entry: SecretEntry): void;
}

/**
 * The IAM statements that read a growing set of entries: one for the
 * parameters, one for the secrets of Secrets Manager references, one per KMS
 * key. Each statement is added through `iam.Grant.addToPrincipal` when its first
 * entry arrives, and later entries extend it. Internal.
 */
export class SecretsStatements {
  private grantee?: iam.IGrantable;
  private grant?: iam.Grant;
  private readonly waiting: SecretEntry[] = [];
  private parameters?: iam.PolicyStatement;
  private secrets?: iam.PolicyStatement;
  private readonly decrypt = new Map<kms.IKey, { statement?: iam.PolicyStatement; services: string[] }>();

  public constructor(private readonly scope: IConstruct, private readonly parameterActions: string[]) {}

  /** Adds the permissions an entry needs (held until `grantTo`). */
  public add(entry: SecretEntry): void {
    if (this.grantee) {
      this.apply(entry);
    } else {
      this.waiting.push(entry);
    }
  }

  /**
   * Grants the entries added so far, and every later one, to `grantee`.
   * Returns the Grant of the statements added so far (a dropped Grant when there are none).
   */
  public grantTo(grantee: iam.IGrantable): iam.Grant {
    this.grantee = grantee;
    this.waiting.splice(0).forEach((entry) => this.apply(entry));
    return this.grant ?? iam.Grant.drop(grantee, `read the SSM parameters of ${this.scope.node.path} (none yet)`);
  }

  private apply(entry: SecretEntry): void {
    this.parameters = this.extend(this.parameters, this.parameterActions, entry.parameterArn);
    if (entry.secretArnPattern) {
      this.secrets = this.extend(this.secrets, ['secretsmanager:GetSecretValue'], entry.secretArnPattern);
    }
    if (entry.encryptionKey) {
      let key = this.decrypt.get(entry.encryptionKey);
      if (!key) {
        key = { services: [] };
        this.decrypt.set(entry.encryptionKey, key);
      }
      const before = key.services.length;
      for (const service of entry.secretArnPattern ? ['ssm', 'secretsmanager'] : ['ssm']) {
        const viaService = `${service}.${entry.region}.amazonaws.com`;
        if (!key.services.includes(viaService)) {
          key.services.push(viaService);
        }
      }
      const condition = { 'kms:ViaService': key.services.length === 1 ? key.services[0] : [...key.services] };
      if (!key.statement) {
        key.statement = this.extend(undefined, ['kms:Decrypt'], entry.encryptionKey.keyArn, { StringEquals: condition });
      } else if (key.services.length !== before) {
        key.statement.addCondition('StringEquals', condition);
      }
    }
  }

  /** Adds `arn` to `statement`, or, when there is none yet, grants a new statement to the grantee. */
  private extend(statement: iam.PolicyStatement | undefined, actions: string[], arn: string,
    conditions?: { [operator: string]: { [key: string]: unknown } }): iam.PolicyStatement | undefined {
    if (statement) {
      if (!statement.resources.includes(arn)) {
        statement.addResources(arn);
      }
      return statement;
    }
    const grant = iam.Grant.addToPrincipal({ grantee: this.grantee!, actions, resourceArns: [arn], conditions });
    this.grant = this.grant ? this.grant.combine(grant) : grant;
    // Undefined when the principal takes no policies (then later entries try again, and fail alike).
    return grant.principalStatements[0];
  }
}

/**
 * An ECS secret whose IAM comes from SecretsStatements (exactly
 * `ssm:GetParameters` on the ARN) instead of ECS's broader default grant
 * (`ssm:DescribeParameters`, `ssm:GetParameterHistory`...). Internal.
 */
export class ParameterArnSecret extends ecs.Secret {
  public readonly hasField = false;

  public constructor(public readonly arn: string) {
    super();
  }

  /** ECS calls this for the execution role and ignores the result; SecretsStatements grants the real statements. */
  public grantRead(grantee: iam.IGrantable): iam.Grant {
    return iam.Grant.drop(grantee, `read ${this.arn} (granted by SecretsFromSsm)`);
  }
}
