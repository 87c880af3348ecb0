import { ArnFormat, Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { RegionInfo } from 'aws-cdk-lib/region-info';
import { Construct } from 'constructs';
import { SecretEntry, SecretsConsumer, SecretsStatements } from './secret-grants';
import { ENV_NAME } from '../internal/naming';
import { PropsValidator, problem, show } from '../internal/validation';

/**
 * Properties of a SecretsFromSsm.
 */
export interface SecretsFromSsmProps {
  /**
   * Container environment name (`[A-Za-z_][A-Za-z0-9_]*`) → SSM parameter. A parameter is one of:
   * - an absolute name: `/shop/prod/orders/db-password`;
   * - a name relative to `pathPrefix`: `db-password`;
   * - a full parameter ARN, for a parameter in another Region of this account
   *   (ECS reads parameters across Regions, not across accounts);
   * - a Secrets Manager secret through Parameter Store: `/aws/reference/secretsmanager/<secret-name>`.
   *
   * A name that is a CDK token (e.g. a `CfnParameter`) is not checked, and is
   * taken as an absolute name (`/…`), never joined to `pathPrefix`.
   * @default - none; add them with addParameter
   */
  readonly parameters?: { [environmentName: string]: string };
  /**
   * Absolute prefix that relative parameter names are joined to (`/shop/prod/orders`).
   * @default - none: every parameter name must be absolute or an ARN
   */
  readonly pathPrefix?: string;
  /**
   * The KMS key the SecureString parameters (and referenced secrets) are encrypted with.
   * When given, reading roles get `kms:Decrypt` on it, only through SSM
   * (`kms:ViaService` = `ssm.<region>.amazonaws.com`; plus Secrets Manager for
   * `/aws/reference/secretsmanager/` references). KMS keys are regional: the key
   * must be in the Region of the parameters.
   * @default - the AWS-managed `aws/ssm` key (`aws/secretsmanager` for references), which needs no grant
   */
  readonly encryptionKey?: kms.IKey;
}

/** Prefix of Secrets Manager references through Parameter Store. */
const SECRETS_MANAGER_REFERENCE = '/aws/reference/secretsmanager/';
/** SSM parameter names: letters, digits, `_ . - /`. */
const PARAMETER_NAME = /^[A-Za-z0-9_.\-/]+$/;
/** Secrets Manager secret names: letters, digits, `/ _ + = . @ -`, at most 512 characters. */
const SECRET_NAME = /^[A-Za-z0-9/_+=.@-]{1,512}$/;
/** SSM: names may not start with `aws` or `ssm`, in any case, with or without the leading slash. */
const RESERVED_PREFIX = /^\/?(aws|ssm)/i;
/** SSM: a hierarchy of at most 15 levels. */
const MAX_HIERARCHY_LEVELS = 15;
/** SSM: 1011 characters for the name including the full ARN (`arn:aws:ssm:<region>:<account>:parameter/name`). */
const MAX_PARAMETER_ARN_LENGTH = 1011;
/** Stands for an unknown Region when measuring ARNs: as long as the longest commercial Region names. */
const UNKNOWN_REGION = 'ap-southeast-1';

/** The forms a parameter reference takes. */
enum ReferenceForm { ARN, ABSOLUTE, RELATIVE }

/**
 * SSM Parameter Store values injected into containers as ECS secrets, with
 * exactly the IAM they need.
 *
 * Bound to a service through its `secrets` prop, each entry becomes an ECS
 * secret (`valueFrom` = the parameter ARN, resolved by ECS at task start, so no
 * value is ever in the template), and only that service's execution role gets
 * `ssm:GetParameters` on exactly those parameter ARNs, plus `kms:Decrypt`
 * (through SSM only) on `encryptionKey`. One set can be bound to several
 * services; a service reads several sets through `SecretsFromSsm.combine`.
 *
 * @example
 * const secrets = new SecretsFromSsm(stack, 'OrdersSecrets', {
 *   parameters: { DB_PASSWORD: '/shop/prod/orders/db-password' },
 * });
 */
export class SecretsFromSsm extends Construct {
  /**
   * One set holding every entry of `sets`, including entries added to them later,
   * for a service that reads secrets from several sets. An environment name may
   * come from only one of the sets.
   */
  public static combine(scope: Construct, id: string, sets: SecretsFromSsm[]): SecretsFromSsm {
    const combined = new SecretsFromSsm(scope, id);
    new PropsValidator(combined, 'SecretsFromSsm')
      .check(new Set(sets).size === sets.length, () =>
        `sets: ${show(sets.map((s) => s.node.path))} lists a set more than once. List each set once.`)
      .throwIfInvalid();
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
    const prefix = props.pathPrefix;
    new PropsValidator(this, 'SecretsFromSsm')
      .check(prefix === undefined || Token.isUnresolved(prefix)
        || (prefix.startsWith('/') && PARAMETER_NAME.test(prefix) && !prefix.includes('//')), () =>
        problem('pathPrefix', prefix, "an absolute SSM path of letters, digits and _ . - / such as '/shop/prod/orders'",
          prefix?.startsWith('/') ? 'Remove empty levels (//) and other characters.' : `Start it with '/': '/${prefix}'.`))
      .check(prefix === undefined || Token.isUnresolved(prefix) || !RESERVED_PREFIX.test(prefix)
        || `${prefix}/`.startsWith(SECRETS_MANAGER_REFERENCE), () =>
        problem('pathPrefix', prefix, "a path that does not start with 'aws' or 'ssm' (reserved by SSM)",
          `For Secrets Manager secrets, use '${SECRETS_MANAGER_REFERENCE.slice(0, -1)}'.`))
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
   * Adds a parameter. Services and grantees already bound to this set receive it too.
   * @param environmentName container environment variable name (`[A-Za-z_][A-Za-z0-9_]*`)
   * @param parameterName absolute name, name relative to `pathPrefix`, full ARN, or `/aws/reference/secretsmanager/<name>`
   */
  public addParameter(environmentName: string, parameterName: string): void {
    const prop = `parameters.${environmentName}`;
    const v = new PropsValidator(this, 'SecretsFromSsm');
    v.matches(prop, environmentName, ENV_NAME,
      'an environment name of letters, digits and underscores, not starting with a digit (e.g. DB_PASSWORD)');
    const existing = this.entries.find((e) => e.environmentName === environmentName);
    v.check(existing === undefined, () =>
      `${prop}: ${show(environmentName)} is already defined (as ${show(existing?.parameter)}). Each environment name may appear once; pick another name.`);
    const entry = this.checkAndResolve(v, prop, environmentName, parameterName);
    const keyRegion = this.encryptionKey?.env.region;
    v.check(!literal(keyRegion) || !literal(entry.region) || entry.region === keyRegion, () =>
      problem(prop, parameterName, `a parameter in the Region of encryptionKey (${keyRegion})`,
        `KMS keys are regional: put the parameters of ${entry.region} in their own SecretsFromSsm, with a key of ${entry.region}.`));
    v.throwIfInvalid();
    this.addEntry(entry);
  }

  /**
   * Lets `grantee` read these parameters at run time: `ssm:GetParameter` and
   * `ssm:GetParameters` on exactly their ARNs, `secretsmanager:GetSecretValue` on
   * referenced secrets, and `kms:Decrypt` through SSM on `encryptionKey`.
   *
   * Services do not need this to receive their secrets: their execution role is
   * granted automatically. Parameters added later are granted too (added to the
   * same statements); the returned Grant holds the statements that exist now,
   * and grants nothing while the set is empty.
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
    const existing = this.entries.find((e) => e.environmentName === entry.environmentName);
    new PropsValidator(this, 'SecretsFromSsm')
      .check(existing === undefined, () =>
        `sets: environment name ${show(entry.environmentName)} comes from both '${existing?.source}' and '${entry.source}'. `
        + 'Rename it in one of the sets.')
      .throwIfInvalid();
    this.entries.push(entry);
    for (const consumer of this.consumers) {
      consumer.addSecretEntry(entry);
    }
  }

  /** Checks a parameter reference into `v` and returns the entry it makes. */
  private checkAndResolve(v: PropsValidator, prop: string, environmentName: string, parameterName: string): SecretEntry {
    const stack = Stack.of(this);
    const form = parameterName.startsWith('arn:') ? ReferenceForm.ARN
      : parameterName.startsWith('/') || startsWithToken(parameterName) ? ReferenceForm.ABSOLUTE
        : ReferenceForm.RELATIVE;
    const base = { environmentName, encryptionKey: this.encryptionKey, source: this.node.path };

    if (form === ReferenceForm.ARN) {
      const parts = parameterName.split(':');
      const [, partition, service, region, account, resource] = parts;
      const wellFormed = parts.length === 6 && (!literal(service) || service === 'ssm')
        && (!literal(region) || region !== '') && (!literal(account) || account !== '')
        && (!literal(resource) || resource.startsWith('parameter/'));
      v.check(wellFormed, () =>
        problem(prop, parameterName, 'an SSM parameter ARN arn:<partition>:ssm:<region>:<account>:parameter/<name>',
          service === 'secretsmanager' ? `To read a Secrets Manager secret, use '${SECRETS_MANAGER_REFERENCE}<secret-name>'.` : undefined));
      v.check(!literal(account) || !literal(stack.account) || account === stack.account, () =>
        problem(prop, parameterName, `a parameter of this stack's account ${stack.account}`,
          'ECS reads secrets across Regions but not across accounts: copy the parameter into this account.'));
      if (!wellFormed) {
        return { ...base, parameter: parameterName, parameterArn: parameterName, region: stack.region };
      }
      const name = resource.slice('parameter'.length);
      if (!Token.isUnresolved(name)) {
        this.checkName(v, prop, name, parameterName, partition, region);
      }
      return {
        ...base,
        parameter: parameterName,
        parameterArn: parameterName,
        secretArnPattern: this.secretArnPattern(name, partition, region, account),
        region,
      };
    }

    if (form === ReferenceForm.RELATIVE) {
      v.check(this.pathPrefix !== undefined, () =>
        problem(prop, parameterName, `an absolute name ('/${parameterName}'), a full parameter ARN or a name relative to pathPrefix`,
          `Write '/${parameterName}', or set pathPrefix (e.g. '/shop/prod') to join it to.`));
    }
    const full = form === ReferenceForm.RELATIVE && this.pathPrefix !== undefined
      ? `${this.pathPrefix.replace(/\/+$/, '')}/${parameterName}`
      : parameterName;
    if (!Token.isUnresolved(full) && full.startsWith('/')) {
      this.checkName(v, prop, full, parameterName, undefined, stack.region);
    }
    return {
      ...base,
      parameter: full,
      // `full` is absolute, so the ARN is `...:parameter` + `/a/b` (one slash, never `parameter//a/b`).
      parameterArn: `${stack.formatArn({ service: 'ssm', resource: 'parameter' })}${full}`,
      secretArnPattern: this.secretArnPattern(full),
      region: stack.region,
    };
  }

  /**
   * SSM's rules for a full (absolute, resolved) name; `written` is what the app
   * wrote, shown in the messages.
   */
  private checkName(v: PropsValidator, prop: string, full: string, written: string, partition?: string, region?: string): void {
    if (full.startsWith(SECRETS_MANAGER_REFERENCE) || `${full}/` === SECRETS_MANAGER_REFERENCE) {
      const secretName = full.slice(SECRETS_MANAGER_REFERENCE.length);
      v.check(SECRET_NAME.test(secretName), () =>
        problem(prop, written, `'${SECRETS_MANAGER_REFERENCE}<secret-name>' with a secret name of 1 to 512 letters, digits and / _ + = . @ -`));
      return;
    }
    v.check(PARAMETER_NAME.test(full) && !full.includes('//') && !full.endsWith('/'), () =>
      problem(prop, written, 'an SSM name of letters, digits and _ . - / (no spaces, no empty levels, no trailing /)'));
    const knownRegion = region !== undefined && !Token.isUnresolved(region) ? region : undefined;
    const knownPartition = partition !== undefined && !Token.isUnresolved(partition) ? partition
      : (knownRegion && RegionInfo.get(knownRegion).partition) || 'aws';
    const arnLength = `arn:${knownPartition}:ssm:${knownRegion ?? UNKNOWN_REGION}:123456789012:parameter`.length + full.length;
    v.check(arnLength <= MAX_PARAMETER_ARN_LENGTH, () =>
      problem(prop, `${full.slice(0, 40)}... (${full.length} characters)`,
        `a name of at most ${MAX_PARAMETER_ARN_LENGTH - arnLength + full.length} characters (SSM allows ${MAX_PARAMETER_ARN_LENGTH} including the ARN)`,
        'Shorten the path.'));
    const levels = full.split('/').filter(Boolean).length;
    v.check(levels <= MAX_HIERARCHY_LEVELS, () =>
      problem(prop, full, `at most ${MAX_HIERARCHY_LEVELS} hierarchy levels (an SSM limit), not ${levels}`, 'Flatten the path.'));
    v.check(!RESERVED_PREFIX.test(full), () =>
      problem(prop, full, "a name that does not start with 'aws' or 'ssm' (reserved by SSM)",
        `To read a Secrets Manager secret, use '${SECRETS_MANAGER_REFERENCE}<secret-name>'.`));
  }

  /** `arn:<partition>:secretsmanager:<region>:<account>:secret:<name>-??????` for a Secrets Manager reference, else undefined. */
  private secretArnPattern(name: string, partition?: string, region?: string, account?: string): string | undefined {
    if (Token.isUnresolved(name) || !name.startsWith(SECRETS_MANAGER_REFERENCE)) {
      return undefined;
    }
    // Secrets Manager appends a hyphen and six random characters to the name in the ARN.
    return Stack.of(this).formatArn({
      service: 'secretsmanager',
      resource: 'secret',
      resourceName: `${name.slice(SECRETS_MANAGER_REFERENCE.length)}-??????`,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
      partition,
      region,
      account,
    });
  }
}

/** True for a string without unresolved tokens. */
function literal(s: string | undefined): boolean {
  return s !== undefined && !Token.isUnresolved(s);
}

/** True when `s` starts with an unresolved token (its first characters belong to a token). */
function startsWithToken(s: string): boolean {
  if (!Token.isUnresolved(s)) {
    return false;
  }
  const firstToken = /\$\{Token\[[^\]]+\]\}/.exec(s);
  return firstToken?.index === 0;
}
