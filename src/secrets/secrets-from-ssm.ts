import { Arn, ArnFormat, Lazy, Stack, Token } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { ENV_NAME } from '../internal/naming';
import { PropsValidator, isToken, problem, show } from '../internal/validation';

/**
 * Properties of a SecretsFromSsm.
 */
export interface SecretsFromSsmProps {
  /**
   * Container environment name → SSM parameter. A parameter is an absolute name
   * (`/shop/prod/db-password`), a name relative to `pathPrefix` (`db-password`),
   * a full parameter ARN (for another Region; ECS does not read parameters of
   * another account), or a Secrets Manager secret through Parameter Store
   * (`/aws/reference/secretsmanager/<secret-name>`).
   * @default - none; add them with addParameter
   */
  readonly parameters?: { [environmentName: string]: string };
  /**
   * Absolute prefix that relative parameter names are joined to (`/shop/prod/orders`).
   * @default - none: every parameter name must be absolute or an ARN
   */
  readonly pathPrefix?: string;
  /**
   * The KMS key the SecureString parameters (or referenced secrets) are encrypted with.
   * When given, the reading roles get `kms:Decrypt` on it, only through SSM / Secrets Manager.
   * @default - the AWS-managed `aws/ssm` key, which needs no grant
   */
  readonly encryptionKey?: kms.IKey;
}

/**
 * One secret as a service consumes it. Internal.
 */
export interface SecretEntry {
  readonly environmentName: string;
  /** As the app wrote it (name or ARN): shown in reports. */
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

/** Prefix of Secrets Manager references through Parameter Store. */
const SECRETS_MANAGER_REFERENCE = '/aws/reference/secretsmanager/';
/** SSM: letters, digits, `_ . - /`; a hierarchy of at most 15 levels. */
const PARAMETER_NAME = /^[A-Za-z0-9_.\-/]+$/;
const MAX_HIERARCHY_LEVELS = 15;
/** SSM: 1011 characters including the full ARN; the longest ARN prefix is ~49 characters. */
const MAX_PARAMETER_NAME_LENGTH = 1011 - 'arn:aws:ssm:ap-southeast-1:123456789012:parameter'.length;

/**
 * SSM Parameter Store values injected into containers as ECS secrets, with
 * exactly the IAM they need.
 *
 * Bound to a service through its `secrets` prop, each entry becomes an ECS
 * secret (`valueFrom`, resolved by ECS at task start, never in the template),
 * and only that service's execution role gets `ssm:GetParameters` on exactly
 * those parameter ARNs, plus `kms:Decrypt` (through SSM only) on `encryptionKey`.
 *
 * @example
 * const secrets = new SecretsFromSsm(stack, 'OrdersSecrets', {
 *   parameters: { DB_PASSWORD: '/shop/prod/orders/db-password' },
 * });
 */
export class SecretsFromSsm extends Construct {
  /**
   * One set holding every entry of `sets` (and what is added to them later), for a
   * service that reads secrets from several sets. Environment names must not repeat.
   */
  public static combine(scope: Construct, id: string, sets: SecretsFromSsm[]): SecretsFromSsm {
    const combined = new SecretsFromSsm(scope, id);
    for (const set of sets) {
      set._bind({ addSecretEntry: (entry) => combined.addEntry(entry) });
    }
    return combined;
  }

  private readonly entries: SecretEntry[] = [];
  private readonly consumers: SecretsConsumer[] = [];
  private readonly pathPrefix?: string;
  private readonly encryptionKey?: kms.IKey;

  public constructor(scope: Construct, id: string, props: SecretsFromSsmProps = {}) {
    super(scope, id);
    this.pathPrefix = props.pathPrefix;
    this.encryptionKey = props.encryptionKey;
    new PropsValidator(this, 'SecretsFromSsm')
      .check(props.pathPrefix === undefined || isToken(props.pathPrefix)
        || (props.pathPrefix.startsWith('/') && PARAMETER_NAME.test(props.pathPrefix)), () =>
        problem('pathPrefix', props.pathPrefix, "an absolute SSM path such as '/shop/prod/orders'", "Start it with '/'."))
      .throwIfInvalid();
    for (const [name, parameter] of Object.entries(props.parameters ?? {})) {
      this.addParameter(name, parameter);
    }
  }

  /** Container environment names, in the order they were added. */
  public get environmentNames(): string[] {
    return this.entries.map((e) => e.environmentName);
  }

  /** Full ARNs of the parameters, in the order they were added. */
  public get parameterArns(): string[] {
    return this.entries.map((e) => e.parameterArn);
  }

  /**
   * Adds a parameter. Services already bound to this set receive it too.
   * @param environmentName container environment variable name (`[A-Za-z_][A-Za-z0-9_]*`)
   * @param parameterName absolute name, name relative to `pathPrefix`, full ARN, or `/aws/reference/secretsmanager/<name>`
   */
  public addParameter(environmentName: string, parameterName: string): void {
    const v = new PropsValidator(this, 'SecretsFromSsm');
    v.matches(`parameters.${environmentName}`, environmentName, ENV_NAME,
      'an environment name of letters, digits and underscores, not starting with a digit (e.g. DB_PASSWORD)');
    v.check(!this.entries.some((e) => e.environmentName === environmentName), () =>
      `parameters.${environmentName}: ${show(environmentName)} is already defined (as ${show(this.entries.find((e) => e.environmentName === environmentName)?.parameter)}). `
      + 'Each environment name may appear once; pick another name.');
    this.checkParameterName(v, environmentName, parameterName);
    v.throwIfInvalid();
    this.addEntry(this.resolveEntry(environmentName, parameterName));
  }

  /**
   * Lets `grantee` read these parameters at run time (`ssm:GetParameter(s)` on
   * exactly their ARNs, plus `kms:Decrypt` through SSM on `encryptionKey`).
   * Services do not need this to receive their secrets: the execution role is
   * granted automatically. Covers parameters added later.
   */
  public grantRead(grantee: iam.IGrantable): iam.Grant {
    const statements = new SecretsStatements(this, ['ssm:GetParameter', 'ssm:GetParameters']);
    this._bind({ addSecretEntry: (entry) => statements.add(entry) });
    return statements.grantTo(grantee);
  }

  /**
   * Subscribes a consumer: it receives every current entry now and every later one.
   * @internal
   */
  public _bind(consumer: SecretsConsumer): void {
    this.consumers.push(consumer);
    for (const entry of this.entries) {
      consumer.addSecretEntry(entry);
    }
  }

  private addEntry(entry: SecretEntry): void {
    if (this.entries.some((e) => e.environmentName === entry.environmentName)) {
      throw new PropsValidator(this, 'SecretsFromSsm')
        .add(`environment name ${show(entry.environmentName)} comes from both '${this.entries.find((e) => e.environmentName === entry.environmentName)!.source}' `
          + `and '${entry.source}'. Rename it in one of the sets.`)
        .throwIfInvalid() as never;
    }
    this.entries.push(entry);
    for (const consumer of this.consumers) {
      consumer.addSecretEntry(entry);
    }
  }

  private checkParameterName(v: PropsValidator, environmentName: string, parameterName: string): void {
    if (isToken(parameterName) || parameterName.startsWith('arn:')) {
      if (parameterName.startsWith('arn:')) {
        const stack = Stack.of(this);
        const parts = parameterName.split(':');
        v.check(parts.length >= 6 && parts[2] === 'ssm' && parts[5].startsWith('parameter/'), () =>
          problem(`parameters.${environmentName}`, parameterName, 'an SSM parameter ARN arn:<partition>:ssm:<region>:<account>:parameter/<name>'));
        v.check(parts.length < 5 || Token.isUnresolved(stack.account) || parts[4] === stack.account, () =>
          problem(`parameters.${environmentName}`, parameterName, `a parameter of account ${stack.account}`,
            'ECS reads secrets across Regions but not across accounts: replicate the parameter into this account.'));
      }
      return;
    }
    const prop = `parameters.${environmentName}`;
    const relative = !parameterName.startsWith('/');
    v.check(!relative || this.pathPrefix !== undefined, () =>
      problem(prop, parameterName, `an absolute name ('/${parameterName}') or a name relative to pathPrefix`,
        `Write '/${parameterName}', or set pathPrefix (e.g. '/shop/prod') to join it to.`));
    const full = this.fullName(parameterName);
    v.check(PARAMETER_NAME.test(parameterName) && !full.includes('//'), () =>
      problem(prop, parameterName, 'an SSM name of letters, digits and _ . - / (no spaces, no empty levels)'));
    v.check(full.length <= MAX_PARAMETER_NAME_LENGTH, () =>
      problem(prop, `${full.slice(0, 40)}... (${full.length} characters)`, `at most ${MAX_PARAMETER_NAME_LENGTH} characters (SSM allows 1011 including the ARN)`));
    v.check(full.split('/').filter(Boolean).length <= MAX_HIERARCHY_LEVELS, () =>
      problem(prop, full, `at most ${MAX_HIERARCHY_LEVELS} hierarchy levels (an SSM limit)`));
    v.check(!/^\/?(aws|ssm)/i.test(full) || full.startsWith(SECRETS_MANAGER_REFERENCE), () =>
      problem(prop, full, "a name that does not start with 'aws' or 'ssm' (reserved by SSM)",
        `To read a Secrets Manager secret, use '${SECRETS_MANAGER_REFERENCE}<secret-name>'.`));
  }

  private fullName(parameterName: string): string {
    return parameterName.startsWith('/') || !this.pathPrefix
      ? parameterName
      : `${this.pathPrefix.replace(/\/+$/, '')}/${parameterName}`;
  }

  private resolveEntry(environmentName: string, parameterName: string): SecretEntry {
    const stack = Stack.of(this);
    if (parameterName.startsWith('arn:')) {
      const arn = Arn.split(parameterName, ArnFormat.SLASH_RESOURCE_NAME);
      const name = `/${arn.resourceName ?? ''}`;
      return {
        environmentName,
        parameter: parameterName,
        parameterArn: parameterName,
        secretArnPattern: this.secretArnPattern(name, arn.region, arn.account),
        region: arn.region ?? stack.region,
        encryptionKey: this.encryptionKey,
        source: this.node.path,
      };
    }
    const full = isToken(parameterName) ? parameterName : this.fullName(parameterName);
    // Parameter ARNs have exactly one slash after `parameter`, with or without a leading slash in the name.
    const resourceName = full.startsWith('/') ? full.slice(1) : full;
    return {
      environmentName,
      parameter: full,
      parameterArn: stack.formatArn({ service: 'ssm', resource: 'parameter', resourceName, arnFormat: ArnFormat.SLASH_RESOURCE_NAME }),
      secretArnPattern: isToken(full) ? undefined : this.secretArnPattern(full, stack.region, stack.account),
      region: stack.region,
      encryptionKey: this.encryptionKey,
      source: this.node.path,
    };
  }

  /** `arn:...:secretsmanager:<region>:<account>:secret:<name>-??????` for a Secrets Manager reference, else undefined. */
  private secretArnPattern(name: string, region?: string, account?: string): string | undefined {
    if (!name.startsWith(SECRETS_MANAGER_REFERENCE)) {
      return undefined;
    }
    const secretName = name.slice(SECRETS_MANAGER_REFERENCE.length);
    return Stack.of(this).formatArn({
      service: 'secretsmanager',
      resource: 'secret',
      resourceName: `${secretName}-??????`,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
      region,
      account,
    });
  }
}

/**
 * The IAM statements that read a growing set of entries: one statement for the
 * parameters, one for Secrets Manager references, one per key for KMS.
 * Internal.
 */
export class SecretsStatements {
  private readonly parameters: iam.PolicyStatement;
  private secrets?: iam.PolicyStatement;
  private readonly keys = new Map<kms.IKey, { statement: iam.PolicyStatement; services: Set<string> }>();
  private readonly pending: iam.PolicyStatement[] = [];
  private grantee?: iam.IGrantable;

  public constructor(private readonly scope: Construct, parameterActions: string[]) {
    this.parameters = new iam.PolicyStatement({ actions: parameterActions });
  }

  /** Adds the statements an entry needs. */
  public add(entry: SecretEntry): void {
    if (!this.parameters.resources.includes(entry.parameterArn)) {
      this.parameters.addResources(entry.parameterArn);
      if (this.parameters.resources.length === 1) {
        this.attach(this.parameters);
      }
    }
    if (entry.secretArnPattern) {
      if (!this.secrets) {
        this.secrets = new iam.PolicyStatement({ actions: ['secretsmanager:GetSecretValue'] });
        this.secrets.addResources(entry.secretArnPattern);
        this.attach(this.secrets);
      } else if (!this.secrets.resources.includes(entry.secretArnPattern)) {
        this.secrets.addResources(entry.secretArnPattern);
      }
    }
    if (entry.encryptionKey) {
      const viaServices = [`ssm.${entry.region}.amazonaws.com`];
      if (entry.secretArnPattern) {
        viaServices.push(`secretsmanager.${entry.region}.amazonaws.com`);
      }
      let key = this.keys.get(entry.encryptionKey);
      if (!key) {
        key = { statement: new iam.PolicyStatement({ actions: ['kms:Decrypt'], resources: [entry.encryptionKey.keyArn] }), services: new Set() };
        this.keys.set(entry.encryptionKey, key);
        const services = key.services;
        key.statement.addCondition('StringEquals', { 'kms:ViaService': Lazy.list({ produce: () => [...services] }) });
        this.attach(key.statement);
      }
      viaServices.forEach((s) => key!.services.add(s));
    }
  }

  /** Attaches the statements (current and future) to `grantee`'s policy. */
  public grantTo(grantee: iam.IGrantable): iam.Grant {
    this.grantee = grantee;
    const statements = this.pending.splice(0);
    statements.forEach((s) => grantee.grantPrincipal.addToPrincipalPolicy(s));
    // The statements are on the principal's policy already; the Grant only reports it.
    return iam.Grant.drop(grantee, `read the SSM parameters of ${this.scope.node.path}`);
  }

  private attach(statement: iam.PolicyStatement): void {
    if (this.grantee) {
      this.grantee.grantPrincipal.addToPrincipalPolicy(statement);
    } else {
      this.pending.push(statement);
    }
  }
}

/**
 * An ECS secret whose IAM is granted by SecretsStatements (exactly
 * `ssm:GetParameters` on the ARN) rather than by ECS's broader default grant.
 * Internal.
 */
export class ParameterArnSecret extends ecs.Secret {
  public readonly hasField = false;

  public constructor(public readonly arn: string) {
    super();
  }

  public grantRead(grantee: iam.IGrantable): iam.Grant {
    return iam.Grant.drop(grantee, `read ${this.arn} (granted by SecretsFromSsm)`);
  }
}
