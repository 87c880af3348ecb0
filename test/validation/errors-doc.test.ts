import * as fs from 'fs';
import * as path from 'path';
import { SECTION_HEADER, renderErrorsTable } from './errors-doc';

const README = path.join(__dirname, '..', '..', 'README.md');

/** The table lines of the README section (up to the next `## ` heading), or undefined without the section. */
function readmeTable(): string[] | undefined {
  const lines = fs.readFileSync(README, 'utf8').split('\n');
  const start = lines.indexOf(SECTION_HEADER);
  if (start === -1) {
    return undefined;
  }
  const end = lines.findIndex((line, i) => i > start && line.startsWith('## '));
  return lines.slice(start + 1, end === -1 ? undefined : end).filter((line) => line.startsWith('|'));
}

// Without the section, readmeTable() is undefined and the test fails: render the table with
// `npx ts-node -P tsconfig.dev.json --transpile-only test/validation/errors-doc.ts` and paste it into README.md.
test(`README "${SECTION_HEADER}" lists every catalogued error with its current message`, () => {
  expect(readmeTable()).toEqual(renderErrorsTable());
});
