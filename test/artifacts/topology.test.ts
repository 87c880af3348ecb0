import {
  internalOnlyModel, ordersService, paymentsService, ref, SERVICES_TEMPLATE, servicesTemplate, SHOP_TEMPLATE, shopModel, shopTemplate, shopTemplates,
} from './fixtures';
import { ClusterModel } from '../../src/artifacts/model';
import { TemplateSet } from '../../src/artifacts/templates';
import { renderTopology } from '../../src/artifacts/topology';

/** The text of a Markdown section: from its heading to the next heading of the same or a higher level. */
function section(markdown: string, heading: string): string {
  const lines = markdown.split('\n');
  const start = lines.indexOf(heading);
  if (start < 0) throw new Error(`no heading '${heading}' in:\n${markdown}`);
  const level = heading.indexOf(' ');
  const end = lines.findIndex((l, i) => i > start && /^#+ /.test(l) && l.indexOf(' ') <= level);
  return lines.slice(start, end < 0 ? undefined : end).join('\n');
}

function mermaid(markdown: string): string {
  const match = /```mermaid\n([\s\S]*?)```/.exec(markdown);
  if (!match) throw new Error('no mermaid block');
  return match[1];
}

const report = renderTopology(shopModel(), shopTemplates());

describe('overview', () => {
  test('names the cluster, its stack, profile, Region and namespace', () => {
    expect(report).toMatch(/^# Topology of the MicroserviceCluster `Shop`/);
    expect(report).toContain('| **Stack** | `ShopStack` |');
    expect(report).toContain('| **Profile** | PRODUCTION |');
    expect(report).toContain('| **Region** | `us-east-1` |');
    expect(report).toContain('| **Service discovery namespace** | `shop.internal` |');
  });

  test('says when the Region is not known', () => {
    expect(renderTopology(shopModel({ region: undefined }), shopTemplates())).toContain('not known at synth time (environment-agnostic stack)');
  });

  test('points at the Compose file of the base name', () => {
    expect(renderTopology(shopModel(), shopTemplates(), { baseName: 'ShopStack.Shop' }))
      .toContain('`docker-compose -f ShopStack.Shop.docker-compose.yml up --build`');
  });
});

describe('diagram', () => {
  const diagram = mermaid(report);

  test('goes from the internet through the load balancer and its rules to the services', () => {
    expect(diagram).toContain('clients --> alb');
    expect(diagram).toContain('alb -->|"1000: path /*"| svc_web');
    expect(diagram).toContain('alb -->|"5: host Admin.Shop.example.com and path /admin/*"| route_5');
    expect(diagram).toContain('route_5["fixed response 403 (text/plain)"]');
    expect(diagram).toContain('alb -.->|"no rule matches"| default_404');
  });

  test('has an edge per connectTo, labelled with the port', () => {
    expect(diagram).toContain('svc_web -->|":8080"| svc_orders');
    expect(diagram).toContain('svc_orders -->|":9090"| svc_payments');
  });

  test('links services to the SSM parameters they read, by name only', () => {
    expect(diagram).toContain('ssm_0[("SSM /shop/prod/orders/db-password")]');
    expect(diagram).toContain('svc_orders -.->|"DB_PASSWORD"| ssm_0');
    expect(diagram).toContain('svc_payments -.->|"API_KEY"| ssm_1');
  });

  test('escapes characters Mermaid would misread', () => {
    expect(diagram).toContain('#35;{path}');
    expect(diagram).not.toMatch(/\["[^"\]]*#\{/);
  });

  test('an internal-only cluster has no load balancer', () => {
    const internal = mermaid(renderTopology(internalOnlyModel(), shopTemplates()));
    expect(internal).not.toContain('alb');
    expect(internal).toContain('svc_orders -->|":9090"| svc_payments');
  });
});

describe('routes', () => {
  test('lists the rules in priority order with their actions', () => {
    const routes = section(report, '## Routes (load balancer listener rules)');
    const priorities = [...routes.matchAll(/^\| (\d+) \|/gm)].map((m) => Number(m[1]));
    expect(priorities).toEqual([5, 20, 30, 40, 1000]);
    expect(routes).toContain('| 1000 | any | `/*` | forward to web:8080 | `ShopStack/Web` |');
    expect(routes).toContain('Lambda function ShopStack/Fn');
    expect(routes).toContain('No match: fixed `404`');
  });

  test('says when there is no load balancer', () => {
    expect(renderTopology(internalOnlyModel(), shopTemplates())).toContain('No load balancer: every service is internal.');
  });
});

describe('service sections', () => {
  const payments = section(report, '### payments');
  const web = section(report, '### web');

  test('describe endpoint, DNS name, port, size, architecture, capacity, task bounds and scaling', () => {
    expect(payments).toContain('| **Endpoint (Service Connect)** | `http://payments:9090` |');
    expect(payments).toContain('| **DNS name (Cloud Map)** | `payments.shop.internal` |');
    expect(payments).toContain('| **Port** | 9090 |');
    expect(payments).toContain('| **CPU / memory** | 1 vCPU / 2048 MiB |');
    expect(payments).toContain('| **Architecture** | X86_64 |');
    expect(payments).toContain('| **Capacity** | mixed: 1 on-demand task as base, the rest on Fargate Spot |');
    expect(payments).toContain('| **Tasks** | min 3 / max 6 (autoscaled) |');
    expect(payments).toContain('| **Scaling triggers** | CPU 70 %<br>memory 80 % |');
    expect(web).toContain('| **Routes** | 1000: path /\\* |');
    expect(web).toContain('| **Public URL** | `https://shop.example.com/` |');
  });

  test('"who can reach payments" lists every ingress rule of the templates, including the user\'s', () => {
    const reach = section(payments, '#### Who can reach payments');
    expect(reach).toContain('| `orders` | tcp 9090 | orders to payments |');
    expect(reach).toContain('| `10.20.0.0/16` | tcp 9090 | office VPN |');
    expect(reach).not.toContain('`web`');
  });

  test('reachability follows the templates, not connectTo', () => {
    const templates = shopTemplates();
    const services = servicesTemplate();
    const { PaymentsFromOrders: _removed, ...rest } = services.Resources ?? {};
    const withoutRule: TemplateSet = { ...templates, [SERVICES_TEMPLATE]: { ...services, Resources: rest } };
    const changed = renderTopology(shopModel(), withoutRule);
    expect(section(section(changed, '### payments'), '#### Who can reach payments')).not.toContain('`orders`');
    expect(changed).toContain('Note: `orders` → `payments` is declared with `connectTo` but no matching ingress rule was found in the templates.');
  });

  test('resolves rules written in another stack (imported security group)', () => {
    expect(section(section(report, '### orders'), '#### Who can reach orders')).toContain('| `web` | tcp 8080 | web to orders |');
  });

  test('a public service shows the path from the internet through the load balancer', () => {
    const reach = section(web, '#### Who can reach web');
    expect(reach).toContain('| `load balancer` | tcp 8080 |');
    expect(reach).toContain('Through the load balancer, by rule 1000 (path /\\*); the load balancer admits `anywhere (0.0.0.0/0)` on tcp 443');
  });

  test('shows where the service may connect and which other groups admit it', () => {
    const orders = section(report, '### orders');
    expect(section(orders, '#### Where orders may connect')).toContain('| `anywhere (0.0.0.0/0)` | all traffic |');
    expect(orders).toContain('| `Database/SecurityGroup` | tcp 5432 | orders to db |');
    expect(section(payments, '#### Where payments may connect')).toContain('no traffic (CDK placeholder: outbound traffic disallowed)');
  });

  test('"what payments may do in AWS" lists task role first, then execution role, with every statement', () => {
    const can = section(payments, '#### What payments may do in AWS');
    expect(can.indexOf('##### Task role: Payments/TaskDef/TaskRole')).toBeLessThan(can.indexOf('##### Execution role: Payments/TaskDef/ExecutionRole'));
    expect(can).toContain('| Allow | `sqs:SendMessage` | `arn:${Partition}:sqs:${Region}:${Account}:payments-queue` | – | AWS::IAM::Policy PaymentsQueuePolicy |');
    expect(can).toContain('AWS managed policy AmazonS3ReadOnlyAccess');
    expect(can).toContain('`arn:${Partition}:ssm:${Region}:${Account}:parameter/shop/prod/payments/api-key`');
    expect(can).toContain('Assumable by `Service ecs-tasks.amazonaws.com`.');
  });

  test('includes statements a user added, with their conditions, and flags Resource *', () => {
    const can = section(web, '#### What web may do in AWS');
    expect(can).toContain('| Allow | `s3:GetObject` | `arn:${Partition}:s3:::shop-assets/*` | `StringEquals s3:ExistingObjectTag/public = yes or true` |');
    expect(can).toContain('`ssmmessages:CreateControlChannel`<br>`ssmmessages:CreateDataChannel`');
    expect(can).toContain('`*` (any resource)');
    expect(can).toContain('`arn:${Partition}:logs:${Region}:${Account}:log-group:${Shop/ExecLogs}:*`');
  });

  test('lists the SSM parameter names each service reads', () => {
    const secrets = section(payments, '#### Secrets payments reads');
    expect(secrets).toContain('| `API_KEY` | `/shop/prod/payments/api-key` | `ServicesStack/PaymentsSecrets` |');
    expect(secrets).toContain('| `DB_PASSWORD` | `/shop/prod/payments/db-password` | `ServicesStack/PaymentsSecrets` |');
    expect(section(web, '#### Secrets web reads')).toContain('None.');
  });

  test('says when a role is not in the templates', () => {
    const model = shopModel({ services: [ordersService({ roles: [ref(SERVICES_TEMPLATE, 'Ghost', 'ServicesStack/Orders/Ghost/Resource')] })] });
    expect(renderTopology(model, shopTemplates())).toContain('Not found in the templates (`ServicesStack.template.json`, logical id `Ghost`).');
  });
});

describe('who may call whom', () => {
  const matrix = section(report, '## Who may call whom');

  test('is a matrix of sources and destinations derived from the security groups', () => {
    expect(matrix).toContain('| From \\ To | `load balancer` | `orders` | `payments` | `web` |');
    expect(matrix).toContain('| `anywhere (0.0.0.0/0)` | tcp 443<br>tcp 80 | – | – | – |');
    expect(matrix).toContain('| `load balancer` | – | – | – | tcp 8080 |');
    expect(matrix).toContain('| `web` | – | tcp 8080 | – | – |');
    expect(matrix).toContain('| `orders` | – | – | tcp 9090 | – |');
    expect(matrix).toContain('| `10.20.0.0/16` | – | – | tcp 9090 | – |');
  });
});

describe('IAM roles of the cluster', () => {
  test('lists the cluster\'s own roles with their inline policies', () => {
    const roles = section(report, '## IAM roles of the cluster itself');
    expect(roles).toContain('### Role: Shop/Vpc/FlowLogs/IAMRole');
    expect(roles).toContain('Assumable by `Service vpc-flow-logs.amazonaws.com`.');
    expect(roles).toContain('inline policy FlowLogs');
  });
});

describe('cost', () => {
  test('states Region, price date, a total and one line per component', () => {
    const cost = section(report, '## Estimated monthly baseline cost');
    expect(cost).toMatch(/Prices: `us-east-1`, as of \d{4}-\d{2}-\d{2}\. Total: \*\*\$\d+\.\d{2} \/ month\*\*\./);
    expect(cost).toContain('| Fargate tasks: payments | 3 tasks × 1 vCPU / 2 GB, X86\\_64, 1 on-demand + 2 Spot |');
    expect(cost).toContain('| NAT gateways | 3 gateways | $0.045 / hour | $98.55 / month |');
    expect(cost).toContain('| Public IPv4 addresses | 6 addresses | $0.005 / hour | $21.90 / month |');
    expect(cost).toContain('| Application Load Balancers | 1 load balancer | $0.0225 / hour | $16.43 / month |');
    expect(cost).toContain('Not included: data transfer');
  });

  test('changes with the inputs', () => {
    const total = (model: ClusterModel): number => {
      const match = /Total: \*\*\$([\d.]+) \/ month/.exec(renderTopology(model, shopTemplates()));
      expect(match).not.toBeNull();
      return Number(match![1]);
    };
    const base = total(shopModel());
    const scaledOut = paymentsService({ scaling: { minCapacity: 6, maxCapacity: 6, triggers: [] } });
    const bigger = shopModel({ services: [...shopModel().services.slice(0, 2), scaledOut] });
    expect(base).toBeGreaterThan(0);
    expect(total(bigger)).toBeGreaterThan(base);
    expect(total(shopModel({ vpc: { maxAzs: 2, natGateways: 1, flowLogs: true } }))).toBeLessThan(base);
  });

  test('shows each service\'s share', () => {
    expect(section(report, '### orders')).toContain('| **Estimated cost** | $14.42 / month (2 tasks × 0.25 vCPU / 0.5 GB, ARM64, on-demand) |');
  });
});

describe('secrets', () => {
  test('the report contains parameter names but never a value', () => {
    // values only exist in SSM and in a developer's local env file; nothing here may look like an assignment
    expect(report).not.toMatch(/DB_PASSWORD=|API_KEY=/);
    expect(report).toContain('Secret values never appear here.');
  });
});

describe('robustness', () => {
  test('renders a cluster without services', () => {
    const empty = renderTopology(shopModel({ services: [], routes: [], loadBalancer: undefined, roles: [] }), { [SHOP_TEMPLATE]: shopTemplate() });
    expect(empty).toContain('## Services\n\nNone yet.');
    expect(empty).toContain('No ingress rule.');
  });

  test('is deterministic', () => {
    expect(renderTopology(shopModel(), shopTemplates())).toBe(report);
  });
});
