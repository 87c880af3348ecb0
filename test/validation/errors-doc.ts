/**
 * Renders the README section "Errors you may see" from the catalogue of
 * invalid inputs: each row is built and its real message quoted.
 *
 *   npx ts-node -P tsconfig.dev.json --transpile-only test/validation/errors-doc.ts [out.md]
 *
 * errors-doc.test.ts checks that README.md's table equals the rendered one.
 */
import * as fs from 'fs';
import { CONSTRUCTS, INVALID_INPUTS, InvalidInput, errorOf } from './catalogue';

export const SECTION_HEADER = '## Errors you may see';

/** The problem line of `row`'s message, without the construct path (it is the same for every user). */
export function problemOf(row: InvalidInput): string {
  const error = errorOf(row);
  if (!error) {
    throw new Error(`catalogue row '${row.construct}: ${row.rule}' raised no error`);
  }
  const [prop, value] = row.expect;
  const lines = error.when === 'create'
    ? error.message.split('\n').filter((l) => l.startsWith('  - ')).map((l) => l.slice(4))
    : error.message.split('\n').map((l) => l.trim()).filter((l) => l.startsWith(`[${row.path}] `)).map((l) => l.slice(row.path.length + 3));
  return lines.find((l) => l.includes(prop) && l.includes(value)) ?? lines[0];
}

/** The table: one row per rule, grouped by construct. */
export function renderErrorsTable(): string[] {
  // Markdown: rules are text (escape what GitHub would read as HTML or emphasis), messages are code spans.
  const text = (s: string) => s.replace(/[\\`*_<>|[\]]/g, (c) => `\\${c}`);
  const code = (s: string) => `\`${s.replace(/(.)\1{19,}/g, '$1$1$1…').replace(/\|/g, '\\|').replace(/\n/g, ' ')}\``;
  const rows = [...INVALID_INPUTS].sort((a, b) => CONSTRUCTS.indexOf(a.construct) - CONSTRUCTS.indexOf(b.construct));
  return [
    '| Construct | Rule | Fails | Message (example) |',
    '|---|---|---|---|',
    ...rows.map((row) => `| \`${row.construct}\` | ${text(row.rule)} | ${row.when === 'create' ? 'when created' : 'at synth'} | ${code(problemOf(row))} |`),
  ];
}

/** The whole section, ready to paste into README.md. */
export function renderErrorsSection(): string {
  const example = INVALID_INPUTS.find((row) => row.construct === 'DiscoverableService' && row.expect[0] === 'port')!;
  return [
    SECTION_HEADER,
    '',
    'Every input that can be checked before deploying fails `cdk synth` with the construct path, the value, what is',
    'allowed and how to fix it. Props are checked when a construct is created, and every problem of that construct is',
    'listed at once:',
    '',
    '```text',
    errorOf(example)!.message,
    '```',
    '',
    'Rules that involve several constructs (unique service names, routes and priorities, secrets that were never',
    'added) are checked at synth and reported by CDK with the construct path in brackets. Values that are CDK tokens',
    '(known only at deploy time) are never rejected for their content.',
    '',
    ...renderErrorsTable(),
    '',
  ].join('\n');
}

if (require.main === module) {
  const section = renderErrorsSection();
  const out = process.argv[2];
  if (out) {
    fs.writeFileSync(out, section);
    console.log(`wrote ${out}`);
  } else {
    process.stdout.write(section);
  }
}
