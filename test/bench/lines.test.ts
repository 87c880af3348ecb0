import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { countCodeLines, serviceSpecificLines } from '../../bench/harness/lines';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-lines-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function file(name: string, source: string): string {
  const target = path.join(dir, name);
  fs.writeFileSync(target, source);
  return target;
}

test('code lines leave out blank lines, line and block comments, but count code after a comment marker inside a string', () => {
  const source = [
    '// a comment',
    '/**',
    ' * JSDoc',
    ' */',
    '',
    "const url = 'http://orders:8080';",
    'const x = 1; // trailing comment',
    '/* block */ const y = 2;',
  ].join('\n');

  expect(countCodeLines(file('comments.ts', source))).toBe(3);
});

test('a statement both files have identically is shared and counts for neither', () => {
  const library = file('same-a.ts', "import { App } from 'aws-cdk-lib';\nconst app = new App();\nnew Thing(app);\napp.synth();\n");
  const other = file('same-b.ts', "import { App } from 'aws-cdk-lib';\nconst app = new App();\nnew Other(app, {\n  a: 1,\n});\napp.synth();\n");

  const pair = serviceSpecificLines(library, other);

  expect(pair).toMatchObject({ library: 1, ecsPatterns: 3 });
  expect(pair.shared).toHaveLength(3);
});

test('an import whose every binding the other file imports too is shared; the wider import counts for its file', () => {
  const library = file('imports-a.ts', "import { App, Stack } from 'aws-cdk-lib';\nnew Stack(new App(), 'S');\n");
  const other = file('imports-b.ts', "import { App, Duration, Stack } from 'aws-cdk-lib';\nnew Stack(new App(), 'S');\nDuration.days(1);\n");

  const pair = serviceSpecificLines(library, other);

  expect(pair).toMatchObject({ library: 0, ecsPatterns: 2 });
});

test('imports match by module and local name: the same name from another module, or under another alias, is not shared', () => {
  const library = file('alias-a.ts', "import * as ecs from 'aws-cdk-lib/aws-ecs';\nimport { Stack } from './src';\n");
  const other = file('alias-b.ts', "import * as containers from 'aws-cdk-lib/aws-ecs';\nimport { Stack } from 'aws-cdk-lib';\n");

  expect(serviceSpecificLines(library, other)).toMatchObject({ library: 2, ecsPatterns: 2, shared: [] });
});
