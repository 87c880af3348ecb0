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

project.synth();
