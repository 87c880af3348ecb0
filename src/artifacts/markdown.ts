/**
 * Small helpers to write GitHub-flavoured Markdown and Mermaid safely.
 */

/** Inline code that survives any content (backticks, pipes in tables, newlines). */
export function code(value: string): string {
  const flat = value.replace(/[\r\n]+/g, ' ').replace(/\|/g, '\\|');
  const longestRun = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') || flat === '' ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** Plain text with Markdown and HTML special characters escaped, on one line. */
export function text(value: string): string {
  return value
    .replace(/[\r\n]+/g, ' ')
    .replace(/[\\`*_[\]|]/g, (ch) => `\\${ch}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/** A table; cells are written as given (escape them with `code` or `text`). */
export function table(headers: string[], rows: string[][]): string[] {
  return [
    `| ${headers.join(' | ')} |`,
    `|${headers.map(() => '---').join('|')}|`,
    ...rows.map((row) => `| ${row.map((cell) => (cell === '' ? ' ' : cell)).join(' | ')} |`),
  ];
}

/** A two-column key/value table. */
export function facts(rows: Array<[string, string]>): string[] {
  return table(['', ''], rows.map(([k, v]) => [`**${k}**`, v]));
}

/** Several values in one table cell. */
export function cellList(values: string[], empty = '–'): string {
  return values.length === 0 ? empty : values.join('<br>');
}

/** GitHub's anchor for a heading text (`### \`orders\`` → `orders`). */
export function anchor(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .trim()
    .replace(/\s/g, '-');
}

/** Text inside a quoted Mermaid label. */
export function mermaidText(value: string): string {
  return value
    .replace(/[\r\n]+/g, ' ')
    .replace(/#/g, '#35;')
    .replace(/"/g, '#quot;')
    .replace(/</g, '#lt;')
    .replace(/>/g, '#gt;');
}

/** A Mermaid node id made of letters, digits and `_`. */
export function mermaidId(prefix: string, name: string): string {
  return `${prefix}_${name.replace(/[^A-Za-z0-9]/g, '_')}`;
}
