/**
 * Hand-built ClusterModel and template fixtures for the artifact tests: a shop
 * with a public `web` service in the cluster's stack and two internal services
 * (`orders`, `payments`) in a second stack, wired the way CDK synthesizes them
 * (cross-stack references through exports).
 */
import { ClusterModel, ResourceRef, RouteModel, ServiceModel } from '../../src/artifacts/model';
import { CfnObject, CfnResource, CfnTemplate, TemplateSet } from '../../src/artifacts/templates';

export const SHOP_TEMPLATE = 'ShopStack.template.json';
export const SERVICES_TEMPLATE = 'ServicesStack.template.json';

/** Secret values that must never appear in any artifact (they are not in the model either). */
export const FORBIDDEN_VALUES = ['hunter2', 's3cr3t'];

export function ref(templateFile: string, logicalId: string, path: string): ResourceRef {
  return { stackArtifactId: templateFile.replace('.template.json', ''), templateFile, logicalId, path };
}

export function webService(overrides: Partial<ServiceModel> = {}): ServiceModel {
  return {
    serviceName: 'web',
    constructPath: 'ShopStack/Web',
    stackName: 'ShopStack',
    port: 8080,
    endpoint: 'http://web:8080',
    dnsName: 'web.shop.internal',
    image: { assetDirectory: '/assembly/asset.0123abcd', dockerFile: 'Dockerfile.web', buildArgs: { NODE_ENV: 'production' } },
    command: ['node', 'server.js', '--greeting=$HELLO'],
    environment: { ORDERS_URL: 'http://orders:8080', LOG_LEVEL: 'info' },
    secrets: [],
    healthCheck: { command: ['CMD-SHELL', 'curl -f http://localhost:8080/health || exit 1'], intervalSeconds: 30, timeoutSeconds: 5, retries: 3, startPeriodSeconds: 10 },
    cpu: 512,
    memoryMiB: 1024,
    architecture: 'X86_64',
    capacity: 'ON_DEMAND',
    readonlyRootFilesystem: true,
    scaling: { minCapacity: 2, maxCapacity: 10, triggers: ['CPU 70 %', '1000 requests / target'] },
    connectsTo: ['orders'],
    public: true,
    url: 'https://shop.example.com/',
    healthCheckPath: '/health',
    securityGroups: [ref(SHOP_TEMPLATE, 'WebSG', 'ShopStack/Web/Service/SecurityGroup/Resource')],
    roles: [
      ref(SHOP_TEMPLATE, 'WebTaskRole', 'ShopStack/Web/TaskDef/TaskRole/Resource'),
      ref(SHOP_TEMPLATE, 'WebExecutionRole', 'ShopStack/Web/TaskDef/ExecutionRole/Resource'),
    ],
    ...overrides,
  };
}

export function ordersService(overrides: Partial<ServiceModel> = {}): ServiceModel {
  return {
    serviceName: 'orders',
    constructPath: 'ServicesStack/Orders',
    stackName: 'ServicesStack',
    port: 8080,
    endpoint: 'http://orders:8080',
    dnsName: 'orders.shop.internal',
    image: { registryName: 'public.ecr.aws/acme/orders:1.4.2' },
    environment: { PAYMENTS_URL: 'http://payments:9090' },
    secrets: [{ environmentName: 'DB_PASSWORD', parameter: '/shop/prod/orders/db-password', source: 'ServicesStack/OrdersSecrets' }],
    healthCheck: { command: ['CMD', '/bin/healthcheck'], intervalSeconds: 15, timeoutSeconds: 3, retries: 2, startPeriodSeconds: 0 },
    cpu: 256,
    memoryMiB: 512,
    architecture: 'ARM64',
    capacity: 'ON_DEMAND',
    readonlyRootFilesystem: false,
    scaling: { minCapacity: 2, maxCapacity: 4, triggers: ['CPU 60 %'] },
    connectsTo: ['payments'],
    public: false,
    securityGroups: [ref(SERVICES_TEMPLATE, 'OrdersSG', 'ServicesStack/Orders/Service/SecurityGroup/Resource')],
    roles: [
      ref(SERVICES_TEMPLATE, 'OrdersTaskRole', 'ServicesStack/Orders/TaskDef/TaskRole/Resource'),
      ref(SERVICES_TEMPLATE, 'OrdersExecutionRole', 'ServicesStack/Orders/TaskDef/ExecutionRole/Resource'),
    ],
    ...overrides,
  };
}

export function paymentsService(overrides: Partial<ServiceModel> = {}): ServiceModel {
  return {
    serviceName: 'payments',
    constructPath: 'ServicesStack/Payments',
    stackName: 'ServicesStack',
    port: 9090,
    endpoint: 'http://payments:9090',
    dnsName: 'payments.shop.internal',
    image: { registryName: 'public.ecr.aws/acme/payments:2.0.0' },
    environment: {},
    secrets: [
      { environmentName: 'DB_PASSWORD', parameter: '/shop/prod/payments/db-password', source: 'ServicesStack/PaymentsSecrets' },
      { environmentName: 'API_KEY', parameter: '/shop/prod/payments/api-key', source: 'ServicesStack/PaymentsSecrets' },
    ],
    cpu: 1024,
    memoryMiB: 2048,
    architecture: 'X86_64',
    capacity: 'MIXED',
    readonlyRootFilesystem: false,
    scaling: { minCapacity: 3, maxCapacity: 6, triggers: ['CPU 70 %', 'memory 80 %'] },
    connectsTo: [],
    public: false,
    securityGroups: [ref(SERVICES_TEMPLATE, 'PaymentsSG', 'ServicesStack/Payments/Service/SecurityGroup/Resource')],
    roles: [
      ref(SERVICES_TEMPLATE, 'PaymentsTaskRole', 'ServicesStack/Payments/TaskDef/TaskRole/Resource'),
      ref(SERVICES_TEMPLATE, 'PaymentsExecutionRole', 'ServicesStack/Payments/TaskDef/ExecutionRole/Resource'),
    ],
    ...overrides,
  };
}

/** Listener rules, deliberately not in priority order. */
export function shopRoutes(): RouteModel[] {
  return [
    { priority: 1000, pathPatterns: ['/*'], hostHeaders: [], action: { kind: 'forward', serviceName: 'web', port: 8080 }, source: 'ShopStack/Web' },
    { priority: 5, pathPatterns: ['/admin/*'], hostHeaders: ['Admin.Shop.example.com'], action: { kind: 'fixed', statusCode: 403, contentType: 'text/plain', body: 'Forbidden' }, source: 'ShopStack/Shop/Admin' },
    { priority: 20, pathPatterns: ['/old/*'], hostHeaders: [], action: { kind: 'redirect', statusCode: 301, protocol: 'HTTPS', host: 'shop.example.com', path: '/new/#{path}' }, source: 'ShopStack/Shop/Old' },
    { priority: 30, pathPatterns: ['/fn/?x'], hostHeaders: [], action: { kind: 'lambda', functionPath: 'ShopStack/Fn' }, source: 'ShopStack/Shop/Fn' },
    { priority: 40, pathPatterns: [], hostHeaders: ['*.docs.example.com'], action: { kind: 'fixed', statusCode: 200, contentType: 'application/json', body: '{"cost": "$5", "path": "C:\\\\x"}' }, source: 'ShopStack/Shop/Docs' },
  ];
}

export function shopModel(overrides: Partial<ClusterModel> = {}): ClusterModel {
  return {
    clusterId: 'Shop',
    constructPath: 'ShopStack/Shop',
    stackName: 'ShopStack',
    profile: 'PRODUCTION',
    region: 'us-east-1',
    namespace: 'shop.internal',
    vpc: { maxAzs: 3, natGateways: 3, flowLogs: true },
    containerInsights: true,
    hostedZone: true,
    loadBalancer: {
      internetFacing: true,
      https: true,
      domainName: 'shop.example.com',
      accessLogs: true,
      url: 'https://shop.example.com',
      securityGroups: [ref(SHOP_TEMPLATE, 'LbSG', 'ShopStack/Shop/LoadBalancer/SecurityGroup/Resource')],
    },
    routes: shopRoutes(),
    services: [webService(), ordersService(), paymentsService()],
    roles: [ref(SHOP_TEMPLATE, 'FlowLogRole', 'ShopStack/Shop/Vpc/FlowLogs/IAMRole/Resource')],
    securityGroups: [ref(SHOP_TEMPLATE, 'LbSG', 'ShopStack/Shop/LoadBalancer/SecurityGroup/Resource')],
    ...overrides,
  };
}

/** A cluster with internal services only: no load balancer, no routes. */
export function internalOnlyModel(): ClusterModel {
  return shopModel({
    loadBalancer: undefined,
    routes: [],
    services: [ordersService(), paymentsService()],
    securityGroups: [],
  });
}

const cdkPath = (path: string): CfnObject => ({ 'aws:cdk:path': path });
const getAtt = (id: string, attr: string): CfnObject => ({ 'Fn::GetAtt': [id, attr] });
const arnJoin = (...parts: Array<string | CfnObject>): CfnObject => ({ 'Fn::Join': ['', parts] });
const partition = { Ref: 'AWS::Partition' };
const region = { Ref: 'AWS::Region' };
const account = { Ref: 'AWS::AccountId' };

function ecsTasksTrust(): CfnObject {
  return {
    Version: '2012-10-17',
    Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' } }],
  };
}

function role(path: string, extra: CfnObject = {}): CfnResource {
  return { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: ecsTasksTrust(), ...extra }, Metadata: cdkPath(path) };
}

function policy(path: string, roleId: string, statements: CfnObject[]): CfnResource {
  return {
    Type: 'AWS::IAM::Policy',
    Properties: { PolicyName: `${roleId}DefaultPolicy`, PolicyDocument: { Version: '2012-10-17', Statement: statements }, Roles: [{ Ref: roleId }] },
    Metadata: cdkPath(path),
  };
}

function taskDefinition(path: string, taskRole: string, executionRole: string): CfnResource {
  return {
    Type: 'AWS::ECS::TaskDefinition',
    Properties: { TaskRoleArn: getAtt(taskRole, 'Arn'), ExecutionRoleArn: getAtt(executionRole, 'Arn') },
    Metadata: cdkPath(path),
  };
}

const EXEC_STATEMENTS: CfnObject[] = [
  {
    Action: ['ssmmessages:CreateControlChannel', 'ssmmessages:CreateDataChannel', 'ssmmessages:OpenControlChannel', 'ssmmessages:OpenDataChannel'],
    Effect: 'Allow',
    Resource: '*',
  },
  { Action: 'logs:DescribeLogGroups', Effect: 'Allow', Resource: '*' },
  {
    Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
    Effect: 'Allow',
    Resource: arnJoin('arn:', partition, ':logs:', region, ':', account, ':log-group:', { Ref: 'ShopExecLogGroup' }, ':*'),
  },
];

export function shopTemplate(): CfnTemplate {
  return {
    Resources: {
      ShopExecLogGroup: { Type: 'AWS::Logs::LogGroup', Metadata: cdkPath('ShopStack/Shop/ExecLogs/Resource') },
      LbSG: {
        Type: 'AWS::EC2::SecurityGroup',
        Properties: {
          GroupDescription: 'load balancer',
          SecurityGroupIngress: [
            { CidrIp: '0.0.0.0/0', Description: 'Allow from anyone on port 443', FromPort: 443, IpProtocol: 'tcp', ToPort: 443 },
            { CidrIp: '0.0.0.0/0', Description: 'Allow from anyone on port 80', FromPort: 80, IpProtocol: 'tcp', ToPort: 80 },
          ],
        },
        Metadata: cdkPath('ShopStack/Shop/LoadBalancer/SecurityGroup/Resource'),
      },
      LbSGtoWeb: {
        Type: 'AWS::EC2::SecurityGroupEgress',
        Properties: { GroupId: getAtt('LbSG', 'GroupId'), DestinationSecurityGroupId: getAtt('WebSG', 'GroupId'), IpProtocol: 'tcp', FromPort: 8080, ToPort: 8080 },
        Metadata: cdkPath('ShopStack/Shop/LoadBalancer/SecurityGroup/to WebSG:8080'),
      },
      WebSG: {
        Type: 'AWS::EC2::SecurityGroup',
        Properties: { GroupDescription: 'web', SecurityGroupEgress: [{ CidrIp: '0.0.0.0/0', Description: 'Allow all outbound traffic by default', IpProtocol: '-1' }] },
        Metadata: cdkPath('ShopStack/Web/Service/SecurityGroup/Resource'),
      },
      WebFromLb: {
        Type: 'AWS::EC2::SecurityGroupIngress',
        Properties: {
          GroupId: getAtt('WebSG', 'GroupId'),
          SourceSecurityGroupId: getAtt('LbSG', 'GroupId'),
          IpProtocol: 'tcp',
          FromPort: 8080,
          ToPort: 8080,
          Description: 'Load balancer to target',
        },
        Metadata: cdkPath('ShopStack/Web/Service/SecurityGroup/from LbSG:8080'),
      },
      // web connectTo orders: both sides in web's stack, orders' group imported
      OrdersFromWeb: {
        Type: 'AWS::EC2::SecurityGroupIngress',
        Properties: {
          GroupId: { 'Fn::ImportValue': 'ServicesStack:ExportsOutputFnGetAttOrdersSGGroupId' },
          SourceSecurityGroupId: getAtt('WebSG', 'GroupId'),
          IpProtocol: 'tcp',
          FromPort: 8080,
          ToPort: 8080,
          Description: 'web to orders',
        },
        Metadata: cdkPath('ShopStack/Web/ConnectToOrders/Ingress'),
      },
      WebTaskRole: role('ShopStack/Web/TaskDef/TaskRole/Resource'),
      WebTaskRoleDefaultPolicy: policy('ShopStack/Web/TaskDef/TaskRole/DefaultPolicy/Resource', 'WebTaskRole', [
        ...EXEC_STATEMENTS,
        // added by the user: web.grantPrincipal.addToPrincipalPolicy(...)
        {
          Action: 's3:GetObject',
          Effect: 'Allow',
          Resource: arnJoin('arn:', partition, ':s3:::shop-assets/*'),
          Condition: { StringEquals: { 's3:ExistingObjectTag/public': ['yes', 'true'] } },
        },
      ]),
      WebExecutionRole: role('ShopStack/Web/TaskDef/ExecutionRole/Resource'),
      WebExecutionRoleDefaultPolicy: policy('ShopStack/Web/TaskDef/ExecutionRole/DefaultPolicy/Resource', 'WebExecutionRole', [
        { Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Effect: 'Allow', Resource: getAtt('WebLogGroup', 'Arn') },
      ]),
      WebLogGroup: { Type: 'AWS::Logs::LogGroup', Metadata: cdkPath('ShopStack/Web/LogGroup/Resource') },
      WebTaskDef: taskDefinition('ShopStack/Web/TaskDef/Resource', 'WebTaskRole', 'WebExecutionRole'),
      FlowLogRole: {
        Type: 'AWS::IAM::Role',
        Properties: {
          AssumeRolePolicyDocument: { Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'vpc-flow-logs.amazonaws.com' } }] },
          Policies: [{
            PolicyName: 'FlowLogs',
            PolicyDocument: { Statement: [{ Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Effect: 'Allow', Resource: getAtt('FlowLogGroup', 'Arn') }] },
          }],
        },
        Metadata: cdkPath('ShopStack/Shop/Vpc/FlowLogs/IAMRole/Resource'),
      },
    },
    Outputs: {
      ExportsOutputFnGetAttWebSGGroupId: { Value: getAtt('WebSG', 'GroupId'), Export: { Name: 'ShopStack:ExportsOutputFnGetAttWebSGGroupId' } },
    },
  };
}

export function servicesTemplate(): CfnTemplate {
  return {
    Parameters: {
      BootstrapVersion: { Type: 'AWS::SSM::Parameter::Value<String>', Default: '/cdk-bootstrap/hnb659fds/version' },
    },
    Resources: {
      OrdersSG: {
        Type: 'AWS::EC2::SecurityGroup',
        Properties: { GroupDescription: 'orders', SecurityGroupEgress: [{ CidrIp: '0.0.0.0/0', IpProtocol: '-1' }] },
        Metadata: cdkPath('ServicesStack/Orders/Service/SecurityGroup/Resource'),
      },
      PaymentsSG: {
        Type: 'AWS::EC2::SecurityGroup',
        Properties: {
          GroupDescription: 'payments',
          // added by the user: payments.connections.allowFrom(Peer.ipv4('10.20.0.0/16'), Port.tcp(9090), 'office VPN')
          SecurityGroupIngress: [{ CidrIp: '10.20.0.0/16', Description: 'office VPN', FromPort: 9090, IpProtocol: 'tcp', ToPort: 9090 }],
          SecurityGroupEgress: [{ CidrIp: '255.255.255.255/32', Description: 'Disallow all traffic', FromPort: 252, IpProtocol: 'icmp', ToPort: 86 }],
        },
        Metadata: cdkPath('ServicesStack/Payments/Service/SecurityGroup/Resource'),
      },
      PaymentsFromOrders: {
        Type: 'AWS::EC2::SecurityGroupIngress',
        Properties: {
          GroupId: getAtt('PaymentsSG', 'GroupId'),
          SourceSecurityGroupId: getAtt('OrdersSG', 'GroupId'),
          IpProtocol: 'tcp',
          FromPort: 9090,
          ToPort: 9090,
          Description: 'orders to payments',
        },
        Metadata: cdkPath('ServicesStack/Orders/ConnectToPayments/Ingress'),
      },
      DatabaseSG: {
        Type: 'AWS::EC2::SecurityGroup',
        Properties: {
          GroupDescription: 'database',
          SecurityGroupIngress: [{ SourceSecurityGroupId: getAtt('OrdersSG', 'GroupId'), FromPort: 5432, ToPort: 5432, IpProtocol: 'tcp', Description: 'orders to db' }],
        },
        Metadata: cdkPath('ServicesStack/Database/SecurityGroup/Resource'),
      },
      OrdersTable: { Type: 'AWS::DynamoDB::Table', Metadata: cdkPath('ServicesStack/OrdersTable/Resource') },
      OrdersTaskRole: role('ServicesStack/Orders/TaskDef/TaskRole/Resource'),
      OrdersTaskRoleDefaultPolicy: policy('ServicesStack/Orders/TaskDef/TaskRole/DefaultPolicy/Resource', 'OrdersTaskRole', [
        ...EXEC_STATEMENTS.slice(0, 2),
        { Action: ['dynamodb:GetItem', 'dynamodb:PutItem'], Effect: 'Allow', Resource: [getAtt('OrdersTable', 'Arn'), { 'Fn::Sub': '${OrdersTable.Arn}/index/*' }] },
      ]),
      OrdersExecutionRole: role('ServicesStack/Orders/TaskDef/ExecutionRole/Resource'),
      OrdersExecutionRoleDefaultPolicy: policy('ServicesStack/Orders/TaskDef/ExecutionRole/DefaultPolicy/Resource', 'OrdersExecutionRole', [
        {
          Action: ['ssm:DescribeParameters', 'ssm:GetParameters', 'ssm:GetParameter', 'ssm:GetParameterHistory'],
          Effect: 'Allow',
          Resource: arnJoin('arn:', partition, ':ssm:', region, ':', account, ':parameter/shop/prod/orders/db-password'),
        },
        {
          Action: 'kms:Decrypt',
          Effect: 'Allow',
          Resource: arnJoin('arn:', partition, ':kms:', region, ':', account, ':alias/aws/ssm'),
          Condition: { StringEquals: { 'kms:ViaService': { 'Fn::Sub': 'ssm.${AWS::Region}.amazonaws.com' } } },
        },
      ]),
      OrdersTaskDef: taskDefinition('ServicesStack/Orders/TaskDef/Resource', 'OrdersTaskRole', 'OrdersExecutionRole'),
      PaymentsTaskRole: role('ServicesStack/Payments/TaskDef/TaskRole/Resource', {
        ManagedPolicyArns: [arnJoin('arn:', partition, ':iam::aws:policy/AmazonS3ReadOnlyAccess')],
      }),
      PaymentsTaskRolePolicy: {
        Type: 'AWS::IAM::Policy',
        Properties: {
          PolicyName: 'PaymentsQueue',
          PolicyDocument: {
            Statement: [{ Action: 'sqs:SendMessage', Effect: 'Allow', Resource: { 'Fn::Sub': 'arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:payments-queue' } }],
          },
          Roles: [{ Ref: 'PaymentsTaskRole' }, { Ref: 'SomeOtherRole' }],
        },
        Metadata: cdkPath('ServicesStack/PaymentsQueuePolicy/Resource'),
      },
      PaymentsExecutionRole: role('ServicesStack/Payments/TaskDef/ExecutionRole/Resource'),
      PaymentsExecutionRoleDefaultPolicy: policy('ServicesStack/Payments/TaskDef/ExecutionRole/DefaultPolicy/Resource', 'PaymentsExecutionRole', [
        {
          Action: 'ssm:GetParameters',
          Effect: 'Allow',
          Resource: [
            arnJoin('arn:', partition, ':ssm:', region, ':', account, ':parameter/shop/prod/payments/db-password'),
            arnJoin('arn:', partition, ':ssm:', region, ':', account, ':parameter/shop/prod/payments/api-key'),
          ],
        },
      ]),
      PaymentsTaskDef: taskDefinition('ServicesStack/Payments/TaskDef/Resource', 'PaymentsTaskRole', 'PaymentsExecutionRole'),
    },
    Outputs: {
      ExportsOutputFnGetAttOrdersSGGroupId: { Value: getAtt('OrdersSG', 'GroupId'), Export: { Name: 'ServicesStack:ExportsOutputFnGetAttOrdersSGGroupId' } },
    },
  };
}

export function shopTemplates(): TemplateSet {
  return { [SHOP_TEMPLATE]: shopTemplate(), [SERVICES_TEMPLATE]: servicesTemplate() };
}
