import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ref, SERVICES_TEMPLATE, SHOP_TEMPLATE, shopModel, shopTemplate, shopTemplates } from './fixtures';
import { describeRole, statementsOf } from '../../src/artifacts/iam';
import { collectSecurityGroupRules, describePorts } from '../../src/artifacts/network';
import {
  CfnValue, loadTemplates, parseTemplate, renderValue, resolveResource, shortPath, TemplateSet,
} from '../../src/artifacts/templates';

const T = 'Stack.template.json';
const TEMPLATES: TemplateSet = {
  [T]: {
    Parameters: {
      Ami: { Type: 'AWS::SSM::Parameter::Value<String>', Default: '/aws/service/ami' },
      Env: { Type: 'String' },
    },
    Resources: {
      Table: { Type: 'AWS::DynamoDB::Table', Metadata: { 'aws:cdk:path': 'Stack/Orders/Table/Resource' } },
      Bucket: { Type: 'AWS::S3::Bucket' },
    },
  },
};

function render(value: CfnValue): string {
  return renderValue(TEMPLATES, T, value);
}

describe('renderValue', () => {
  test('renders pseudo parameters as ${Partition}-style placeholders', () => {
    expect(render({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':ssm:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':parameter/shop/prod/db']] }))
      .toBe('arn:${Partition}:ssm:${Region}:${Account}:parameter/shop/prod/db');
  });

  test('names referenced resources by construct path, else logical id', () => {
    expect(render({ 'Fn::GetAtt': ['Table', 'Arn'] })).toBe('${Orders/Table.Arn}');
    expect(render({ 'Fn::GetAtt': 'Bucket.Arn' })).toBe('${Bucket.Arn}');
    expect(render({ Ref: 'Bucket' })).toBe('${Bucket}');
    expect(renderValue(TEMPLATES, T, { Ref: 'Bucket' }, new Map([[`${T}#Bucket`, 'assets bucket']]))).toBe('${assets bucket}');
  });

  test('renders parameters, SSM-backed ones by parameter name', () => {
    expect(render({ Ref: 'Ami' })).toBe('${ssm:/aws/service/ami}');
    expect(render({ Ref: 'Env' })).toBe('${parameter:Env}');
  });

  test('evaluates Fn::Sub with pseudo parameters, attributes, variables and escapes', () => {
    expect(render({ 'Fn::Sub': 'arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:q' })).toBe('arn:${Partition}:sqs:${Region}:${Account}:q');
    expect(render({ 'Fn::Sub': '${Table.Arn}/index/*' })).toBe('${Orders/Table.Arn}/index/*');
    expect(render({ 'Fn::Sub': ['${Name}-${!Literal}', { Name: { Ref: 'AWS::StackName' } }] })).toBe('${StackName}-${Literal}');
  });

  test('evaluates Fn::Select over literal lists and splits', () => {
    expect(render({ 'Fn::Select': [1, ['a', 'b']] })).toBe('b');
    expect(render({ 'Fn::Select': [2, { 'Fn::Split': [':', 'arn:aws:sqs:q'] }] })).toBe('sqs');
    expect(render({ 'Fn::Select': [1, { 'Fn::Split': ['/', { 'Fn::GetAtt': ['Table', 'Arn'] }] }] })).toBe('select(1, split("/", ${Orders/Table.Arn}))');
  });

  test('shows both branches of Fn::If with the condition name', () => {
    expect(render({ 'Fn::If': ['IsProd', 'a', { Ref: 'AWS::NoValue' }] })).toBe('(if IsProd: a else nothing)');
  });

  test('follows Fn::ImportValue to the exporting template', () => {
    const templates = shopTemplates();
    expect(renderValue(templates, SHOP_TEMPLATE, { 'Fn::ImportValue': 'ServicesStack:ExportsOutputFnGetAttOrdersSGGroupId' }))
      .toBe('${Orders/Service/SecurityGroup.GroupId}');
    expect(renderValue(templates, SHOP_TEMPLATE, { 'Fn::ImportValue': 'Nope' })).toBe('${import:Nope}');
  });

  test('keeps unknown functions readable', () => {
    expect(render({ 'Fn::GetAZs': '' })).toBe('GetAZs()');
    expect(render(['a', 1, true])).toBe('a, 1, true');
  });
});

describe('resolveResource', () => {
  test('resolves Ref, GetAtt and cross-stack imports to the resource', () => {
    const templates = shopTemplates();
    expect(resolveResource(templates, SHOP_TEMPLATE, { Ref: 'WebSG' })).toEqual({ templateFile: SHOP_TEMPLATE, logicalId: 'WebSG' });
    expect(resolveResource(templates, SHOP_TEMPLATE, { 'Fn::GetAtt': ['WebSG', 'GroupId'] }))
      .toEqual({ templateFile: SHOP_TEMPLATE, logicalId: 'WebSG', attribute: 'GroupId' });
    expect(resolveResource(templates, SHOP_TEMPLATE, { 'Fn::ImportValue': 'ServicesStack:ExportsOutputFnGetAttOrdersSGGroupId' }))
      .toEqual({ templateFile: SERVICES_TEMPLATE, logicalId: 'OrdersSG', attribute: 'GroupId' });
  });

  test('returns undefined for literals, parameters and unknown ids', () => {
    const templates = shopTemplates();
    expect(resolveResource(templates, SHOP_TEMPLATE, 'sg-123')).toBeUndefined();
    expect(resolveResource(templates, SHOP_TEMPLATE, { Ref: 'Missing' })).toBeUndefined();
    expect(resolveResource(templates, SERVICES_TEMPLATE, { Ref: 'BootstrapVersion' })).toBeUndefined();
  });
});

describe('shortPath', () => {
  test.each([
    ['Stack/Shop/Orders/TaskRole/Resource', 'Shop/Orders/TaskRole'],
    ['Stack/Shop/Default', 'Shop'],
    ['Stack/Bucket', 'Bucket'],
  ])('%s → %s', (input, output) => {
    expect(shortPath(input)).toBe(output);
  });
});

describe('loadTemplates', () => {
  let dir: string;
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdkms-templates-')); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('reads every template of the directory', () => {
    fs.writeFileSync(path.join(dir, SHOP_TEMPLATE), JSON.stringify(shopTemplate()));
    fs.writeFileSync(path.join(dir, 'Other.template.json'), JSON.stringify({ Resources: {} }));
    fs.writeFileSync(path.join(dir, 'manifest.json'), '{}');
    const model = shopModel({ services: [], roles: [], loadBalancer: undefined, securityGroups: [ref(SHOP_TEMPLATE, 'LbSG', 'x')] });
    expect(Object.keys(loadTemplates(dir, model))).toEqual(['Other.template.json', SHOP_TEMPLATE]);
  });

  test('fails with the path when a template the model names is missing', () => {
    expect(() => loadTemplates(dir, shopModel()))
      .toThrow(/cannot write the artifacts of 'ShopStack\/Shop': template .*ServicesStack\.template\.json does not exist/);
  });

  test('rejects a file that is not a template', () => {
    expect(() => parseTemplate('{"Resources": []}', 'x.template.json')).toThrow(/x\.template\.json is not a CloudFormation template/);
  });
});

describe('describePorts', () => {
  test.each([
    ['tcp', 8080, 8080, 'tcp 8080'],
    ['tcp', 1024, 65535, 'tcp 1024-65535'],
    ['tcp', 0, 65535, 'tcp all ports'],
    ['-1', undefined, undefined, 'all traffic'],
    ['6', '443', '443', 'tcp 443'],
    ['udp', 53, 53, 'udp 53'],
    ['icmp', -1, -1, 'icmp all types'],
    ['icmp', 8, -1, 'icmp type 8'],
  ] as Array<[string, CfnValue | undefined, CfnValue | undefined, string]>)('%s %p-%p → %s', (protocol, from, to, expected) => {
    expect(describePorts(protocol, from, to)).toBe(expected);
  });
});

describe('collectSecurityGroupRules', () => {
  const rules = collectSecurityGroupRules(shopTemplates());

  test('reads inline rules and standalone ingress and egress resources of every template', () => {
    const summary = rules.map((r) => `${r.direction} ${r.group.label} ${r.peer.label} ${r.ports}`);
    expect(summary).toEqual(expect.arrayContaining([
      'ingress Shop/LoadBalancer/SecurityGroup anywhere (0.0.0.0/0) tcp 443',
      'ingress Web/Service/SecurityGroup Shop/LoadBalancer/SecurityGroup tcp 8080',
      'egress Shop/LoadBalancer/SecurityGroup Web/Service/SecurityGroup tcp 8080',
      'ingress Payments/Service/SecurityGroup 10.20.0.0/16 tcp 9090',
      'ingress Payments/Service/SecurityGroup Orders/Service/SecurityGroup tcp 9090',
      'egress Web/Service/SecurityGroup anywhere (0.0.0.0/0) all traffic',
    ]));
  });

  test('resolves a group imported from another stack', () => {
    const rule = rules.find((r) => r.description === 'web to orders');
    expect(rule?.group).toEqual({ key: `${SERVICES_TEMPLATE}#OrdersSG`, label: 'Orders/Service/SecurityGroup' });
    expect(rule?.definedIn).toBe(`Web/ConnectToOrders/Ingress (${SHOP_TEMPLATE})`);
  });

  test('recognises CDK\'s placeholder rule that disallows all outbound traffic', () => {
    expect(rules.find((r) => r.description === 'Disallow all traffic')?.ports).toMatch(/^no traffic/);
  });

  test('labels literal group ids and unresolvable peers', () => {
    const literal = collectSecurityGroupRules({
      [T]: { Resources: { In: { Type: 'AWS::EC2::SecurityGroupIngress', Properties: { GroupId: 'sg-0abc', SourceSecurityGroupId: 'sg-0def', IpProtocol: 'tcp', FromPort: 22, ToPort: 22 } } } },
    });
    expect(literal[0]).toMatchObject({ group: { label: 'security group sg-0abc' }, peer: { label: 'security group sg-0def' }, ports: 'tcp 22' });
  });
});

describe('describeRole', () => {
  const templates = shopTemplates();

  test('collects the trust policy and every policy attached to the role, in any template', () => {
    const role = describeRole(templates, ref(SERVICES_TEMPLATE, 'PaymentsTaskRole', 'ServicesStack/Payments/TaskDef/TaskRole/Resource'));
    expect(role.found).toBe(true);
    expect(role.trust[0].principals).toEqual(['Service ecs-tasks.amazonaws.com']);
    expect(role.policies.map((p) => p.source)).toEqual([
      'AWS::IAM::Policy PaymentsQueuePolicy',
      'AWS managed policy AmazonS3ReadOnlyAccess (arn:${Partition}:iam::aws:policy/AmazonS3ReadOnlyAccess)',
    ]);
    expect(role.policies[0].statements?.[0]).toMatchObject({
      effect: 'Allow', actions: ['sqs:SendMessage'], resources: ['arn:${Partition}:sqs:${Region}:${Account}:payments-queue'],
    });
    expect(role.policies[1].statements).toBeUndefined();
  });

  test('tells task roles from execution roles by the task definitions that use them', () => {
    expect(describeRole(templates, ref(SHOP_TEMPLATE, 'WebTaskRole', 'p')).uses).toEqual([{ kind: 'task', taskDefinition: 'Web/TaskDef' }]);
    expect(describeRole(templates, ref(SHOP_TEMPLATE, 'WebExecutionRole', 'p')).uses).toEqual([{ kind: 'execution', taskDefinition: 'Web/TaskDef' }]);
  });

  test('includes inline policies', () => {
    const role = describeRole(templates, ref(SHOP_TEMPLATE, 'FlowLogRole', 'p'));
    expect(role.policies[0]).toMatchObject({ source: 'inline policy FlowLogs', statements: [{ actions: ['logs:CreateLogStream', 'logs:PutLogEvents'] }] });
  });

  test('attaches policies that name the role by its literal RoleName', () => {
    const role = describeRole({
      [T]: {
        Resources: {
          R: { Type: 'AWS::IAM::Role', Properties: { RoleName: 'fixed-name' } },
          P: { Type: 'AWS::IAM::Policy', Properties: { Roles: ['fixed-name'], PolicyDocument: { Statement: [{ Effect: 'Deny', NotAction: 's3:*', NotResource: '*' }] } } },
        },
      },
    }, ref(T, 'R', 'Stack/R'));
    expect(role.policies[0].statements?.[0]).toMatchObject({ effect: 'Deny', actions: ['s3:*'], notActions: true, resources: ['*'], notResources: true });
  });

  test('lists a policy that names the role several ways once, policies before managed policies before role policies', () => {
    const role = describeRole({
      [T]: {
        Resources: {
          R: { Type: 'AWS::IAM::Role', Properties: { RoleName: 'fixed-name' } },
          A: { Type: 'AWS::IAM::RolePolicy', Properties: { RoleName: { Ref: 'R' }, PolicyName: 'inline-a', PolicyDocument: { Statement: [] } } },
          M: { Type: 'AWS::IAM::ManagedPolicy', Properties: { Roles: [{ Ref: 'R' }], PolicyDocument: { Statement: [] } } },
          P: { Type: 'AWS::IAM::Policy', Properties: { Roles: [{ Ref: 'R' }, 'fixed-name', { Ref: 'R' }], PolicyDocument: { Statement: [] } } },
          Other: { Type: 'AWS::IAM::Policy', Properties: { Roles: ['other-name'], PolicyDocument: { Statement: [] } } },
        },
      },
    }, ref(T, 'R', 'Stack/R'));
    expect(role.policies.map((p) => p.source)).toEqual(['AWS::IAM::Policy P', 'AWS::IAM::ManagedPolicy M', 'AWS::IAM::RolePolicy inline-a']);
  });

  test('reports a role missing from the templates', () => {
    expect(describeRole(templates, ref(SHOP_TEMPLATE, 'Ghost', 'Stack/Ghost')).found).toBe(false);
  });
});

describe('statementsOf', () => {
  test('renders conditions operator by operator, with every value', () => {
    const [statement] = statementsOf(TEMPLATES, T, {
      Statement: [{
        Effect: 'Allow',
        Action: 'kms:Decrypt',
        Resource: '*',
        Condition: { StringEquals: { 'kms:ViaService': { 'Fn::Sub': 'ssm.${AWS::Region}.amazonaws.com' } }, Bool: { 'aws:SecureTransport': ['true', 'false'] } },
      }],
    });
    expect(statement.conditions).toEqual(['Bool aws:SecureTransport = true or false', 'StringEquals kms:ViaService = ssm.${Region}.amazonaws.com']);
  });
});
