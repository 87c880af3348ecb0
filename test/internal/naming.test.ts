import {
  DNS_LABEL,
  DNS_NAME,
  ECS_CLUSTER_NAME,
  ENV_NAME,
  deriveNamespaceName,
  kebabCase,
  screamingSnakeCase,
} from '../../src/internal/naming';

describe('kebabCase', () => {
  test.each([
    ['Orders', 'orders'],
    ['OrdersApi', 'orders-api'],
    ['web_v2', 'web-v2'],
    ['HTTPServer', 'http-server'],
    ['ShopV2', 'shop-v2'],
    ['S3Bucket', 's3-bucket'],
    ['--Odd__Name--', 'odd-name'],
    ['already-kebab', 'already-kebab'],
  ])('%p → %p', (id, expected) => {
    expect(kebabCase(id)).toBe(expected);
  });
});

describe('screamingSnakeCase', () => {
  test.each([
    ['api-orders', 'API_ORDERS'],
    ['orders', 'ORDERS'],
    ['web-v2', 'WEB_V2'],
    ['a--b', 'A_B'],
  ])('%p → %p', (name, expected) => {
    expect(screamingSnakeCase(name)).toBe(expected);
  });

  test('a kebab-case DNS label always becomes a valid environment name', () => {
    for (const label of ['orders', 'api-orders', 'a1', 'x-9-y']) {
      expect(ENV_NAME.test(screamingSnakeCase(label))).toBe(true);
    }
  });
});

describe('DNS_LABEL', () => {
  test.each(['orders', 'api-orders', 'a', '9', 'a'.repeat(63)])('accepts %p', (label) => {
    expect(DNS_LABEL.test(label)).toBe(true);
  });

  test.each(['', 'Orders', '-orders', 'orders-', 'api_orders', 'a.b', 'a'.repeat(64)])('rejects %p', (label) => {
    expect(DNS_LABEL.test(label)).toBe(false);
  });
});

describe('DNS_NAME', () => {
  test.each(['shop.internal', 'a', 'shop-prod.example.internal', `${'a'.repeat(63)}.internal`])('accepts %p', (name) => {
    expect(DNS_NAME.test(name)).toBe(true);
  });

  test.each(['', 'Shop.internal', 'shop..internal', '.shop', 'shop.', '-a.internal', `${'a'.repeat(64)}.internal`, `${'a.'.repeat(127)}a`])(
    'rejects %p', (name) => {
      expect(DNS_NAME.test(name)).toBe(false);
    });
});

describe('ENV_NAME', () => {
  test.each(['DB_PASSWORD', '_X', 'a1'])('accepts %p', (name) => {
    expect(ENV_NAME.test(name)).toBe(true);
  });
  test.each(['', '1A', 'DB-PASSWORD', 'A B'])('rejects %p', (name) => {
    expect(ENV_NAME.test(name)).toBe(false);
  });
});

describe('ECS_CLUSTER_NAME', () => {
  test.each(['shop', 'Shop_Prod-1', 'a'.repeat(255)])('accepts %p', (name) => {
    expect(ECS_CLUSTER_NAME.test(name)).toBe(true);
  });
  test.each(['', 'shop prod', 'shop.prod', 'a'.repeat(256)])('rejects %p', (name) => {
    expect(ECS_CLUSTER_NAME.test(name)).toBe(false);
  });
});

describe('deriveNamespaceName', () => {
  test('joins the construct path in lower-case kebab labels and ends in .internal', () => {
    expect(deriveNamespaceName('Shop/Cluster')).toBe('shop-cluster.internal');
    expect(deriveNamespaceName('ProdStage/ShopStack/MyCluster')).toBe('prod-stage-shop-stack-my-cluster.internal');
  });

  test('a long path is cut to a valid label without a trailing hyphen', () => {
    const name = deriveNamespaceName(`${'Abc'.repeat(17)}/Cluster`);
    expect(name.endsWith('.internal')).toBe(true);
    expect(name.length).toBeLessThanOrEqual(54 + '.internal'.length);
    expect(DNS_NAME.test(name)).toBe(true);
    expect(name).not.toMatch(/-\.internal$/);
  });

  test('a cut that ends on a hyphen drops it', () => {
    // 53 characters then a hyphen at position 54.
    expect(deriveNamespaceName(`${'a'.repeat(53)}/Cluster`)).toBe(`${'a'.repeat(53)}.internal`);
  });

  test('a path without letters or digits falls back to cluster.internal', () => {
    expect(deriveNamespaceName('__/--')).toBe('cluster.internal');
  });

  test.each(['Shop/Cluster', 'Ünïcode/Clüster', 'a/b/c', 'X'.repeat(300), 'My Stack/My_Cluster'])('%p gives a valid DNS name', (path) => {
    expect(DNS_NAME.test(deriveNamespaceName(path))).toBe(true);
  });
});
