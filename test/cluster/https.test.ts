import { Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { importedVpc, newStack, onlyResource } from './fixtures';
import { ClusterDomainOptions, EnvironmentProfile, MicroserviceCluster, MicroserviceClusterProps } from '../../src';

const LISTENER = 'AWS::ElasticLoadBalancingV2::Listener';
const HEALTHZ = { pathPatterns: ['/healthz'], statusCode: 200, messageBody: 'ok' };
const CERT_ARN = 'arn:aws:acm:eu-west-1:123456789012:certificate/00000000-0000-0000-0000-000000000000';

function importedZone(stack: Stack): route53.IHostedZone {
  return route53.HostedZone.fromHostedZoneAttributes(stack, 'Zone', { hostedZoneId: 'Z0123456789', zoneName: 'example.com' });
}

/** A cluster with an imported VPC, a domain and one route (so the load balancer exists). */
function httpsCluster(
  domain: (stack: Stack) => ClusterDomainOptions,
  props: MicroserviceClusterProps = {},
): { stack: Stack; cluster: MicroserviceCluster } {
  const stack = newStack();
  const cluster = new MicroserviceCluster(stack, 'Cluster', { vpc: importedVpc(stack), domain: domain(stack), ...props });
  cluster.addFixedResponse('Healthz', HEALTHZ);
  return { stack, cluster };
}

describe('domain with a public hosted zone in the stack', () => {
  let stack: Stack;
  let cluster: MicroserviceCluster;
  let template: Template;
  let zoneId: string;
  beforeAll(() => {
    ({ stack, cluster } = httpsCluster((s) => ({
      domainName: 'shop.example.com',
      hostedZone: new route53.PublicHostedZone(s, 'Zone', { zoneName: 'example.com' }),
    })));
    template = Template.fromStack(stack);
    zoneId = onlyResource(template, 'AWS::Route53::HostedZone').logicalId;
  });

  test('creates a DNS-validated ACM certificate for the domain in that zone', () => {
    template.hasResourceProperties('AWS::CertificateManager::Certificate', {
      DomainName: 'shop.example.com',
      ValidationMethod: 'DNS',
      DomainValidationOptions: [{ DomainName: 'shop.example.com', HostedZoneId: { Ref: zoneId } }],
    });
  });

  test('serves HTTPS on 443 with the TLS 1.3 policy and the certificate', () => {
    const { logicalId: certificate } = onlyResource(template, 'AWS::CertificateManager::Certificate');
    template.hasResourceProperties(LISTENER, {
      Port: 443,
      Protocol: 'HTTPS',
      SslPolicy: 'ELBSecurityPolicy-TLS13-1-3-2021-06',
      Certificates: [{ CertificateArn: { Ref: certificate } }],
      DefaultActions: [Match.objectLike({ Type: 'fixed-response', FixedResponseConfig: Match.objectLike({ StatusCode: '404' }) })],
    });
  });

  test('redirects HTTP on 80 to HTTPS on 443 (301)', () => {
    template.resourceCountIs(LISTENER, 2);
    template.hasResourceProperties(LISTENER, {
      Port: 80,
      Protocol: 'HTTP',
      DefaultActions: [{ Type: 'redirect', RedirectConfig: { Protocol: 'HTTPS', Port: '443', StatusCode: 'HTTP_301' } }],
    });
  });

  test('routes attach to the HTTPS listener', () => {
    const https = Object.entries(template.findResources(LISTENER, { Properties: { Port: 443 } }));
    expect(https).toHaveLength(1);
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::ListenerRule', { ListenerArn: { Ref: https[0][0] } });
  });

  test('points an A alias record for the domain at the load balancer', () => {
    const { logicalId: alb } = onlyResource(template, 'AWS::ElasticLoadBalancingV2::LoadBalancer');
    template.hasResourceProperties('AWS::Route53::RecordSet', {
      Name: 'shop.example.com.',
      Type: 'A',
      HostedZoneId: { Ref: zoneId },
      AliasTarget: Match.objectLike({ DNSName: Match.objectLike({ 'Fn::Join': Match.arrayWith([Match.arrayWith([{ 'Fn::GetAtt': [alb, 'DNSName'] }])]) }) }),
    });
  });

  test('the security group admits 80 and 443 from anywhere', () => {
    template.hasResourceProperties('AWS::EC2::SecurityGroup', {
      SecurityGroupIngress: [
        Match.objectLike({ CidrIp: '0.0.0.0/0', FromPort: 80, ToPort: 80 }),
        Match.objectLike({ CidrIp: '0.0.0.0/0', FromPort: 443, ToPort: 443 }),
      ],
    });
  });

  test('url is https://<domainName>', () => {
    expect(cluster.url).toBe('https://shop.example.com');
  });
});

describe('domain options', () => {
  test('an imported public zone (fromHostedZoneAttributes) validates the certificate through its id', () => {
    const { stack } = httpsCluster((s) => ({ domainName: 'shop.example.com', hostedZone: importedZone(s) }));
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::CertificateManager::Certificate', {
      DomainName: 'shop.example.com',
      DomainValidationOptions: [{ DomainName: 'shop.example.com', HostedZoneId: 'Z0123456789' }],
    });
    template.hasResourceProperties('AWS::Route53::RecordSet', { Name: 'shop.example.com.', Type: 'A', HostedZoneId: 'Z0123456789' });
  });

  test('the zone apex itself is a valid domainName', () => {
    const { stack } = httpsCluster((s) => ({ domainName: 'example.com', hostedZone: importedZone(s) }));
    Template.fromStack(stack).hasResourceProperties('AWS::CertificateManager::Certificate', { DomainName: 'example.com' });
  });

  test('subjectAlternativeNames go on the certificate, and each non-wildcard name gets an alias record', () => {
    const { stack } = httpsCluster((s) => ({
      domainName: 'shop.example.com',
      hostedZone: importedZone(s),
      subjectAlternativeNames: ['api.example.com', '*.shop.example.com'],
    }));
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::CertificateManager::Certificate', {
      SubjectAlternativeNames: ['api.example.com', '*.shop.example.com'],
    });
    template.resourceCountIs('AWS::Route53::RecordSet', 2);
    template.hasResourceProperties('AWS::Route53::RecordSet', { Name: 'api.example.com.', Type: 'A' });
  });

  test('a given certificate is used as is: no new certificate', () => {
    const { stack } = httpsCluster((s) => ({
      domainName: 'shop.example.com',
      hostedZone: importedZone(s),
      certificate: acm.Certificate.fromCertificateArn(s, 'Cert', CERT_ARN),
    }));
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::CertificateManager::Certificate', 0);
    template.hasResourceProperties(LISTENER, { Port: 443, Certificates: [{ CertificateArn: CERT_ARN }] });
  });

  test('a private hosted zone with a certificate is accepted', () => {
    const stack = newStack();
    const vpc = importedVpc(stack);
    const cluster = new MicroserviceCluster(stack, 'Cluster', {
      vpc,
      domain: {
        domainName: 'shop.example.com',
        hostedZone: new route53.PrivateHostedZone(stack, 'Zone', { zoneName: 'example.com', vpc }),
        certificate: acm.Certificate.fromCertificateArn(stack, 'Cert', CERT_ARN),
      },
    });
    cluster.addFixedResponse('Healthz', HEALTHZ);
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::CertificateManager::Certificate', 0);
    template.hasResourceProperties(LISTENER, { Port: 443, Certificates: [{ CertificateArn: CERT_ARN }] });
  });

  test('without a load balancer, a domain creates no certificate, listener or record', () => {
    const stack = newStack();
    new MicroserviceCluster(stack, 'Cluster', {
      vpc: importedVpc(stack),
      domain: { domainName: 'shop.example.com', hostedZone: importedZone(stack) },
    });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::CertificateManager::Certificate', 0);
    template.resourceCountIs('AWS::Route53::RecordSet', 0);
  });

  test('PRODUCTION with a domain does not warn about plain HTTP', () => {
    const { stack } = httpsCluster((s) => ({ domainName: 'shop.example.com', hostedZone: importedZone(s) }),
      { profile: EnvironmentProfile.PRODUCTION });
    Annotations.fromStack(stack).hasNoWarning('*', Match.stringLikeRegexp('plainHttp'));
  });
});

describe('bad domains', () => {
  test('a private hosted zone without a certificate is an error', () => {
    const stack = newStack();
    const vpc = importedVpc(stack);
    const hostedZone = new route53.PrivateHostedZone(stack, 'Zone', { zoneName: 'example.com', vpc });
    expect(() => new MicroserviceCluster(stack, 'Cluster', { vpc, domain: { domainName: 'shop.example.com', hostedZone } }))
      .toThrow(/invalid MicroserviceCluster at 'Shop\/Cluster'[\s\S]*domain\.hostedZone: 'example\.com' is a private hosted zone; ACM cannot validate[\s\S]*Pass domain\.certificate/);
  });

  test('a domainName outside the hosted zone is an error naming both', () => {
    const stack = newStack();
    expect(() => new MicroserviceCluster(stack, 'Cluster', {
      vpc: importedVpc(stack),
      domain: { domainName: 'shop.example.org', hostedZone: importedZone(stack) },
    })).toThrow(/Shop\/Cluster[\s\S]*domain\.domainName: 'shop\.example\.org' is not allowed: expected a name inside the hosted zone 'example\.com'/);
  });

  test('a name that only ends with the zone text is outside the zone', () => {
    const stack = newStack();
    expect(() => new MicroserviceCluster(stack, 'Cluster', {
      vpc: importedVpc(stack),
      domain: { domainName: 'shopexample.com', hostedZone: importedZone(stack) },
    })).toThrow(/domain\.domainName: 'shopexample\.com' is not allowed/);
  });
});

describe('host headers outside the certificate', () => {
  const HOST_WARNING = Match.stringLikeRegexp('hostNotOnCertificate');

  function withRoute(hostHeaders: string[], subjectAlternativeNames?: string[], certificate = false): Stack {
    const { stack, cluster } = httpsCluster((s) => ({
      domainName: 'shop.example.com',
      hostedZone: importedZone(s),
      subjectAlternativeNames,
      certificate: certificate ? acm.Certificate.fromCertificateArn(s, 'Cert', CERT_ARN) : undefined,
    }));
    cluster.addFixedResponse('Hosted', { hostHeaders, statusCode: 200 });
    return stack;
  }

  test('a host header not on the certificate gets a warning on the route', () => {
    const stack = withRoute(['api.example.com']);
    Annotations.fromStack(stack).hasWarning('/Shop/Cluster/Routes/Hosted',
      Match.stringLikeRegexp("host header 'api.example.com' is not a name on the load balancer's certificate[\\s\\S]*domain.subjectAlternativeNames"));
  });

  test('the domain name itself does not warn (case-insensitive)', () => {
    Annotations.fromStack(withRoute(['Shop.Example.com'])).hasNoWarning('*', HOST_WARNING);
  });

  test('a subject alternative name does not warn', () => {
    Annotations.fromStack(withRoute(['api.example.com'], ['api.example.com'])).hasNoWarning('*', HOST_WARNING);
  });

  test('a wildcard name covers exactly one label', () => {
    Annotations.fromStack(withRoute(['api.example.com'], ['*.example.com'])).hasNoWarning('*', HOST_WARNING);
    Annotations.fromStack(withRoute(['a.b.example.com'], ['*.example.com'])).hasWarning('/Shop/Cluster/Routes/Hosted', HOST_WARNING);
  });

  test('with a given certificate (names unknown), no warning', () => {
    Annotations.fromStack(withRoute(['api.other.com'], undefined, true)).hasNoWarning('*', HOST_WARNING);
  });
});
