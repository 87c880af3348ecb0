/**
 * A tiny, deterministic YAML emitter for the generated Compose file.
 *
 * Block style for maps and lists, flow style for lists of scalars; every string
 * is double-quoted with YAML escapes, so no value can turn into a number, a
 * boolean, a null, an anchor or a comment (YAML 1.1 as read by PyYAML, which
 * `docker-compose` 1.x uses, and YAML 1.2). Keys keep the insertion order of
 * the object: callers decide the order. `undefined` entries are left out.
 */

/** A value the emitter can write. */
export type YamlValue = string | number | boolean | YamlValue[] | YamlMap;

/** A mapping; `undefined` values are omitted. */
export interface YamlMap {
  readonly [key: string]: YamlValue | undefined;
}

/** Renders `value` (normally a map) as a YAML document without the `---` marker. */
export function toYaml(value: YamlMap): string {
  const lines = mapLines(value, 0);
  return lines.length === 0 ? '{}\n' : `${lines.join('\n')}\n`;
}

/** Double-quoted YAML scalar, with every non-printable or non-ASCII character escaped. */
export function quoteYamlString(s: string): string {
  let out = '"';
  for (const ch of s) {
    out += escapeChar(ch);
  }
  return `${out}"`;
}

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
/** Plain scalars YAML 1.1 reads as booleans or null. */
const RESERVED_WORDS = new Set(['y', 'yes', 'n', 'no', 'true', 'false', 'on', 'off', 'null']);

function yamlKey(key: string): string {
  return PLAIN_KEY.test(key) && !RESERVED_WORDS.has(key.toLowerCase()) ? key : quoteYamlString(key);
}

function scalar(value: string | number | boolean): string {
  if (typeof value === 'string') return quoteYamlString(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`cannot write the non-finite number ${value} to YAML`);
    return String(value);
  }
  return value ? 'true' : 'false';
}

function isScalar(value: YamlValue): value is string | number | boolean {
  return typeof value !== 'object';
}

function mapLines(map: YamlMap, indent: number): string[] {
  const pad = ' '.repeat(indent);
  const lines: string[] = [];
  for (const [key, value] of Object.entries(map)) {
    if (value === undefined) continue;
    lines.push(...entryLines(`${pad}${yamlKey(key)}:`, value, indent));
  }
  return lines;
}

function entryLines(prefix: string, value: YamlValue, indent: number): string[] {
  if (isScalar(value)) return [`${prefix} ${scalar(value)}`];
  if (Array.isArray(value)) {
    if (value.length === 0) return [`${prefix} []`];
    if (value.every(isScalar)) return [`${prefix} [${value.map((v) => scalar(v as string | number | boolean)).join(', ')}]`];
    return [prefix, ...listLines(value, indent + 2)];
  }
  const nested = mapLines(value as YamlMap, indent + 2);
  return nested.length === 0 ? [`${prefix} {}`] : [prefix, ...nested];
}

function listLines(list: YamlValue[], indent: number): string[] {
  const pad = ' '.repeat(indent);
  const lines: string[] = [];
  for (const item of list) {
    if (isScalar(item)) {
      lines.push(`${pad}- ${scalar(item)}`);
    } else if (Array.isArray(item)) {
      lines.push(...entryLines(`${pad}-`, item, indent));
    } else {
      // first key on the dash line, the rest aligned under it
      const nested = mapLines(item, indent + 2);
      if (nested.length === 0) {
        lines.push(`${pad}- {}`);
      } else {
        lines.push(`${pad}- ${nested[0].trimStart()}`, ...nested.slice(1));
      }
    }
  }
  return lines;
}

const NAMED_ESCAPES: { readonly [ch: string]: string } = {
  '"': '\\"',
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

function escapeChar(ch: string): string {
  const named = NAMED_ESCAPES[ch];
  if (named !== undefined) return named;
  const code = ch.codePointAt(0) ?? 0;
  if (code >= 0x20 && code <= 0x7e) return ch;
  if (code <= 0xffff) return `\\u${code.toString(16).padStart(4, '0')}`;
  return `\\U${code.toString(16).padStart(8, '0')}`;
}
