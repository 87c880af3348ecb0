import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { AwsSolutionsChecks } from 'cdk-nag';
import {
  actionsOf, containerSecrets, newCluster, newService, pathsContaining, roleLogicalId, ssmArn, statementsOfRole,
} from './fixtures';
import { DiscoverableService, MicroserviceCluster, SecretsFromSsm } from '../../src';

/** The actions any role holds on SSM, Secrets Manager and KMS. */
function secretActionsOf(stack: Stack, service: DiscoverableService, role: 'ExecutionRoleArn' | 'TaskRoleArn'): string[] {
  return statementsOfRole(Template.fromStack(stack), roleLogicalId(stack, service, role))
    .flatMap(actionsOf)
    .filter((a) => /^(ssm|secretsmanager|kms):/.test(a));
}

/** The statement of the service's execution role that holds ssm:GetParameters. */
function getParametersStatement(stack: Stack, service: DiscoverableService): { Action: unknown; Resource: unknown } {
  const found = statementsOfRole(Template.fromStack(stack), roleLogicalId(stack, service, 'ExecutionRoleArn'))
    .filter((s) => actionsOf(s).includes('ssm:GetParameters'));
  expect(found).toHaveLength(1);
  return found[0];
}

/** The logical ID of a construct's default CloudFormation resource. */
function logicalId(stack: Stack, construct: { node: { defaultChild?: unknown } }): string {
  return stack.getLogicalId(construct.node.defaultChild as kms.CfnKey);
}

describe('SecretsFromSsm bound to a service', () => {
  let stack: Stack;
  let cluster: MicroserviceCluster;
  beforeEach(() => {
    ({ stack, cluster } = newCluster());
  });

  test('puts each entry in the container as an ECS secret whose valueFrom is the parameter ARN', () => {
    const secrets = new SecretsFromSsm(stack, 'Secrets', { parameters: { DB_PASSWORD: '/shop/db-password', API_KEY: '/shop/api-key' } });
    const orders = newService(stack, cluster, 'Orders', { secrets });
    expect(containerSecrets(stack, orders)).toEqual([
      { Name: 'DB_PASSWORD', ValueFrom: ssmArn('/shop/db-password') },
      { Name: 'API_KEY', ValueFrom: ssmArn('/shop/api-key') },
    ]);
  });

  test('never puts a secret or its parameter name in the container environment', () => {
    const secrets = new SecretsFromSsm(stack, 'Secrets', { parameters: { DB_PASSWORD: '/shop/db-password' } });
    newService(stack, cluster, 'Orders', { secrets, environment: { LOG_LEVEL: 'info' } });
    Template.fromStack(stack).hasResourceProperties('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: [Match.objectLike({ Environment: [{ Name: 'LOG_LEVEL', Value: 'info' }] })],
    });
  });

  test('grants the execution role ssm:GetParameters on exactly the parameter ARNs', () => {
    const secrets = new SecretsFromSsm(stack, 'Secrets', { parameters: { DB_PASSWORD: '/shop/db-password', API_KEY: '/shop/api-key' } });
    const orders = newService(stack, cluster, 'Orders', { secrets });
    expect(getParametersStatement(stack, orders)).toEqual({
      Action: 'ssm:GetParameters',
      Effect: 'Allow',
      Resource: [ssmArn('/shop/db-password'), ssmArn('/shop/api-key')],
    });
  });

  test('grants no other SSM action, no KMS without a key, and nothing on a wildcard', () => {
    const secrets = new SecretsFromSsm(stack, 'Secrets', { parameters: { DB_PASSWORD: '/shop/db-password' } });
    const orders = newService(stack, cluster, 'Orders', { secrets });
    expect(secretActionsOf(stack, orders, 'ExecutionRoleArn')).toEqual(['ssm:GetParameters']);
    const statements = statementsOfRole(Template.fromStack(stack), roleLogicalId(stack, orders, 'ExecutionRoleArn'));
    expect(statements.filter((s) => JSON.stringify(s.Resource).includes('*'))).toEqual([]);
  });

  test('grants kms:Decrypt on encryptionKey only through SSM of the Region', () => {
    const key = new kms.Key(stack, 'Key');
    const secrets = new SecretsFromSsm(stack, 'Secrets', { encryptionKey: key, parameters: { DB_PASSWORD: '/shop/db-password' } });
    const orders = newService(stack, cluster, 'Orders', { secrets });
    const decrypt = statementsOfRole(Template.fromStack(stack), roleLogicalId(stack, orders, 'ExecutionRoleArn'))
      .filter((s) => actionsOf(s).includes('kms:Decrypt'));
    expect(decrypt).toEqual([{
      Action: 'kms:Decrypt',
      Effect: 'Allow',
      Resource: { 'Fn::GetAtt': [logicalId(stack, key), 'Arn'] },
      Condition: { StringEquals: { 'kms:ViaService': 'ssm.eu-west-1.amazonaws.com' } },
    }]);
  });

  test('leaves the key policy alone: the grant is on the role only', () => {
    const key = new kms.Key(stack, 'Key');
    const secrets = new SecretsFromSsm(stack, 'Secrets', { encryptionKey: key, parameters: { DB_PASSWORD: '/shop/db-password' } });
    newService(stack, cluster, 'Orders', { secrets });
    const keyPolicy = Template.fromStack(stack).toJSON().Resources[logicalId(stack, key)].Properties.KeyPolicy;
    expect(keyPolicy.Statement).toHaveLength(1);
    expect(JSON.stringify(keyPolicy)).not.toMatch(/ExecutionRole/);
  });

  test('gives the task role nothing', () => {
    const key = new kms.Key(stack, 'Key');
    const secrets = new SecretsFromSsm(stack, 'Secrets', { encryptionKey: key, parameters: { DB_PASSWORD: '/aws/reference/secretsmanager/db' } });
    const orders = newService(stack, cluster, 'Orders', { secrets });
    expect(secretActionsOf(stack, orders, 'TaskRoleArn')).toEqual([]);
  });

  test('gives the task role read access when the app calls grantRead', () => {
    const key = new kms.Key(stack, 'Key');
    const secrets = new SecretsFromSsm(stack, 'Secrets', { encryptionKey: key, parameters: { DB_PASSWORD: '/shop/db-password' } });
    const orders = newService(stack, cluster, 'Orders', { secrets });
    secrets.grantRead(orders);
    const statements = statementsOfRole(Template.fromStack(stack), roleLogicalId(stack, orders, 'TaskRoleArn'))
      .filter((s) => actionsOf(s).some((a) => /^(ssm:GetParameter|kms:)/.test(a)));
    expect(statements).toEqual([
      { Action: ['ssm:GetParameter', 'ssm:GetParameters'], Effect: 'Allow', Resource: ssmArn('/shop/db-password') },
      {
        Action: 'kms:Decrypt',
        Effect: 'Allow',
        Resource: { 'Fn::GetAtt': [logicalId(stack, key), 'Arn'] },
        Condition: { StringEquals: { 'kms:ViaService': 'ssm.eu-west-1.amazonaws.com' } },
      },
    ]);
  });

  test('delivers a parameter added after binding to the container and the execution role', () => {
    const secrets = new SecretsFromSsm(stack, 'Secrets', { parameters: { DB_PASSWORD: '/shop/db-password' } });
    const orders = newService(stack, cluster, 'Orders', { secrets });
    secrets.addParameter('API_KEY', '/shop/api-key');
    expect(containerSecrets(stack, orders)).toEqual([
      { Name: 'DB_PASSWORD', ValueFrom: ssmArn('/shop/db-password') },
      { Name: 'API_KEY', ValueFrom: ssmArn('/shop/api-key') },
    ]);
    expect(getParametersStatement(stack, orders).Resource).toEqual([ssmArn('/shop/db-password'), ssmArn('/shop/api-key')]);
  });

  test('accepts a set that is empty when bound and filled before synth', () => {
    const secrets = new SecretsFromSsm(stack, 'Secrets');
    const orders = newService(stack, cluster, 'Orders', { secrets });
    secrets.addParameter('DB_PASSWORD', '/shop/db-password');
    expect(containerSecrets(stack, orders)).toEqual([{ Name: 'DB_PASSWORD', ValueFrom: ssmArn('/shop/db-password') }]);
    expect(getParametersStatement(stack, orders).Resource).toEqual(ssmArn('/shop/db-password'));
  });

  test('shared by two services, grants each execution role on its own', () => {
    const secrets = new SecretsFromSsm(stack, 'Secrets', { parameters: { DB_PASSWORD: '/shop/db-password' } });
    const orders = newService(stack, cluster, 'Orders', { secrets });
    const payments = newService(stack, cluster, 'Payments', { secrets });
    const inventory = newService(stack, cluster, 'Inventory');
    secrets.addParameter('API_KEY', '/shop/api-key');
    for (const service of [orders, payments]) {
      expect(getParametersStatement(stack, service).Resource).toEqual([ssmArn('/shop/db-password'), ssmArn('/shop/api-key')]);
      expect(containerSecrets(stack, service)).toHaveLength(2);
    }
    expect(roleLogicalId(stack, orders, 'ExecutionRoleArn')).not.toEqual(roleLogicalId(stack, payments, 'ExecutionRoleArn'));
    expect(secretActionsOf(stack, inventory, 'ExecutionRoleArn')).toEqual([]);
  });

  test('with combined sets, delivers the entries of every set, including those added later to either', () => {
    const a = new SecretsFromSsm(stack, 'A', { parameters: { DB_PASSWORD: '/shop/db-password' } });
    const b = new SecretsFromSsm(stack, 'B', { parameters: { API_KEY: '/shop/api-key' } });
    const orders = newService(stack, cluster, 'Orders', { secrets: SecretsFromSsm.combine(stack, 'OrdersSecrets', [a, b]) });
    a.addParameter('DB_USER', '/shop/db-user');
    b.addParameter('TOKEN', '/shop/token');
    expect(containerSecrets(stack, orders)).toEqual([
      { Name: 'DB_PASSWORD', ValueFrom: ssmArn('/shop/db-password') },
      { Name: 'API_KEY', ValueFrom: ssmArn('/shop/api-key') },
      { Name: 'DB_USER', ValueFrom: ssmArn('/shop/db-user') },
      { Name: 'TOKEN', ValueFrom: ssmArn('/shop/token') },
    ]);
    expect(getParametersStatement(stack, orders).Resource)
      .toEqual([ssmArn('/shop/db-password'), ssmArn('/shop/api-key'), ssmArn('/shop/db-user'), ssmArn('/shop/token')]);
  });

  test('with two sets sharing a key, grants one kms:Decrypt statement', () => {
    const key = new kms.Key(stack, 'Key');
    const a = new SecretsFromSsm(stack, 'A', { encryptionKey: key, parameters: { DB_PASSWORD: '/shop/db-password' } });
    const b = new SecretsFromSsm(stack, 'B', { encryptionKey: key, parameters: { API_KEY: '/shop/api-key' } });
    const orders = newService(stack, cluster, 'Orders', { secrets: SecretsFromSsm.combine(stack, 'OrdersSecrets', [a, b]) });
    expect(secretActionsOf(stack, orders, 'ExecutionRoleArn')).toEqual(['ssm:GetParameters', 'kms:Decrypt']);
  });

  test('never writes a parameter name anywhere but Secrets valueFrom and IAM policy resources', () => {
    const key = new kms.Key(stack, 'Key');
    const a = new SecretsFromSsm(stack, 'A', { encryptionKey: key, pathPrefix: '/shop/prod/orders', parameters: { DB_PASSWORD: 'db-password' } });
    const b = new SecretsFromSsm(stack, 'B', { parameters: { STRIPE_KEY: '/aws/reference/secretsmanager/stripe-key' } });
    const orders = newService(stack, cluster, 'Orders', { secrets: SecretsFromSsm.combine(stack, 'OrdersSecrets', [a, b]), environment: { LOG_LEVEL: 'info' } });
    a.grantRead(orders);
    const template = Template.fromStack(stack);
    for (const name of ['db-password', 'stripe-key']) {
      const paths = pathsContaining(template, name);
      expect(paths.length).toBeGreaterThan(0);
      expect(paths.filter((p) => !/\.ContainerDefinitions\.\d+\.Secrets\.\d+\.ValueFrom\b/.test(p)
        && !/^Resources\.\w+\.Properties\.PolicyDocument\.Statement\.\d+\.Resource\b/.test(p))).toEqual([]);
    }
  });
});

describe('SecretsFromSsm and cdk-nag', () => {
  test('no AwsSolutions finding is about a secrets grant (no wildcard, nothing to acknowledge)', () => {
    const { stack, cluster } = newCluster();
    const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
    const secrets = new SecretsFromSsm(stack, 'Secrets', {
      encryptionKey: key,
      parameters: { DB_PASSWORD: '/shop/db-password', STRIPE_KEY: '/aws/reference/secretsmanager/stripe-key' },
    });
    const orders = newService(stack, cluster, 'Orders', { secrets });
    secrets.grantRead(orders);
    const findings = new AwsSolutionsChecks().validateScope(stack).violations
      .filter((v) => /ssm:|secretsmanager|kms|Key/i.test(v.ruleName) || v.violatingResources.some((r) => /Secrets|Key/.test(r.constructPath ?? '')));
    expect(findings).toEqual([]);
  });
});

describe('SecretsFromSsm bound to a service: bad input', () => {
  let stack: Stack;
  let cluster: MicroserviceCluster;
  beforeEach(() => {
    ({ stack, cluster } = newCluster());
  });

  test('an empty set fails synth, naming the service, the set and the fix', () => {
    const secrets = new SecretsFromSsm(stack, 'Secrets');
    newService(stack, cluster, 'Orders', { secrets });
    expect(() => Template.fromStack(stack)).toThrow(/\[Shop\/Orders\] secrets: 'Shop\/Secrets' has no parameters\. Add one with parameters: \{ NAME: '\/path' \} or addParameter, or remove the secrets prop/);
  });

  test('an empty combination fails synth', () => {
    const secrets = SecretsFromSsm.combine(stack, 'None', []);
    newService(stack, cluster, 'Orders', { secrets });
    expect(() => Template.fromStack(stack)).toThrow(/\[Shop\/Orders\] secrets: 'Shop\/None' has no parameters/);
  });

  test.each(['value', ''])('a name in both environment (= %p) and secrets is an error', (value) => {
    const secrets = new SecretsFromSsm(stack, 'Secrets', { parameters: { DB_PASSWORD: '/shop/db-password' } });
    expect(() => newService(stack, cluster, 'Orders', { secrets, environment: { DB_PASSWORD: value } }))
      .toThrow(/invalid DiscoverableService at 'Shop\/Orders':[\s\S]*secrets: DB_PASSWORD \(from 'Shop\/Secrets'\) is also set in environment[\s\S]*Remove it from environment or rename the secret/);
  });

  test('a parameter added after binding under a name of the environment is an error', () => {
    const secrets = new SecretsFromSsm(stack, 'Secrets', { parameters: { DB_PASSWORD: '/shop/db-password' } });
    newService(stack, cluster, 'Orders', { secrets, environment: { LOG_LEVEL: 'info' } });
    expect(() => secrets.addParameter('LOG_LEVEL', '/shop/log-level')).toThrow(/'Shop\/Orders'[\s\S]*secrets: LOG_LEVEL \(from 'Shop\/Secrets'\) is also set in environment/);
  });

  test('a secret named like a connectTo variable is an error, in either order', () => {
    const payments = newService(stack, cluster, 'Payments');
    const secrets = new SecretsFromSsm(stack, 'Secrets', { parameters: { DB_PASSWORD: '/shop/db-password' } });
    const orders = newService(stack, cluster, 'Orders', { secrets });
    orders.connectTo(payments);
    expect(() => secrets.addParameter('PAYMENTS_URL', '/shop/payments-url')).toThrow(/secrets: PAYMENTS_URL \(from 'Shop\/Secrets'\) is also set in environment/);

    const inventory = newService(stack, cluster, 'Inventory');
    const more = new SecretsFromSsm(stack, 'More', { parameters: { INVENTORY_URL: '/shop/inventory-url' } });
    const web = newService(stack, cluster, 'Web', { secrets: more });
    expect(() => web.connectTo(inventory)).toThrow(/connectTo: INVENTORY_URL is a secret of this service/);
  });

  test('the same environment name from two combined sets is an error, also when added later', () => {
    const a = new SecretsFromSsm(stack, 'A', { parameters: { DB_PASSWORD: '/a/db-password' } });
    const b = new SecretsFromSsm(stack, 'B', { parameters: { API_KEY: '/b/api-key' } });
    newService(stack, cluster, 'Orders', { secrets: SecretsFromSsm.combine(stack, 'OrdersSecrets', [a, b]) });
    expect(() => b.addParameter('DB_PASSWORD', '/b/db-password'))
      .toThrow(/invalid SecretsFromSsm at 'Shop\/OrdersSecrets':[\s\S]*'DB_PASSWORD' comes from both 'Shop\/A' and 'Shop\/B'/);
  });
});

describe('done when: a service with three secrets from two sets, one with a customer-managed key', () => {
  test('synthesizes exactly the grants, and only those', () => {
    const { stack, cluster } = newCluster();
    const key = new kms.Key(stack, 'OrdersKey');
    const orderSecrets = new SecretsFromSsm(stack, 'OrderSecrets', {
      pathPrefix: '/shop/prod/orders',
      encryptionKey: key,
      parameters: { DB_USER: 'db-user', DB_PASSWORD: 'db-password' },
    });
    const paymentSecrets = new SecretsFromSsm(stack, 'PaymentSecrets', {
      parameters: { STRIPE_API_KEY: '/shop/prod/payments/stripe-api-key' },
    });
    const orders = newService(stack, cluster, 'Orders', {
      secrets: SecretsFromSsm.combine(stack, 'OrdersSecrets', [orderSecrets, paymentSecrets]),
    });

    const template = Template.fromStack(stack);
    const executionRole = roleLogicalId(stack, orders, 'ExecutionRoleArn');
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: executionRole }],
      PolicyDocument: {
        Statement: Match.exact([
          {
            Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
            Effect: 'Allow',
            Resource: { 'Fn::GetAtt': [stack.getLogicalId(orders.logGroup.node.defaultChild as logs.CfnLogGroup), 'Arn'] },
          },
          {
            Action: 'ssm:GetParameters',
            Effect: 'Allow',
            Resource: [
              ssmArn('/shop/prod/orders/db-user'),
              ssmArn('/shop/prod/orders/db-password'),
              ssmArn('/shop/prod/payments/stripe-api-key'),
            ],
          },
          {
            Action: 'kms:Decrypt',
            Effect: 'Allow',
            Resource: { 'Fn::GetAtt': [logicalId(stack, key), 'Arn'] },
            Condition: { StringEquals: { 'kms:ViaService': 'ssm.eu-west-1.amazonaws.com' } },
          },
        ]),
        Version: '2012-10-17',
      },
    });
    expect(statementsOfRole(template, executionRole)).toHaveLength(3);
    expect(secretActionsOf(stack, orders, 'TaskRoleArn')).toEqual([]);
    expect(containerSecrets(stack, orders)).toEqual([
      { Name: 'DB_USER', ValueFrom: ssmArn('/shop/prod/orders/db-user') },
      { Name: 'DB_PASSWORD', ValueFrom: ssmArn('/shop/prod/orders/db-password') },
      { Name: 'STRIPE_API_KEY', ValueFrom: ssmArn('/shop/prod/payments/stripe-api-key') },
    ]);
  });
});
