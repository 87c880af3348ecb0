import { App, Stack, StackProps } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as cwlogs from 'aws-cdk-lib/aws-logs';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import {
  AutoscaledFargateService,
  DiscoverableService,
  EnvironmentProfile,
  MicroserviceCluster,
  SecretsFromSsm,
} from '../src';

/** Props of the example shop. */
export interface ShopStackProps extends StackProps {
  readonly profile: EnvironmentProfile;
}

/**
 * The example shop: a web front end on `/*`, an API on `/api/*`, and three
 * internal services (orders, payments, inventory) wired with connectTo.
 */
export class ShopStack extends Stack {
  public readonly cluster: MicroserviceCluster;

  public constructor(scope: Construct, id: string, props: ShopStackProps) {
    super(scope, id, props);
    const stage = props.profile.toLowerCase();
    const image = (name: string) => ecs.ContainerImage.fromRegistry(`public.ecr.aws/acme/${name}:1.4.2`);

    // PRODUCTION serves HTTPS on the shop's domain; the other stages use plain HTTP on the ALB's name.
    const domain = props.profile === EnvironmentProfile.PRODUCTION ? {
      domainName: 'shop.example.com',
      hostedZone: route53.HostedZone.fromHostedZoneAttributes(this, 'Zone', { hostedZoneId: 'Z0123456789EXAMPLE', zoneName: 'example.com' }),
    } : undefined;
    this.cluster = new MicroserviceCluster(this, 'Shop', {
      profile: props.profile,
      domain,
      // PRODUCTION also takes the options that close the NIST 800-53 / Control Tower rules (README, "Compliance").
      ...(props.profile === EnvironmentProfile.PRODUCTION ? productionHardening(this) : {}),
    });
    this.cluster.addFixedResponse('Healthz', { pathPatterns: ['/healthz'], statusCode: 200, messageBody: 'ok' });

    const ordersSecrets = new SecretsFromSsm(this, 'OrdersSecrets', {
      pathPrefix: `/shop/${stage}/orders`,
      parameters: { DB_PASSWORD: 'db-password' },
    });
    const paymentsSecrets = new SecretsFromSsm(this, 'PaymentsSecrets', {
      parameters: { STRIPE_API_KEY: `/shop/${stage}/payments/stripe-api-key` },
    });

    const orders = new DiscoverableService(this, 'Orders', { cluster: this.cluster, image: image('orders'), secrets: ordersSecrets });
    const payments = new DiscoverableService(this, 'Payments', { cluster: this.cluster, image: image('payments'), secrets: paymentsSecrets });
    const inventory = new DiscoverableService(this, 'Inventory', { cluster: this.cluster, image: image('inventory') });

    const api = new AutoscaledFargateService(this, 'Api', {
      cluster: this.cluster,
      image: image('api'),
      pathPatterns: ['/api/*'],
      healthCheckPath: '/api/health',
      environment: { LOG_LEVEL: 'info' },
    });
    const web = new AutoscaledFargateService(this, 'Web', {
      cluster: this.cluster,
      image: image('web'),
      pathPatterns: ['/*'],
      healthCheckPath: '/health',
    });

    web.connectTo(api);
    api.connectTo(orders);
    api.connectTo(inventory);
    orders.connectTo(payments);
    orders.connectTo(inventory);
  }
}

/** The cluster options that close NIST 800-53 / Control Tower rules: a log key, a web ACL, a closed default security group. */
function productionHardening(scope: Construct) {
  const logEncryptionKey = new kms.Key(scope, 'LogKey', { enableKeyRotation: true, description: 'Shop log groups' });
  return {
    logEncryptionKey,
    webAclArn: commonRuleSetWebAcl(scope, logEncryptionKey).attrArn,
    restrictDefaultSecurityGroup: true,
  };
}

/** A regional web ACL with AWS's common rule set, for the shop's load balancer; its logs are encrypted with `logKey`. */
function commonRuleSetWebAcl(scope: Construct, logKey: kms.IKey): wafv2.CfnWebACL {
  const visibility = (metricName: string) => ({ cloudWatchMetricsEnabled: true, metricName, sampledRequestsEnabled: true });
  const webAcl = new wafv2.CfnWebACL(scope, 'WebAcl', {
    scope: 'REGIONAL',
    defaultAction: { allow: {} },
    visibilityConfig: visibility('shop'),
    rules: [{
      name: 'AWSManagedRulesCommonRuleSet',
      priority: 0,
      overrideAction: { none: {} },
      statement: { managedRuleGroupStatement: { vendorName: 'AWS', name: 'AWSManagedRulesCommonRuleSet' } },
      visibilityConfig: visibility('common-rule-set'),
    }],
  });
  // WAF logs go to a log group whose name starts with aws-waf-logs- (a WAF requirement).
  const logs = new cwlogs.LogGroup(scope, 'WebAclLogs', {
    logGroupName: 'aws-waf-logs-shop',
    retention: cwlogs.RetentionDays.ONE_YEAR,
    encryptionKey: logKey,
  });
  new wafv2.CfnLoggingConfiguration(scope, 'WebAclLogging', {
    resourceArn: webAcl.attrArn,
    logDestinationConfigs: [logs.logGroupArn],
  });
  return webAcl;
}

/** Builds the example app: one shop stack per profile. */
export function buildShopApp(app: App): ShopStack[] {
  const env = { account: '123456789012', region: 'eu-west-1' };
  return [EnvironmentProfile.DEVELOPMENT, EnvironmentProfile.STAGING, EnvironmentProfile.PRODUCTION].map((profile) =>
    new ShopStack(app, `Shop-${profile.charAt(0)}${profile.slice(1).toLowerCase()}`, { profile, env }));
}
