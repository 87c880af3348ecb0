/**
 * `npm run example`: synthesizes the example shop in every profile and prints
 * the stacks, their resource counts and where the artifacts are.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import { buildShopApp } from './shop';

const outdir = path.resolve(process.env.CDK_OUTDIR ?? path.join(__dirname, 'cdk.out'));
const app = new App({ outdir });
buildShopApp(app);
const assembly = app.synth();

console.log(`Synthesized the example shop into ${outdir}\n`);
for (const stack of assembly.stacks) {
  const resources = Object.keys(stack.template.Resources ?? {}).length;
  console.log(`  ${stack.stackName.padEnd(20)} ${String(resources).padStart(4)} resources   ${path.join(outdir, stack.templateFile)}`);
  for (const m of stack.messages.filter((msg) => msg.level !== 'info')) {
    console.log(`    ${m.level}: ${m.id}: ${String(m.entry.data).split('\n')[0]}`);
  }
}
const artifacts = fs.readdirSync(outdir).filter((f) => /\.(docker-compose\.yml|topology\.md|secrets\.env)$/.test(f)).sort();
console.log('\nArtifacts:');
for (const file of artifacts) {
  console.log(`  ${path.join(outdir, file)}`);
}
