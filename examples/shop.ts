import { App, Stack, StackProps } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as route53 from 'aws-cdk-lib/aws-route53';
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
    this.cluster = new MicroserviceCluster(this, 'Shop', { profile: props.profile, domain });
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

/** Builds the example app: one shop stack per profile. */
export function buildShopApp(app: App): ShopStack[] {
  const env = { account: '123456789012', region: 'eu-west-1' };
  return [EnvironmentProfile.DEVELOPMENT, EnvironmentProfile.STAGING, EnvironmentProfile.PRODUCTION].map((profile) =>
    new ShopStack(app, `Shop-${profile.charAt(0)}${profile.slice(1).toLowerCase()}`, { profile, env }));
}
