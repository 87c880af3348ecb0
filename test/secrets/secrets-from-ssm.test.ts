import { CfnParameter, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import {
  ENV, StatementJson, actionsOf, containerSecrets, newCluster, newService, newStack, roleLogicalId,
  secretArnPattern, ssmArn, statementsOfRole,
} from './fixtures';
import { DiscoverableService, MicroserviceCluster, SecretsFromSsm } from '../../src';

/** The statements of the execution role of `service`. */
function executionStatements(stack: Stack, service: DiscoverableService): StatementJson[] {
  return statementsOfRole(Template.fromStack(stack), roleLogicalId(stack, service, 'ExecutionRoleArn'));
}

/** The statements of `service`'s execution role that are about secrets (not the log writes of awslogs). */
function secretStatements(stack: Stack, service: DiscoverableService): StatementJson[] {
  return executionStatements(stack, service).filter((s) => !actionsOf(s).every((a) => a.startsWith('logs:')));
}

/** The one execution-role statement with `action`. */
function statementWith(stack: Stack, service: DiscoverableService, action: string): StatementJson {
  const found = executionStatements(stack, service).filter((s) => actionsOf(s).includes(action));
  expect(found).toHaveLength(1);
  return found[0];
}

describe('SecretsFromSsm reference forms (synthesized)', () => {
  let stack: Stack;
  let cluster: MicroserviceCluster;
  beforeEach(() => {
    ({ stack, cluster } = newCluster());
  });

  /** Binds one parameter to a service and returns the service. */
  function bindOne(parameter: string, props: { pathPrefix?: string; encryptionKey?: kms.IKey } = {}): DiscoverableService {
    const secrets = new SecretsFromSsm(stack, 'Secrets', { ...props, parameters: { DB_PASSWORD: parameter } });
    return newService(stack, cluster, 'Orders', { secrets });
  }

  test('an absolute name becomes the parameter ARN with one slash after "parameter"', () => {
    const orders = bindOne('/shop/prod/orders/db-password');
    expect(containerSecrets(stack, orders)).toEqual([{ Name: 'DB_PASSWORD', ValueFrom: ssmArn('/shop/prod/orders/db-password') }]);
    expect(statementWith(stack, orders, 'ssm:GetParameters').Resource).toEqual(ssmArn('/shop/prod/orders/db-password'));
  });

  test('a relative name is joined to pathPrefix', () => {
    const orders = bindOne('db-password', { pathPrefix: '/shop/prod/orders' });
    expect(containerSecrets(stack, orders)).toEqual([{ Name: 'DB_PASSWORD', ValueFrom: ssmArn('/shop/prod/orders/db-password') }]);
  });

  test('a pathPrefix with a trailing slash makes no empty level', () => {
    const orders = bindOne('db-password', { pathPrefix: '/shop/prod/orders/' });
    expect(containerSecrets(stack, orders)).toEqual([{ Name: 'DB_PASSWORD', ValueFrom: ssmArn('/shop/prod/orders/db-password') }]);
  });

  test('a relative name may have levels of its own', () => {
    const orders = bindOne('orders/db-password', { pathPrefix: '/shop/prod' });
    expect(containerSecrets(stack, orders)).toEqual([{ Name: 'DB_PASSWORD', ValueFrom: ssmArn('/shop/prod/orders/db-password') }]);
  });

  test('an absolute name ignores pathPrefix', () => {
    const orders = bindOne('/shared/api-key', { pathPrefix: '/shop/prod' });
    expect(containerSecrets(stack, orders)).toEqual([{ Name: 'DB_PASSWORD', ValueFrom: ssmArn('/shared/api-key') }]);
  });

  test('no ARN ever has an empty level after "parameter"', () => {
    bindOne('db-password', { pathPrefix: '/shop/prod/' });
    const template = JSON.stringify(Template.fromStack(stack).toJSON());
    expect(template).toContain(':parameter/shop/prod/db-password');
    expect(template).not.toMatch(/parameter\/\//);
  });

  test('a parameter ARN of another Region is valueFrom and IAM resource as written', () => {
    const arn = 'arn:aws:ssm:us-east-1:123456789012:parameter/shop/prod/orders/db-password';
    const orders = bindOne(arn);
    expect(containerSecrets(stack, orders)).toEqual([{ Name: 'DB_PASSWORD', ValueFrom: arn }]);
    expect(statementWith(stack, orders, 'ssm:GetParameters').Resource).toEqual(arn);
  });

  test('a parameter ARN of another Region gets kms:ViaService of that Region', () => {
    const key = kms.Key.fromKeyArn(stack, 'UsKey', 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab');
    const orders = bindOne('arn:aws:ssm:us-east-1:123456789012:parameter/shop/db-password', { encryptionKey: key });
    expect(statementWith(stack, orders, 'kms:Decrypt')).toEqual({
      Action: 'kms:Decrypt',
      Effect: 'Allow',
      Resource: 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
      Condition: { StringEquals: { 'kms:ViaService': 'ssm.us-east-1.amazonaws.com' } },
    });
  });

  test('a Secrets Manager reference reads the reference parameter and the secret', () => {
    const orders = bindOne('/aws/reference/secretsmanager/shop/prod/stripe');
    expect(containerSecrets(stack, orders)).toEqual([
      { Name: 'DB_PASSWORD', ValueFrom: ssmArn('/aws/reference/secretsmanager/shop/prod/stripe') },
    ]);
    expect(secretStatements(stack, orders)).toEqual([
      { Action: 'ssm:GetParameters', Effect: 'Allow', Resource: ssmArn('/aws/reference/secretsmanager/shop/prod/stripe') },
      { Action: 'secretsmanager:GetSecretValue', Effect: 'Allow', Resource: secretArnPattern('shop/prod/stripe') },
    ]);
  });

  test('a Secrets Manager reference with a key lets KMS be used through SSM and Secrets Manager', () => {
    const key = new kms.Key(stack, 'Key');
    const orders = bindOne('/aws/reference/secretsmanager/stripe', { encryptionKey: key });
    expect(statementWith(stack, orders, 'kms:Decrypt').Condition).toEqual({
      StringEquals: { 'kms:ViaService': ['ssm.eu-west-1.amazonaws.com', 'secretsmanager.eu-west-1.amazonaws.com'] },
    });
  });

  test('pathPrefix /aws/reference/secretsmanager makes relative names secret references', () => {
    const orders = bindOne('stripe', { pathPrefix: '/aws/reference/secretsmanager' });
    expect(statementWith(stack, orders, 'secretsmanager:GetSecretValue').Resource).toEqual(secretArnPattern('stripe'));
  });

  test('a Secrets Manager reference through a parameter ARN of another Region names the secret there', () => {
    const orders = bindOne('arn:aws:ssm:us-east-1:123456789012:parameter/aws/reference/secretsmanager/stripe');
    expect(statementWith(stack, orders, 'secretsmanager:GetSecretValue').Resource)
      .toEqual('arn:aws:secretsmanager:us-east-1:123456789012:secret:stripe-??????');
  });
});

describe('SecretsFromSsm with tokens', () => {
  test('a parameter name from a CfnParameter is accepted and taken as an absolute name', () => {
    const stack = newStack();
    const name = new CfnParameter(stack, 'DbPasswordName').valueAsString;
    const secrets = new SecretsFromSsm(stack, 'Secrets', { pathPrefix: '/shop', parameters: { DB_PASSWORD: name } });
    expect(stack.resolve(secrets.parameterArns)).toEqual([
      { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:ssm:${ENV.region}:${ENV.account}:parameter`, { Ref: 'DbPasswordName' }]] },
    ]);
  });

  test('a token with a literal absolute start is accepted', () => {
    const stack = newStack();
    const stage = new CfnParameter(stack, 'Stage').valueAsString;
    const secrets = new SecretsFromSsm(stack, 'Secrets', { parameters: { DB_PASSWORD: `/shop/${stage}/db-password` } });
    expect(stack.resolve(secrets.parameterArns)).toEqual([
      { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:ssm:${ENV.region}:${ENV.account}:parameter/shop/`, { Ref: 'Stage' }, '/db-password']] },
    ]);
  });

  test('relative names are joined to a pathPrefix that is a token', () => {
    const stack = newStack();
    const prefix = new CfnParameter(stack, 'Prefix').valueAsString;
    const secrets = new SecretsFromSsm(stack, 'Secrets', { pathPrefix: prefix, parameters: { DB_PASSWORD: 'db-password' } });
    expect(stack.resolve(secrets.parameterArns)).toEqual([
      { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:ssm:${ENV.region}:${ENV.account}:parameter`, { Ref: 'Prefix' }, '/db-password']] },
    ]);
  });

  test('a parameter ARN built with tokens is accepted as written', () => {
    const stack = newStack({ env: false });
    const arn = stack.formatArn({ service: 'ssm', resource: 'parameter', resourceName: 'shop/db-password' });
    const secrets = new SecretsFromSsm(stack, 'Secrets', { parameters: { DB_PASSWORD: arn } });
    expect(secrets.parameterArns).toEqual([arn]);
  });

  test('an environment-agnostic stack gets ARNs and kms:ViaService of the deploy-time Region', () => {
    const { stack, cluster } = newCluster({ env: false });
    const key = new kms.Key(stack, 'Key');
    const secrets = new SecretsFromSsm(stack, 'Secrets', { encryptionKey: key, parameters: { DB_PASSWORD: '/shop/db-password' } });
    const orders = newService(stack, cluster, 'Orders', { secrets });
    expect(secretStatements(stack, orders)).toEqual([
      {
        Action: 'ssm:GetParameters',
        Effect: 'Allow',
        Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':ssm:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':parameter/shop/db-password']] },
      },
      {
        Action: 'kms:Decrypt',
        Effect: 'Allow',
        Resource: { 'Fn::GetAtt': [stack.getLogicalId(key.node.defaultChild as kms.CfnKey), 'Arn'] },
        Condition: { StringEquals: { 'kms:ViaService': { 'Fn::Join': ['', ['ssm.', { Ref: 'AWS::Region' }, '.amazonaws.com']] } } },
      },
    ]);
  });
});

describe('SecretsFromSsm environmentNames and parameterArns', () => {
  test('list the entries in the order they were added, including later ones', () => {
    const stack = newStack();
    const secrets = new SecretsFromSsm(stack, 'Secrets', { pathPrefix: '/shop', parameters: { B: 'b', A: '/x/a' } });
    secrets.addParameter('C', 'arn:aws:ssm:us-east-1:123456789012:parameter/c');
    expect(secrets.environmentNames).toEqual(['B', 'A', 'C']);
    expect(stack.resolve(secrets.parameterArns)).toEqual([ssmArn('/shop/b'), ssmArn('/x/a'), 'arn:aws:ssm:us-east-1:123456789012:parameter/c']);
  });

  test('are empty for a set without parameters', () => {
    const secrets = new SecretsFromSsm(newStack(), 'Secrets');
    expect(secrets.environmentNames).toEqual([]);
    expect(secrets.parameterArns).toEqual([]);
  });

  test('of a combined set hold the entries of every set, including later ones', () => {
    const stack = newStack();
    const a = new SecretsFromSsm(stack, 'A', { parameters: { A: '/a' } });
    const b = new SecretsFromSsm(stack, 'B', { parameters: { B: '/b' } });
    const both = SecretsFromSsm.combine(stack, 'Both', [a, b]);
    a.addParameter('A2', '/a2');
    expect(both.environmentNames).toEqual(['A', 'B', 'A2']);
    expect(stack.resolve(both.parameterArns)).toEqual([ssmArn('/a'), ssmArn('/b'), ssmArn('/a2')]);
  });
});

describe('SecretsFromSsm.grantRead', () => {
  test('grants ssm:GetParameter(s) on exactly the ARNs, and kms:Decrypt through SSM', () => {
    const stack = newStack();
    const key = new kms.Key(stack, 'Key');
    const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    const secrets = new SecretsFromSsm(stack, 'Secrets', { encryptionKey: key, parameters: { A: '/shop/a', B: '/shop/b' } });
    secrets.grantRead(role);
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: stack.getLogicalId(role.node.defaultChild as iam.CfnRole) }],
      PolicyDocument: {
        Statement: Match.exact([
          { Action: ['ssm:GetParameter', 'ssm:GetParameters'], Effect: 'Allow', Resource: [ssmArn('/shop/a'), ssmArn('/shop/b')] },
          {
            Action: 'kms:Decrypt',
            Effect: 'Allow',
            Resource: { 'Fn::GetAtt': [stack.getLogicalId(key.node.defaultChild as kms.CfnKey), 'Arn'] },
            Condition: { StringEquals: { 'kms:ViaService': 'ssm.eu-west-1.amazonaws.com' } },
          },
        ]),
      },
    });
  });

  test('covers parameters added after the grant', () => {
    const stack = newStack();
    const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    const secrets = new SecretsFromSsm(stack, 'Secrets', { parameters: { A: '/shop/a' } });
    secrets.grantRead(role);
    secrets.addParameter('B', '/shop/b');
    secrets.addParameter('C', '/aws/reference/secretsmanager/c');
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.exact([
          {
            Action: ['ssm:GetParameter', 'ssm:GetParameters'],
            Effect: 'Allow',
            Resource: [ssmArn('/shop/a'), ssmArn('/shop/b'), ssmArn('/aws/reference/secretsmanager/c')],
          },
          { Action: 'secretsmanager:GetSecretValue', Effect: 'Allow', Resource: secretArnPattern('c') },
        ]),
      },
    });
  });

  test('returns a successful Grant that holds the statements and orders dependents after the policy', () => {
    const stack = newStack();
    const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    const secrets = new SecretsFromSsm(stack, 'Secrets', { parameters: { A: '/shop/a' } });
    const grant = secrets.grantRead(role);
    expect(grant.success).toBe(true);
    expect(grant.principalStatements.map((s) => s.actions)).toEqual([['ssm:GetParameter', 'ssm:GetParameters']]);
    const dependent = new iam.Role(stack, 'Dependent', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    grant.applyBefore(dependent);
    Template.fromStack(stack).hasResource('AWS::IAM::Role', {
      DependsOn: Match.arrayWith([Match.stringLikeRegexp('^RoleDefaultPolicy')]),
    });
  });

  test('on an empty set returns an unsuccessful Grant and adds no statement until a parameter arrives', () => {
    const stack = newStack();
    const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    const secrets = new SecretsFromSsm(stack, 'Secrets');
    expect(secrets.grantRead(role).success).toBe(false);
    Template.fromStack(stack).resourceCountIs('AWS::IAM::Policy', 0);

    const later = newStack();
    const laterRole = new iam.Role(later, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    const laterSecrets = new SecretsFromSsm(later, 'Secrets');
    laterSecrets.grantRead(laterRole);
    laterSecrets.addParameter('A', '/shop/a');
    Template.fromStack(later).hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: later.getLogicalId(laterRole.node.defaultChild as iam.CfnRole) }],
      PolicyDocument: { Statement: Match.exact([{ Action: ['ssm:GetParameter', 'ssm:GetParameters'], Effect: 'Allow', Resource: ssmArn('/shop/a') }]) },
    });
  });
});

describe('SecretsFromSsm bad input', () => {
  let stack: Stack;
  beforeEach(() => {
    stack = newStack();
  });

  /** Creates a set with one parameter. */
  const create = (parameters: { [name: string]: string }, props: { pathPrefix?: string; encryptionKey?: kms.IKey } = {}) =>
    new SecretsFromSsm(stack, 'Secrets', { ...props, parameters });
  /** The resolved parameterArns of the set `create` made. */
  const createdArns = () => stack.resolve((stack.node.findChild('Secrets') as SecretsFromSsm).parameterArns);
  /** Matches the library's error for construct `Shop/Secrets` with every fragment in order. */
  const error = (...fragments: string[]) =>
    new RegExp(`^\\[cdk-microservices\\] invalid SecretsFromSsm at 'Shop/Secrets':[\\s\\S]*${fragments.map(escape).join('[\\s\\S]*')}`);

  test.each(['1BAD', 'MY-VAR', 'DB PASSWORD', ''])('rejects environment name %p', (name) => {
    expect(() => create({ [name]: '/shop/db' })).toThrow(error(`parameters.${name}: '${name}' is not allowed`, 'letters, digits and underscores'));
  });

  test('rejects a relative name without pathPrefix, and says how to fix it', () => {
    expect(() => create({ DB: 'db-password' })).toThrow(error("parameters.DB: 'db-password' is not allowed", "Write '/db-password', or set pathPrefix"));
  });

  test.each([
    ['a space', '/shop/db password'],
    ['a dollar sign', '/shop/db$password'],
    ['a colon', '/shop/db-password:1'],
    ['an empty level', '/shop//db-password'],
    ['a trailing slash', '/shop/db-password/'],
    ['a non-ASCII letter', '/shop/db-pässword'],
  ])('rejects a name with %s', (_, name) => {
    expect(() => create({ DB: name })).toThrow(error(`parameters.DB: '${name}' is not allowed`, 'letters, digits and _ . - /'));
  });

  test('rejects a relative name with invalid characters, showing it as written', () => {
    expect(() => create({ DB: 'db password' }, { pathPrefix: '/shop' })).toThrow(error("parameters.DB: 'db password' is not allowed"));
  });

  /** The longest name SSM allows in the test stack's Region and account: 1011 characters of ARN. */
  const maxNameLength = 1011 - `arn:aws:ssm:${ENV.region}:${ENV.account}:parameter`.length;

  test('accepts a name whose ARN is exactly 1011 characters, and rejects one more', () => {
    const longest = `/${'a'.repeat(maxNameLength - 1)}`;
    expect(() => create({ DB: longest })).not.toThrow();
    expect(createdArns()).toEqual([ssmArn(longest)]);
    expect(() => new SecretsFromSsm(stack, 'Secrets2', { parameters: { DB: `${longest}a` } })).toThrow(new RegExp(
      `invalid SecretsFromSsm at 'Shop/Secrets2'[\\s\\S]*parameters\\.DB: '/a{39}\\.\\.\\. \\(${maxNameLength + 1} characters\\)' is not allowed: `
      + `expected a name of at most ${maxNameLength} characters \\(SSM allows 1011 including the ARN\\)`));
  });

  test('measures the length limit on the name joined to pathPrefix', () => {
    // '/shop/' + name: one character over the limit only once joined.
    expect(() => create({ DB: 'a'.repeat(maxNameLength - '/shop/'.length + 1) }, { pathPrefix: '/shop' }))
      .toThrow(error('parameters.DB:', `at most ${maxNameLength} characters`));
  });

  test('accepts 15 hierarchy levels and rejects 16', () => {
    const levels = (n: number) => Array.from({ length: n }, (_, i) => `/l${i + 1}`).join('');
    expect(() => create({ DB: levels(15) })).not.toThrow();
    expect(createdArns()).toEqual([ssmArn(levels(15))]);
    expect(() => new SecretsFromSsm(stack, 'Secrets2', { parameters: { DB: levels(16) } }))
      .toThrow(/'Shop\/Secrets2'[\s\S]*parameters\.DB: '\/l1\/l2[^']*\/l16' is not allowed: expected at most 15 hierarchy levels/);
  });

  test.each(['/aws/config', '/ssm/config', '/AWSconfig', '/Ssm-config', '/aws/reference/other/x'])('rejects the reserved name %p', (name) => {
    expect(() => create({ DB: name })).toThrow(error(`parameters.DB: '${name}' is not allowed`, "not start with 'aws' or 'ssm'", '/aws/reference/secretsmanager/<secret-name>'));
  });

  test('accepts names that only contain aws or ssm further on', () => {
    expect(() => create({ DB: '/shop/aws/ssm-db' })).not.toThrow();
    expect(createdArns()).toEqual([ssmArn('/shop/aws/ssm-db')]);
  });

  test.each(['/aws/reference/secretsmanager/', '/aws/reference/secretsmanager', '/aws/reference/secretsmanager/a b'])(
    'rejects the Secrets Manager reference %p without a valid secret name', (name) => {
      expect(() => create({ DB: name })).toThrow(error(`parameters.DB: '${name}' is not allowed`, '<secret-name>'));
    });

  test('accepts the characters of Secrets Manager names in a reference', () => {
    expect(() => create({ DB: '/aws/reference/secretsmanager/prod/db+main=1@x.y_z-w' })).not.toThrow();
    expect(createdArns()).toEqual([ssmArn('/aws/reference/secretsmanager/prod/db+main=1@x.y_z-w')]);
  });

  test('rejects an addParameter with an environment name the set has', () => {
    const secrets = create({ DB: '/shop/db' });
    expect(() => secrets.addParameter('DB', '/shop/other'))
      .toThrow(error("parameters.DB: 'DB' is already defined (as '/shop/db')", 'pick another name'));
  });

  test('rejects a parameter ARN of another account, because ECS cannot read it', () => {
    const arn = 'arn:aws:ssm:eu-west-1:210987654321:parameter/shop/db';
    expect(() => create({ DB: arn })).toThrow(error(`parameters.DB: '${arn}' is not allowed`, 'account 123456789012', 'not across accounts'));
  });

  test.each([
    'arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf',
    'arn:aws:ssm:eu-west-1:123456789012:document/x',
    'arn:aws:ssm::123456789012:parameter/x',
    'arn:aws:ssm:eu-west-1:123456789012',
  ])('rejects %p, which is no SSM parameter ARN', (arn) => {
    expect(() => create({ DB: arn })).toThrow(error(`parameters.DB: '${arn}' is not allowed`, 'arn:<partition>:ssm:<region>:<account>:parameter/<name>'));
  });

  test('points a Secrets Manager ARN to the reference form', () => {
    expect(() => create({ DB: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf' }))
      .toThrow(error("use '/aws/reference/secretsmanager/<secret-name>'"));
  });

  test('checks the name inside a parameter ARN', () => {
    const arn = 'arn:aws:ssm:us-east-1:123456789012:parameter//shop/db';
    expect(() => create({ DB: arn })).toThrow(error(`parameters.DB: '${arn}' is not allowed`, 'no empty levels'));
  });

  test('rejects a parameter outside the Region of encryptionKey, because KMS keys are regional', () => {
    const key = new kms.Key(stack, 'Key');
    const arn = 'arn:aws:ssm:us-east-1:123456789012:parameter/shop/db';
    expect(() => create({ DB: arn }, { encryptionKey: key }))
      .toThrow(error(`parameters.DB: '${arn}' is not allowed: expected a parameter in the Region of encryptionKey (eu-west-1)`, 'own SecretsFromSsm'));
  });

  test.each([
    ['relative', 'shop/prod', "Start it with '/': '/shop/prod'"],
    ['with an empty level', '/shop//prod', 'Remove empty levels'],
    ['with a space', '/shop prod', 'Remove empty levels (//) and other characters'],
  ])('rejects a pathPrefix %s', (_, pathPrefix, fix) => {
    expect(() => create({}, { pathPrefix })).toThrow(error(`pathPrefix: '${pathPrefix}' is not allowed`, fix));
  });

  test('rejects a reserved pathPrefix', () => {
    expect(() => create({}, { pathPrefix: '/ssm/shop' })).toThrow(error("pathPrefix: '/ssm/shop' is not allowed", "not start with 'aws' or 'ssm'"));
  });

  test('lists every problem of a set in one error', () => {
    expect(() => create({ '1BAD': 'relative' })).toThrow(error("parameters.1BAD: '1BAD'", "parameters.1BAD: 'relative'"));
  });

  test('rejects combining the same set twice', () => {
    const a = create({ A: '/a' });
    expect(() => SecretsFromSsm.combine(stack, 'Both', [a, a]))
      .toThrow(/invalid SecretsFromSsm at 'Shop\/Both':[\s\S]*sets: \["Shop\/Secrets","Shop\/Secrets"\] lists a set more than once/);
  });

  test('rejects combining sets with the same environment name, naming both sets', () => {
    const a = new SecretsFromSsm(stack, 'A', { parameters: { DB: '/a/db' } });
    const b = new SecretsFromSsm(stack, 'B', { parameters: { DB: '/b/db' } });
    expect(() => SecretsFromSsm.combine(stack, 'Both', [a, b]))
      .toThrow(/invalid SecretsFromSsm at 'Shop\/Both':[\s\S]*environment name 'DB' comes from both 'Shop\/A' and 'Shop\/B'\. Rename it in one of the sets/);
  });

  test('rejects a parameter added later to one combined set under a name another set has', () => {
    const a = new SecretsFromSsm(stack, 'A', { parameters: { DB: '/a/db' } });
    const b = new SecretsFromSsm(stack, 'B', { parameters: { API: '/b/api' } });
    SecretsFromSsm.combine(stack, 'Both', [a, b]);
    expect(() => b.addParameter('DB', '/b/db')).toThrow(/'DB' comes from both 'Shop\/A' and 'Shop\/B'/);
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
