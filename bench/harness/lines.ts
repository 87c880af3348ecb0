import * as fs from 'node:fs';
import * as ts from 'typescript';

/** One top-level statement of a file: its tokens as text and the lines they touch. */
interface Statement {
  /** The statement's tokens joined by single spaces: comments and layout do not matter. */
  readonly text: string;
  readonly lines: ReadonlySet<number>;
  /** For an import declaration, what it binds: `module#name as local` per binding. */
  readonly imports?: readonly string[];
}

/**
 * Top-level statements of a TypeScript file with the lines their tokens touch.
 * Blank lines and comments (line, block, JSDoc) touch no line, and `//` inside
 * a string does not hide code.
 */
function statementsOf(file: string): Statement[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  return source.statements.map(statement => {
    const tokens: string[] = [];
    const lines = new Set<number>();
    const visit = (node: ts.Node): void => {
      if (ts.isJSDoc(node)) {
        return;
      }
      const children = node.getChildren(source);
      if (children.length > 0) {
        children.forEach(visit);
        return;
      }
      tokens.push(node.getText(source));
      const first = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const last = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      for (let line = first; line <= last; line++) {
        lines.add(line);
      }
    };
    visit(statement);
    return { text: tokens.join(' '), lines, imports: ts.isImportDeclaration(statement) ? importBindings(statement) : undefined };
  });
}

/** `module#name as local` for each binding of an import declaration (`*` for a namespace import). */
function importBindings(declaration: ts.ImportDeclaration): string[] {
  const module = (declaration.moduleSpecifier as ts.StringLiteral).text;
  const clause = declaration.importClause;
  const bindings: string[] = [];
  if (clause?.name) {
    bindings.push(`${module}#default as ${clause.name.text}`);
  }
  const named = clause?.namedBindings;
  if (named && ts.isNamespaceImport(named)) {
    bindings.push(`${module}#* as ${named.name.text}`);
  } else if (named) {
    for (const element of named.elements) {
      bindings.push(`${module}#${(element.propertyName ?? element.name).text} as ${element.name.text}`);
    }
  }
  return bindings;
}

function lineCount(statements: readonly Statement[]): number {
  return new Set(statements.flatMap(s => [...s.lines])).size;
}

/** Lines of a TypeScript file that hold code: every line a token touches (blank and comment lines excluded). */
export function countCodeLines(file: string): number {
  return lineCount(statementsOf(file));
}

/** Line counts of two apps that do the same thing, without the boilerplate both have identically. */
export interface LinePair {
  readonly library: number;
  readonly ecsPatterns: number;
  /** Top-level statements both files have identically (imports, App, Stack, `app.synth()`...). */
  readonly shared: readonly string[];
}

/**
 * Code lines of each file without the top-level statements both files have
 * identically — the shared boilerplate: `new App()`, `new Stack(...)`,
 * `app.synth()` and the like — and without the imports whose every binding the
 * other file imports too (`import { App, Stack }` against `import { App,
 * Duration, Stack }`: the first is shared, the second counts for its file,
 * which alone needs `Duration`). What remains is what the service itself
 * takes, the imports only one side needs included.
 */
export function serviceSpecificLines(libraryFile: string, ecsPatternsFile: string): LinePair {
  const library = statementsOf(libraryFile);
  const ecsPatterns = statementsOf(ecsPatternsFile);
  const isShared = (statement: Statement, other: readonly Statement[]): boolean => {
    if (statement.imports) {
      const imported = new Set(other.flatMap(o => o.imports ?? []));
      return statement.imports.every(binding => imported.has(binding));
    }
    return other.some(o => o.text === statement.text);
  };
  return {
    library: lineCount(library.filter(s => !isShared(s, ecsPatterns))),
    ecsPatterns: lineCount(ecsPatterns.filter(s => !isShared(s, library))),
    shared: library.filter(s => isShared(s, ecsPatterns)).map(s => s.text),
  };
}
