import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

const COMPILER_OPTIONS: ts.CompilerOptions = {
  module: ts.ModuleKind.CommonJS,
  target: ts.ScriptTarget.ES2022,
  esModuleInterop: true,
};

/**
 * Transpiles every `.ts` file under `dirs` (relative to `root`) into `outDir`,
 * keeping the layout, so the synth children run plain JavaScript and neither
 * side's synth time includes TypeScript compilation. No type check: that is
 * `tsc --noEmit -p tsconfig.dev.json`'s job.
 */
export function transpileTree(root: string, dirs: readonly string[], outDir: string): void {
  for (const dir of dirs) {
    for (const file of listTypeScript(path.join(root, dir))) {
      const output = ts.transpileModule(fs.readFileSync(file, 'utf8'), { compilerOptions: COMPILER_OPTIONS, fileName: file });
      const target = path.join(outDir, path.relative(root, file)).replace(/\.ts$/, '.js');
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, output.outputText);
    }
  }
}

function listTypeScript(dir: string): string[] {
  if (!fs.existsSync(dir)) {
    return [];
  }
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      return listTypeScript(file);
    }
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [file] : [];
  });
}
