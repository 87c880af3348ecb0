import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { newRouteCluster, onlyResource, onlyRulePriority, rulePriorities } from './fixtures';
import { MicroserviceCluster, RouteOptions } from '../../src';
import { allocatePriority } from '../../src/internal/priorities';

const RULE = 'AWS::ElasticLoadBalancingV2::ListenerRule';

/** Adds a fixed-response route per entry (the id is the map key). */
function withRoutes(routes: { [id: string]: RouteOptions }): { stack: Stack; cluster: MicroserviceCluster } {
  const { stack, cluster } = newRouteCluster();
  for (const [id, route] of Object.entries(routes)) {
    cluster.addFixedResponse(id, { ...route, statusCode: 200 });
  }
  return { stack, cluster };
}

function synth(stack: Stack): void {
  (stack.node.root as App).synth();
}

describe('addFixedResponse', () => {
  test('/healthz answers 200 ok', () => {
    const { stack, cluster } = newRouteCluster();
    cluster.addFixedResponse('Healthz', { pathPatterns: ['/healthz'], statusCode: 200, messageBody: 'ok' });
    Template.fromStack(stack).hasResourceProperties(RULE, {
      Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/healthz'] } }],
      Actions: [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '200', ContentType: 'text/plain', MessageBody: 'ok' } }],
      Priority: allocatePriority({ hostHeaders: [], pathPatterns: ['/healthz'] }),
    });
  });

  test('contentType and a 5XX status are passed through', () => {
    const { stack, cluster } = newRouteCluster();
    cluster.addFixedResponse('Down', { pathPatterns: ['/down'], statusCode: 503, contentType: 'application/json', messageBody: '{}' });
    Template.fromStack(stack).hasResourceProperties(RULE, {
      Actions: [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '503', ContentType: 'application/json', MessageBody: '{}' } }],
    });
  });

  test('returns the listener rule, under <cluster>/Routes/<id>', () => {
    const { cluster } = newRouteCluster();
    const rule = cluster.addFixedResponse('Healthz', { pathPatterns: ['/healthz'], statusCode: 200 });
    expect(rule.node.path).toBe('Shop/Cluster/Routes/Healthz/Rule');
  });

  test.each([301, 302])('status %p is an error that points to addRedirect', (statusCode) => {
    const { cluster } = newRouteCluster();
    expect(() => cluster.addFixedResponse('Moved', { pathPatterns: ['/old'], statusCode }))
      .toThrow(new RegExp(`invalid fixed response at 'Shop/Cluster/Routes/Moved'[\\s\\S]*statusCode: ${statusCode} is not allowed[\\s\\S]*Use addRedirect`));
  });

  test.each([100, 600, 200.5])('status %p is an error', (statusCode) => {
    const { cluster } = newRouteCluster();
    expect(() => cluster.addFixedResponse('Bad', { pathPatterns: ['/x'], statusCode }))
      .toThrow(new RegExp(`Shop/Cluster/Routes/Bad[\\s\\S]*statusCode: ${statusCode} is not allowed`));
  });

  test('a body over 1024 characters is an error', () => {
    const { cluster } = newRouteCluster();
    expect(() => cluster.addFixedResponse('Big', { pathPatterns: ['/x'], statusCode: 200, messageBody: 'x'.repeat(1025) }))
      .toThrow(/Shop\/Cluster\/Routes\/Big[\s\S]*messageBody: 'x{20}\.\.\.' is not allowed: expected at most 1024 characters/);
  });

  test('a failed route creates no load balancer', () => {
    const { cluster } = newRouteCluster();
    expect(() => cluster.addFixedResponse('Moved', { pathPatterns: ['/old'], statusCode: 301 })).toThrow();
    expect(cluster.loadBalancer).toBeUndefined();
  });
});

describe('addRedirect', () => {
  test('host old.example.com → new.example.com, permanent (301) by default', () => {
    const { stack, cluster } = newRouteCluster();
    cluster.addRedirect('Old', { hostHeaders: ['old.example.com'], host: 'new.example.com' });
    Template.fromStack(stack).hasResourceProperties(RULE, {
      Conditions: [{ Field: 'host-header', HostHeaderConfig: { Values: ['old.example.com'] } }],
      Actions: [{ Type: 'redirect', RedirectConfig: { Host: 'new.example.com', StatusCode: 'HTTP_301' } }],
      Priority: allocatePriority({ hostHeaders: ['old.example.com'], pathPatterns: [] }),
    });
  });

  test('permanent: false → temporary (302)', () => {
    const { stack, cluster } = newRouteCluster();
    cluster.addRedirect('Old', { hostHeaders: ['old.example.com'], host: 'new.example.com', permanent: false });
    Template.fromStack(stack).hasResourceProperties(RULE, {
      Actions: [{ Type: 'redirect', RedirectConfig: Match.objectLike({ StatusCode: 'HTTP_302' }) }],
    });
  });

  test('every target component is passed through', () => {
    const { stack, cluster } = newRouteCluster();
    cluster.addRedirect('Docs', { pathPatterns: ['/docs'], protocol: 'HTTPS', host: 'docs.example.com', port: '443', path: '/v2', query: 'a=1' });
    Template.fromStack(stack).hasResourceProperties(RULE, {
      Actions: [{
        Type: 'redirect',
        RedirectConfig: { Protocol: 'HTTPS', Host: 'docs.example.com', Port: '443', Path: '/v2', Query: 'a=1', StatusCode: 'HTTP_301' },
      }],
    });
  });

  test('a redirect without a target is an error', () => {
    const { cluster } = newRouteCluster();
    expect(() => cluster.addRedirect('Nowhere', { pathPatterns: ['/old'] }))
      .toThrow(/invalid redirect at 'Shop\/Cluster\/Routes\/Nowhere'[\s\S]*no target given\. Set at least one of host, path, port, protocol or query/);
  });

  test('a protocol other than HTTP or HTTPS is an error', () => {
    const { cluster } = newRouteCluster();
    expect(() => cluster.addRedirect('Ftp', { pathPatterns: ['/old'], protocol: 'ftp' }))
      .toThrow(/Routes\/Ftp[\s\S]*protocol: 'ftp' is not allowed: expected 'HTTP' or 'HTTPS'/);
  });

  test('a target path without a leading / is an error', () => {
    const { cluster } = newRouteCluster();
    expect(() => cluster.addRedirect('Rel', { pathPatterns: ['/old'], path: 'new' }))
      .toThrow(/Routes\/Rel[\s\S]*path: 'new' is not allowed: expected a path starting with \//);
  });
});

describe('addLambdaRoute', () => {
  let template: Template;
  beforeAll(() => {
    const { stack, cluster } = newRouteCluster();
    const handler = new lambda.Function(stack, 'Handler', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });'),
    });
    cluster.addLambdaRoute('Hook', { pathPatterns: ['/hook'], handler });
    template = Template.fromStack(stack);
  });

  test('creates a lambda target group for the function', () => {
    const fn = onlyResource(template, 'AWS::Lambda::Function').logicalId;
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', {
      TargetType: 'lambda',
      Targets: [{ Id: { 'Fn::GetAtt': [fn, 'Arn'] } }],
    });
  });

  test('lets the load balancer invoke the function', () => {
    const fn = onlyResource(template, 'AWS::Lambda::Function').logicalId;
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      FunctionName: { 'Fn::GetAtt': [fn, 'Arn'] },
      Principal: 'elasticloadbalancing.amazonaws.com',
    });
  });

  test('forwards the route to the target group', () => {
    const tg = onlyResource(template, 'AWS::ElasticLoadBalancingV2::TargetGroup').logicalId;
    template.hasResourceProperties(RULE, {
      Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/hook'] } }],
      Actions: [Match.objectLike({ Type: 'forward', TargetGroupArn: { Ref: tg } })],
      Priority: allocatePriority({ hostHeaders: [], pathPatterns: ['/hook'] }),
    });
  });
});

describe('route validation', () => {
  function routeError(route: RouteOptions): () => void {
    const { cluster } = newRouteCluster();
    return () => cluster.addFixedResponse('Bad', { ...route, statusCode: 200 });
  }

  test('a route without pathPatterns or hostHeaders is an error', () => {
    expect(routeError({})).toThrow(/invalid fixed response at 'Shop\/Cluster\/Routes\/Bad'[\s\S]*neither is set, so the route matches nothing/);
  });

  test('more than 5 condition values is an error (ALB limit)', () => {
    expect(routeError({ hostHeaders: ['a.example.com', 'b.example.com'], pathPatterns: ['/a', '/b', '/c', '/d'] }))
      .toThrow(/Routes\/Bad[\s\S]*pathPatterns \+ hostHeaders: \["a\.example\.com","b\.example\.com","\/a","\/b","\/c","\/d"\] is not allowed: expected at most 5 values in one rule/);
  });

  test('5 condition values are accepted', () => {
    expect(routeError({ hostHeaders: ['a.example.com'], pathPatterns: ['/a', '/b', '/c', '/d'] })).not.toThrow();
    const { stack } = withRoutes({ Five: { hostHeaders: ['a.example.com'], pathPatterns: ['/a', '/b', '/c', '/d'] } });
    Template.fromStack(stack).hasResourceProperties(RULE, {
      Conditions: [
        { Field: 'host-header', HostHeaderConfig: { Values: ['a.example.com'] } },
        { Field: 'path-pattern', PathPatternConfig: { Values: ['/a', '/b', '/c', '/d'] } },
      ],
    });
  });

  test('more than 5 wildcards is an error (ALB limit)', () => {
    expect(routeError({ pathPatterns: ['/a/*/*/*', '/b/*/*/*'] })).toThrow(/expected at most 5 wildcards/);
  });

  test('a path pattern without a leading / is an error', () => {
    expect(routeError({ pathPatterns: ['api/*'] }))
      .toThrow(/Routes\/Bad[\s\S]*pathPatterns: 'api\/\*' is not allowed: expected a path starting with '\/'/);
  });

  test('a path pattern over 128 characters is an error', () => {
    const long = `/${'a'.repeat(128)}`;
    expect(routeError({ pathPatterns: [long] })).toThrow(new RegExp(`pathPatterns: '${long}' is not allowed`));
  });

  test('an invalid host header is an error', () => {
    expect(routeError({ hostHeaders: ['api_example.com'] })).toThrow(/hostHeaders: 'api_example\.com' is not allowed: expected a host name/);
  });

  test('a repeated value is an error', () => {
    expect(routeError({ pathPatterns: ['/a', '/a'] })).toThrow(/pathPatterns \+ hostHeaders: \["\/a"\] is not allowed: expected each value once/);
  });

  test.each([0, 50_001, 1.5])('priority %p is an error', (priority) => {
    expect(routeError({ pathPatterns: ['/a'], priority }))
      .toThrow(new RegExp(`Routes/Bad[\\s\\S]*priority: ${priority} is not allowed: expected an integer from 1 to 50000`));
  });
});

describe('rule priorities', () => {
  const ROUTES: { [id: string]: RouteOptions } = {
    Web: { pathPatterns: ['/*'] },
    Api: { pathPatterns: ['/api/*'] },
    Orders: { pathPatterns: ['/api/orders/*'] },
    Healthz: { pathPatterns: ['/healthz'] },
    Admin: { hostHeaders: ['admin.example.com'] },
    Tenants: { hostHeaders: ['*.example.com'] },
    AdminApi: { hostHeaders: ['admin.example.com'], pathPatterns: ['/api/*'] },
  };
  const pick = (...ids: string[]) => Object.fromEntries(ids.map((id) => [id, ROUTES[id]]));

  test('adding rules never changes the priority of existing rules', () => {
    const before = rulePriorities(withRoutes(pick('Api', 'Admin')).stack);
    const after = rulePriorities(withRoutes(pick('Web', 'Api', 'Orders', 'Healthz', 'Admin', 'Tenants', 'AdminApi')).stack);
    expect(Object.keys(before)).toEqual(['Cluster/Routes/Api', 'Cluster/Routes/Admin']);
    for (const [path, priority] of Object.entries(before)) {
      expect(after[path]).toBe(priority);
    }
  });

  test('removing rules never changes the priority of the remaining rules', () => {
    const all = rulePriorities(withRoutes(ROUTES).stack);
    const fewer = rulePriorities(withRoutes(pick('Orders', 'Tenants')).stack);
    expect(fewer).toEqual({ 'Cluster/Routes/Orders': all['Cluster/Routes/Orders'], 'Cluster/Routes/Tenants': all['Cluster/Routes/Tenants'] });
  });

  test('the order in which rules are added does not matter', () => {
    const forward = rulePriorities(withRoutes(ROUTES).stack);
    const reversed = rulePriorities(withRoutes(Object.fromEntries(Object.entries(ROUTES).reverse())).stack);
    expect(reversed).toEqual(forward);
  });

  describe('evaluation order', () => {
    let p: { [path: string]: number };
    beforeAll(() => {
      p = rulePriorities(withRoutes(ROUTES).stack);
    });

    test('/api/orders/* before /api/* before /* (last, 50000)', () => {
      expect(p['Cluster/Routes/Orders']).toBeLessThan(p['Cluster/Routes/Api']);
      expect(p['Cluster/Routes/Api']).toBeLessThan(p['Cluster/Routes/Web']);
      expect(p['Cluster/Routes/Web']).toBe(50_000);
    });

    test('host+path before host-only before path-only', () => {
      expect(p['Cluster/Routes/AdminApi']).toBeLessThan(p['Cluster/Routes/Admin']);
      expect(p['Cluster/Routes/Admin']).toBeLessThan(p['Cluster/Routes/Orders']);
    });

    test('exact host before wildcard host', () => {
      expect(p['Cluster/Routes/Admin']).toBeLessThan(p['Cluster/Routes/Tenants']);
    });

    test('every priority is unique and in 1–50000', () => {
      const values = Object.values(p);
      expect(new Set(values).size).toBe(values.length);
      for (const v of values) {
        expect(Number.isInteger(v) && v >= 1 && v <= 50_000).toBe(true);
      }
    });
  });

  test('an explicit priority is honoured', () => {
    const { stack } = withRoutes({ Api: { pathPatterns: ['/api/*'], priority: 7 } });
    expect(onlyRulePriority(stack)).toBe(7);
  });

  test('the same route twice fails synth, naming both constructs', () => {
    const { stack } = withRoutes({ First: { pathPatterns: ['/a', '/b'] }, Second: { pathPatterns: ['/b', '/a'] } });
    expect(() => synth(stack))
      .toThrow(/route paths \[\/b, \/a\] is claimed by both 'Shop\/Cluster\/Routes\/First' and 'Shop\/Cluster\/Routes\/Second'/);
  });

  test('host headers differing only in case are the same route', () => {
    const { stack } = withRoutes({ First: { hostHeaders: ['API.example.com'] }, Second: { hostHeaders: ['api.example.com'] } });
    expect(() => synth(stack)).toThrow(/is claimed by both 'Shop\/Cluster\/Routes\/First' and 'Shop\/Cluster\/Routes\/Second'/);
  });

  test('the same explicit priority twice fails synth, naming both constructs', () => {
    const { stack } = withRoutes({ First: { pathPatterns: ['/a'], priority: 10 }, Second: { pathPatterns: ['/b'], priority: 10 } });
    expect(() => synth(stack)).toThrow(
      /listener rule priority 10 is taken by both 'Shop\/Cluster\/Routes\/First' \(paths \[\/a\]\) and 'Shop\/Cluster\/Routes\/Second' \(paths \[\/b\]\)\. Set an explicit, unused priority/);
  });

  test('two routes that hash to the same priority fail synth (never a silent renumbering)', () => {
    const seen = new Map<number, string>();
    let pair: [string, string, number] | undefined;
    for (let i = 100; i < 1000 && !pair; i++) {
      const path = `/p${i}/*`;
      const priority = allocatePriority({ hostHeaders: [], pathPatterns: [path] });
      const other = seen.get(priority);
      pair = other ? [other, path, priority] : undefined;
      seen.set(priority, path);
    }
    expect(pair).toBeDefined();
    const [a, b, priority] = pair!;
    const { stack } = withRoutes({ First: { pathPatterns: [a] }, Second: { pathPatterns: [b] } });
    expect(() => synth(stack)).toThrow(new RegExp(`listener rule priority ${priority} is taken by both 'Shop/Cluster/Routes/First'`));
  });

  test('an explicit priority that puts /api/* before /api/orders/* fails synth', () => {
    const { stack } = withRoutes({ Api: { pathPatterns: ['/api/*'], priority: 5 }, Orders: { pathPatterns: ['/api/orders/*'] } });
    expect(() => synth(stack)).toThrow(
      /route paths \[\/api\/orders\/\*\] of 'Shop\/Cluster\/Routes\/Orders' \(priority \d+\) would be evaluated after the more general paths \[\/api\/\*\] of 'Shop\/Cluster\/Routes\/Api' \(priority 5\) and never match\. Set priority below 5/);
  });

  test('an explicit priority on the more specific route may be anything lower', () => {
    const { stack } = withRoutes({ Api: { pathPatterns: ['/api/*'] }, Orders: { pathPatterns: ['/api/orders/*'], priority: 5 } });
    expect(() => synth(stack)).not.toThrow();
    expect(rulePriorities(stack)).toEqual({
      'Cluster/Routes/Api': allocatePriority({ hostHeaders: [], pathPatterns: ['/api/*'] }),
      'Cluster/Routes/Orders': 5,
    });
  });

  test('beyond the specificity cap, an order the hash gets wrong fails synth instead of shadowing', () => {
    const base = `/${'a'.repeat(40)}`;
    const general = `${base}/*`;
    const generalPriority = allocatePriority({ hostHeaders: [], pathPatterns: [general] });
    const specific = Array.from({ length: 50 }, (_, i) => `${base}/x${i}/*`)
      .find((s) => allocatePriority({ hostHeaders: [], pathPatterns: [s] }) > generalPriority);
    expect(specific).toBeDefined();
    const { stack } = withRoutes({ General: { pathPatterns: [general] }, Specific: { pathPatterns: [specific!] } });
    expect(() => synth(stack)).toThrow(/of 'Shop\/Cluster\/Routes\/Specific' \([^)]*\) would be evaluated after the more general/);
  });

  test('a catch-all mixed with other paths cannot shadow a more specific route', () => {
    const { stack } = withRoutes({ Broad: { pathPatterns: ['/*', '/status'] }, Narrow: { pathPatterns: ['/a/*'] } });
    expect(() => synth(stack)).toThrow(/'Shop\/Cluster\/Routes\/Narrow'[\s\S]*would be evaluated after the more general paths \[\/\*, \/status\]/);
  });

  test('warns as the listener nears the ALB limit of 100 rules (from 90)', () => {
    const routes = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`R${i}`, { pathPatterns: [`/r${i}`], priority: i + 1 }]));
    const many = Match.stringLikeRegexp('cdk-microservices:MicroserviceCluster.manyListenerRules');
    Annotations.fromStack(withRoutes(routes(89)).stack).hasNoWarning('*', many);
    Annotations.fromStack(withRoutes(routes(90)).stack).hasWarning('/Shop/Cluster',
      Match.stringLikeRegexp('the shared listener has 90 rules; an ALB listener allows 100.*cdk-microservices:MicroserviceCluster.manyListenerRules'));
  });

  // Exact and wildcard hosts have bands of their own, so a wildcard never takes an exact host's traffic.
  test('an exact host + path is evaluated before a wildcard host + the same path', () => {
    const p = rulePriorities(withRoutes({
      Shop: { hostHeaders: ['shop.example.com'], pathPatterns: ['/api/*'] },
      Tenants: { hostHeaders: ['*.example.com'], pathPatterns: ['/api/*'] },
    }).stack);
    expect(p['Cluster/Routes/Shop']).toBeLessThan(p['Cluster/Routes/Tenants']);
  });
});
