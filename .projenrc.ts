import { awscdk, javascript } from 'projen';

const project = new awscdk.AwsCdkConstructLibrary({
  name: 'cdk-microservices',
  description:
    'Production-grade microservices on ECS Fargate in a few lines per service: one shared ALB, Service Connect discovery, SSM secrets with exact IAM, generated docker-compose and topology reports.',
  author: 'cdk-microservices contributors',
  authorAddress: 'maintainers@cdk-microservices.dev',
  license: 'Apache-2.0',
  repositoryUrl: 'https://github.com/cdk-microservices/cdk-microservices.git',
  defaultReleaseBranch: 'main',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,
  keywords: ['cdk', 'aws-cdk', 'ecs', 'fargate', 'microservices', 'service-connect', 'cloud-map', 'alb'],

  // Versions (see DEVELOPERS.md): 2.257.0 is the newest aws-cdk-lib whose
  // cloud assembly schema the integ-runner 2.197.x reads.
  cdkVersion: '2.257.0',
  constructsVersion: '10.5.1',
  jsiiVersion: '~6.0.0',

  devDeps: [
    'cdk-nag@^3.0.2',
    '@cdklabs/cdk-validator-cfnguard@^0.0.62',
    '@aws-cdk/integ-tests-alpha@2.245.0-alpha.0',
    '@aws-cdk/integ-runner@~2.197.10',
    'ts-node',
  ],

  // jsii targets: API.md and the package metadata are right from the start.
  publishToPypi: {
    distName: 'cdk-microservices',
    module: 'cdk_microservices',
  },
  publishToMaven: {
    javaPackage: 'io.github.cdkmicroservices',
    mavenGroupId: 'io.github.cdk-microservices',
    mavenArtifactId: 'cdk-microservices',
  },
  publishToGo: {
    moduleName: 'github.com/cdk-microservices/cdk-microservices-go',
  },

  // integ tests are run by @aws-cdk/integ-runner (integ/), not projen's own harness.
  integrationTestAutoDiscover: false,

  tsconfigDevFile: 'tsconfig.dev.json',
  tsconfigDev: {
    include: [
      'src/**/*.ts',
      'test/**/*.ts',
      'integ/**/*.ts',
      'examples/**/*.ts',
      'bench/**/*.ts',
      '.projenrc.ts',
      'projenrc/**/*.ts',
    ],
    exclude: ['node_modules', '**/cdk.out/**', '**/*.snapshot/**'],
    compilerOptions: {},
  },
  eslintOptions: {
    // One project for every linted file (src, tests, examples, integ, bench).
    projectService: false,
    tsconfigPath: './tsconfig.dev.json',
    dirs: ['src'],
    devdirs: ['test', 'integ', 'examples', 'bench', 'projenrc'],
  },
  jestOptions: {
    // Snapshots are verified, never silently rewritten (CI must catch drift).
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    jestConfig: {
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      testTimeout: 120_000,
    },
  },

  gitignore: ['cdk.out', '.bench-out', '*.tmp.ts'],
  npmignoreEnabled: true,
});

// The main job: synthesize the example shop and print stacks, resource counts and artifacts.
project.addTask('example', {
  description: 'Synthesize the example shop app (examples/) and print its stacks, resource counts and artifacts',
  exec: 'ts-node -P tsconfig.dev.json --transpile-only examples/main.ts',
  receiveArgs: true,
});

// Benchmark against aws-ecs-patterns (writes bench/RESULTS.md and bench/synth-time.svg).
project.addTask('bench', {
  description: 'Benchmark this library against idiomatic aws-ecs-patterns code (writes bench/RESULTS.md)',
  exec: 'ts-node -P tsconfig.dev.json --transpile-only bench/run.ts',
  receiveArgs: true,
});

// Type-check everything that is not compiled by jsii (tests, examples, integ, bench).
project.testTask.prependExec('tsc --noEmit -p tsconfig.dev.json');

// ---------------------------------------------------------------------------
// Integration tests (integ/integ.*.ts, run by @aws-cdk/integ-runner) and package tests (test/package/).
//   integ:<name>:assert    verify the committed snapshot, offline (CI runs integ:assert-all)
//   integ:<name>:snapshot  RE-RECORD the snapshot from the current src, offline (no deployment)
//   integ:<name>:deploy    deploy to the account of your AWS credentials, run the assertions,
//                          destroy, and record the snapshot
// ---------------------------------------------------------------------------
const integRunner = 'integ-runner --directory integ --language typescript --app "ts-node -P tsconfig.dev.json --transpile-only {filePath}"';
const integDeploy = `${integRunner} --update-on-failed --force --verbose --parallel-regions "\${AWS_REGION:-\${AWS_DEFAULT_REGION:-us-east-1}}"`;
const integTests: Record<string, { readonly description: string; readonly requiredEnv?: string[] }> = {
  shop: { description: 'the DEVELOPMENT shop: public + internal service, Service Connect, Cloud Map, an SSM SecureString' },
  https: {
    description: 'HTTPS on a domain of a public hosted zone',
    requiredEnv: ['CDK_INTEG_HOSTED_ZONE_ID', 'CDK_INTEG_HOSTED_ZONE_NAME'],
  },
};
for (const [name, test] of Object.entries(integTests)) {
  const file = `integ.${name}.ts`;
  project.addTask(`integ:${name}:assert`, {
    description: `Verify the committed snapshot of integ/${file} (${test.description}); offline`,
    exec: `${integRunner} --strict ${file}`,
  });
  project.addTask(`integ:${name}:snapshot`, {
    description: `Re-record the snapshot of integ/${file} from the current src; offline, deploys nothing`,
    exec: `${integRunner} --strict --update-on-failed --dry-run ${file}`,
  });
  project.addTask(`integ:${name}:deploy`, {
    description: `Deploy integ/${file} to the AWS account of your credentials, run its assertions, destroy it, record the snapshot`,
    exec: `${integDeploy} --strict ${file}`,
    requiredEnv: test.requiredEnv,
  });
}
project.addTask('integ:assert-all', {
  description: 'Verify every committed integ snapshot; offline (CI)',
  exec: integRunner,
});
project.addTask('integ:snapshot-all', {
  description: 'Re-record every integ snapshot that differs from the current src; offline, deploys nothing',
  exec: `${integRunner} --update-on-failed --dry-run`,
});
const deployAll = project.addTask('integ:deploy-all', {
  description: 'Deploy and assert every integ test in your AWS account (integ.https.ts only when CDK_INTEG_HOSTED_ZONE_ID is set)',
});
deployAll.spawn(project.tasks.tryFind('integ:shop:deploy')!);
deployAll.spawn(project.tasks.tryFind('integ:https:deploy')!, { condition: 'test -n "$CDK_INTEG_HOSTED_ZONE_ID"' });
deployAll.say('integ.https.ts skipped: set CDK_INTEG_HOSTED_ZONE_ID and CDK_INTEG_HOSTED_ZONE_NAME to run it',
  { condition: 'test -z "$CDK_INTEG_HOSTED_ZONE_ID"' });

project.addTask('test:package', {
  description: 'npm pack, install the tarball into fresh consumer apps (pinned and newest aws-cdk-lib 2.x), compile and synthesize them',
  exec: 'bash test/package/consumer-test.sh',
});
project.addTask('test:jsii', {
  description: 'Build the Python, Java and Go packages this machine has toolchains for, and synthesize a Python app from the wheel',
  exec: 'bash test/package/jsii-smoke.sh',
});

// Snapshots keep templates and manifests; the assertion Lambda bundles (2 MB each) are re-created by every synth.
project.gitignore.exclude('/integ/*.snapshot/asset.*', '/integ/cdk-integ.out.*');
// Snapshots are synthesized output: collapsed in GitHub diffs.
project.gitattributes.addAttributes('/integ/*.snapshot/**', 'linguist-generated');
// The npm tarball holds lib/, .jsii and the docs only (test/package/consumer-test.sh checks it).
project.npmignore?.exclude('/integ/', '/examples/', '/bench/', '/.bench-out/', '/.ci/', 'cdk.out', '*.tmp.ts', '/rosetta/', '.jsii.tabl.json');
// Translate the API docs' @example snippets into Python, Java and Go (rosetta/default.ts-fixture declares
// what they use): pacmak reads the tablet that `jsii-rosetta extract` writes; without it they stay TypeScript.
for (const language of ['python', 'java', 'go']) {
  project.tasks.tryFind(`package:${language}`)?.prependExec('jsii-rosetta extract');
}
project.gitignore.exclude('.jsii.tabl.json');
// The consumer app compiles against the packed tarball in its own directory, not against src/.
project.tsconfigDev.addExclude('test/package/consumer-app/**');
project.eslint?.addIgnorePattern('test/package/consumer-app/');

project.synth();
