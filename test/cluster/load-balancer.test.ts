import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { newCluster, newRouteCluster, onlyResource } from './fixtures';
import { EnvironmentProfile } from '../../src';

const { DEVELOPMENT, STAGING, PRODUCTION } = EnvironmentProfile;
const ALB = 'AWS::ElasticLoadBalancingV2::LoadBalancer';
const LISTENER = 'AWS::ElasticLoadBalancingV2::Listener';
const HEALTHZ = { pathPatterns: ['/healthz'], statusCode: 200, messageBody: 'ok' };

describe('the shared load balancer is created lazily', () => {
  test('a cluster without public services or routes has none', () => {
    const { stack, cluster } = newRouteCluster();
    expect(cluster.loadBalancer).toBeUndefined();
    expect(cluster.listener).toBeUndefined();
    expect(cluster.url).toBeUndefined();
    const template = Template.fromStack(stack);
    template.resourceCountIs(ALB, 0);
    template.resourceCountIs(LISTENER, 0);
    template.resourceCountIs('AWS::EC2::SecurityGroup', 0);
  });

  test('the first route creates it, with one listener', () => {
    const { stack, cluster } = newRouteCluster();
    cluster.addFixedResponse('Healthz', HEALTHZ);
    const template = Template.fromStack(stack);
    template.resourceCountIs(ALB, 1);
    template.resourceCountIs(LISTENER, 1);
    // The exposed members are the synthesized load balancer and listener.
    expect(stack.resolve(cluster.loadBalancer?.loadBalancerArn)).toEqual({ Ref: onlyResource(template, ALB).logicalId });
    expect(stack.resolve(cluster.listener?.listenerArn)).toEqual({ Ref: onlyResource(template, LISTENER).logicalId });
  });

  test('further routes reuse it', () => {
    const { stack, cluster } = newRouteCluster();
    cluster.addFixedResponse('Healthz', HEALTHZ);
    const loadBalancer = cluster.loadBalancer;
    cluster.addRedirect('Old', { hostHeaders: ['old.example.com'], host: 'new.example.com' });
    expect(cluster.loadBalancer).toBe(loadBalancer);
    const template = Template.fromStack(stack);
    template.resourceCountIs(ALB, 1);
    template.resourceCountIs(LISTENER, 1);
    template.resourceCountIs('AWS::ElasticLoadBalancingV2::ListenerRule', 2);
  });

  test('url is http://<ALB DNS name> without a domain', () => {
    const { stack, cluster } = newRouteCluster();
    cluster.addFixedResponse('Healthz', HEALTHZ);
    const { logicalId } = onlyResource(Template.fromStack(stack), ALB);
    expect(stack.resolve(cluster.url)).toEqual({ 'Fn::Join': ['', ['http://', { 'Fn::GetAtt': [logicalId, 'DNSName'] }]] });
  });

  test('the listener answers unmatched requests with a fixed 404', () => {
    const { stack, cluster } = newRouteCluster();
    cluster.addFixedResponse('Healthz', HEALTHZ);
    Template.fromStack(stack).hasResourceProperties(LISTENER, {
      Port: 80,
      Protocol: 'HTTP',
      DefaultActions: [{ Type: 'fixed-response', FixedResponseConfig: Match.objectLike({ StatusCode: '404' }) }],
    });
  });

  test('the load balancer drops invalid header fields', () => {
    const { stack, cluster } = newRouteCluster();
    cluster.addFixedResponse('Healthz', HEALTHZ);
    Template.fromStack(stack).hasResourceProperties(ALB, {
      LoadBalancerAttributes: Match.arrayWith([{ Key: 'routing.http.drop_invalid_header_fields.enabled', Value: 'true' }]),
    });
  });
});

describe('reachability', () => {
  test('internet-facing (default): public subnets, ingress from anywhere on port 80 only', () => {
    const { stack, cluster } = newRouteCluster();
    cluster.addFixedResponse('Healthz', HEALTHZ);
    const template = Template.fromStack(stack);
    template.hasResourceProperties(ALB, { Scheme: 'internet-facing', Subnets: ['subnet-pub1', 'subnet-pub2'] });
    template.hasResourceProperties('AWS::EC2::SecurityGroup', {
      SecurityGroupIngress: [Match.objectLike({ CidrIp: '0.0.0.0/0', IpProtocol: 'tcp', FromPort: 80, ToPort: 80 })],
    });
    template.resourceCountIs('AWS::EC2::SecurityGroupIngress', 0);
  });

  test('internetFacing: false → internal scheme, private subnets, ingress only from the VPC CIDR', () => {
    const { stack, cluster } = newRouteCluster({ internetFacing: false });
    cluster.addFixedResponse('Healthz', HEALTHZ);
    const template = Template.fromStack(stack);
    template.hasResourceProperties(ALB, { Scheme: 'internal', Subnets: ['subnet-priv1', 'subnet-priv2'] });
    template.hasResourceProperties('AWS::EC2::SecurityGroup', {
      SecurityGroupIngress: [Match.objectLike({ CidrIp: '10.1.0.0/16', FromPort: 80, ToPort: 80 })],
    });
  });

  test('internetFacing: false with a new VPC admits the VPC CIDR by reference', () => {
    const { stack, cluster } = newCluster({ internetFacing: false });
    cluster.addFixedResponse('Healthz', HEALTHZ);
    const template = Template.fromStack(stack);
    const { logicalId: vpc } = onlyResource(template, 'AWS::EC2::VPC');
    template.hasResourceProperties('AWS::EC2::SecurityGroup', {
      SecurityGroupIngress: [Match.objectLike({ CidrIp: { 'Fn::GetAtt': [vpc, 'CidrBlock'] }, FromPort: 80 })],
    });
  });

  test('the load balancer security group has no open egress', () => {
    const { stack, cluster } = newRouteCluster();
    cluster.addFixedResponse('Healthz', HEALTHZ);
    Template.fromStack(stack).hasResourceProperties('AWS::EC2::SecurityGroup', {
      SecurityGroupEgress: [Match.objectLike({ CidrIp: '255.255.255.255/32', Description: 'Disallow all traffic' })],
    });
  });
});

describe('access logs and deletion protection', () => {
  describe('PRODUCTION', () => {
    let template: Template;
    beforeAll(() => {
      const { stack, cluster } = newRouteCluster({ profile: PRODUCTION });
      cluster.addFixedResponse('Healthz', HEALTHZ);
      template = Template.fromStack(stack);
    });

    test('the access-log bucket uses SSE-S3 (ALB logs cannot use SSE-KMS)', () => {
      template.hasResourceProperties('AWS::S3::Bucket', {
        BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      });
    });

    test('the access-log bucket blocks all public access', () => {
      template.hasResourceProperties('AWS::S3::Bucket', {
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      });
    });

    test('the access-log bucket denies requests without TLS', () => {
      const { logicalId } = onlyResource(template, 'AWS::S3::Bucket');
      template.hasResourceProperties('AWS::S3::BucketPolicy', {
        Bucket: { Ref: logicalId },
        PolicyDocument: {
          Statement: Match.arrayWith([Match.objectLike({
            Effect: 'Deny',
            Action: 's3:*',
            Principal: { AWS: '*' },
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          })]),
        },
      });
    });

    test('access logs expire after 90 days', () => {
      template.hasResourceProperties('AWS::S3::Bucket', {
        LifecycleConfiguration: { Rules: [Match.objectLike({ ExpirationInDays: 90, Status: 'Enabled' })] },
      });
    });

    test('the bucket is retained with the stack', () => {
      template.hasResource('AWS::S3::Bucket', { DeletionPolicy: 'Retain' });
    });

    test('the load balancer writes access logs to the bucket', () => {
      const { logicalId } = onlyResource(template, 'AWS::S3::Bucket');
      template.hasResourceProperties(ALB, {
        LoadBalancerAttributes: Match.arrayWith([
          { Key: 'access_logs.s3.enabled', Value: 'true' },
          { Key: 'access_logs.s3.bucket', Value: { Ref: logicalId } },
        ]),
      });
    });

    test('the load balancer has deletion protection', () => {
      template.hasResourceProperties(ALB, {
        LoadBalancerAttributes: Match.arrayWith([{ Key: 'deletion_protection.enabled', Value: 'true' }]),
      });
    });
  });

  test.each([DEVELOPMENT, STAGING])('%s: no access logs, no deletion protection', (profile) => {
    const { stack, cluster } = newRouteCluster({ profile });
    cluster.addFixedResponse('Healthz', HEALTHZ);
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::S3::Bucket', 0);
    template.hasResourceProperties(ALB, {
      LoadBalancerAttributes: Match.not(Match.arrayWith([Match.objectLike({ Key: 'access_logs.s3.enabled' })])),
    });
    template.hasResourceProperties(ALB, {
      LoadBalancerAttributes: Match.not(Match.arrayWith([{ Key: 'deletion_protection.enabled', Value: 'true' }])),
    });
  });

  test('accessLogs: true turns access logs on in DEVELOPMENT', () => {
    const { stack, cluster } = newRouteCluster({ profile: DEVELOPMENT, accessLogs: true });
    cluster.addFixedResponse('Healthz', HEALTHZ);
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::S3::Bucket', 1);
    template.hasResourceProperties(ALB, {
      LoadBalancerAttributes: Match.arrayWith([{ Key: 'access_logs.s3.enabled', Value: 'true' }]),
    });
  });

  test('accessLogs: false turns access logs off in PRODUCTION (deletion protection stays)', () => {
    const { stack, cluster } = newRouteCluster({ profile: PRODUCTION, accessLogs: false });
    cluster.addFixedResponse('Healthz', HEALTHZ);
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::S3::Bucket', 0);
    template.hasResourceProperties(ALB, {
      LoadBalancerAttributes: Match.arrayWith([{ Key: 'deletion_protection.enabled', Value: 'true' }]),
    });
  });
});

describe('plain HTTP warning', () => {
  const PLAIN_HTTP = Match.stringLikeRegexp('cdk-microservices:MicroserviceCluster.plainHttp');

  test('PRODUCTION without a domain warns that traffic is unencrypted', () => {
    const { stack, cluster } = newRouteCluster({ profile: PRODUCTION });
    cluster.addFixedResponse('Healthz', HEALTHZ);
    Annotations.fromStack(stack).hasWarning('/Shop/Cluster',
      Match.stringLikeRegexp('serves plain HTTP in PRODUCTION[\\s\\S]*Set domain: \\{ domainName, hostedZone \\}[\\s\\S]*plainHttp'));
  });

  test('DEVELOPMENT does not warn', () => {
    const { stack, cluster } = newRouteCluster({ profile: DEVELOPMENT });
    cluster.addFixedResponse('Healthz', HEALTHZ);
    Annotations.fromStack(stack).hasNoWarning('*', PLAIN_HTTP);
  });

  test('an internal load balancer does not warn', () => {
    const { stack, cluster } = newRouteCluster({ profile: PRODUCTION, internetFacing: false });
    cluster.addFixedResponse('Healthz', HEALTHZ);
    Annotations.fromStack(stack).hasNoWarning('*', PLAIN_HTTP);
  });

  test('no warning while there is no load balancer', () => {
    const { stack } = newRouteCluster({ profile: PRODUCTION });
    Annotations.fromStack(stack).hasNoWarning('*', PLAIN_HTTP);
  });
});
