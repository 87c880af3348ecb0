import { Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * The library's one error format:
 *
 *   [cdk-microservices] invalid <Construct> at '<path>':
 *     - <prop>: <value> is not allowed: <what is allowed>. <how to fix>
 *
 * Props are checked when the construct is created (`PropsValidator`);
 * cross-construct rules (duplicate routes, serviceName uniqueness...) run in
 * `node.addValidation` and use `problem` for the same wording.
 * Values that are CDK tokens are never judged by their content.
 */
export class PropsValidator {
  private readonly problems: string[] = [];

  public constructor(private readonly scope: IConstruct, private readonly kind: string) {}

  /** Records the message `describe` returns unless `ok` (lazy: messages are built only for failures). */
  public check(ok: boolean, describe: () => string): this {
    if (!ok) {
      this.problems.push(describe());
    }
    return this;
  }

  /** An integer in [min, max]. Tokens and undefined pass. */
  public integerInRange(prop: string, value: number | undefined, min: number, max: number, fix?: string): this {
    if (value === undefined || Token.isUnresolved(value)) {
      return this;
    }
    return this.check(Number.isInteger(value) && value >= min && value <= max, () =>
      problem(prop, value, `an integer from ${min} to ${max}`, fix));
  }

  /** A number in [min, max]. Tokens and undefined pass. */
  public numberInRange(prop: string, value: number | undefined, min: number, max: number, fix?: string): this {
    if (value === undefined || Token.isUnresolved(value)) {
      return this;
    }
    return this.check(Number.isFinite(value) && value >= min && value <= max, () =>
      problem(prop, value, `a number from ${min} to ${max}`, fix));
  }

  /** A string matching `pattern`. Tokens and undefined pass. */
  public matches(prop: string, value: string | undefined, pattern: RegExp, allowed: string, fix?: string): this {
    if (value === undefined || Token.isUnresolved(value)) {
      return this;
    }
    return this.check(pattern.test(value), () => problem(prop, value, allowed, fix));
  }

  /** Throws one error listing every problem found, or does nothing. */
  public throwIfInvalid(): void {
    if (this.problems.length > 0) {
      throw new MicroservicesValidationError(this.kind, this.scope.node.path, this.problems);
    }
  }
}

/**
 * Thrown for invalid props. Internal: users see it through its message.
 */
export class MicroservicesValidationError extends Error {
  public constructor(kind: string, path: string, problems: readonly string[]) {
    super(`[cdk-microservices] invalid ${kind} at '${path}':\n  - ${problems.join('\n  - ')}`);
    this.name = 'MicroservicesValidationError';
  }
}

/** `<prop>: <value> is not allowed: expected <allowed>. <fix>` */
export function problem(prop: string, value: unknown, allowed: string, fix?: string): string {
  return `${prop}: ${show(value)} is not allowed: expected ${allowed}.${fix ? ` ${fix}` : ''}`;
}

/** Renders a value for a message: strings quoted, arrays and objects as JSON. */
export function show(value: unknown): string {
  if (typeof value === 'string') {
    return `'${value}'`;
  }
  if (typeof value === 'number' || typeof value === 'boolean' || value === undefined) {
    return String(value);
  }
  return JSON.stringify(value);
}

/** True when a value (or any string in a list) is a CDK token. */
export function isToken(value: unknown): boolean {
  if (Array.isArray(value)) {
    return value.some(isToken);
  }
  return Token.isUnresolved(value);
}
