import {
  MAX_PRIORITY,
  MIN_PRIORITY,
  RouteSpec,
  allocatePriority,
  canonicalRoute,
  fnv1a,
  mustPrecede,
  pathSpecificity,
} from '../../src/internal/priorities';

const paths = (...pathPatterns: string[]): RouteSpec => ({ hostHeaders: [], pathPatterns });
const hosts = (...hostHeaders: string[]): RouteSpec => ({ hostHeaders, pathPatterns: [] });
const both = (hostHeaders: string[], pathPatterns: string[]): RouteSpec => ({ hostHeaders, pathPatterns });

describe('fnv1a', () => {
  test('matches the published 32-bit FNV-1a test vectors', () => {
    expect(fnv1a('')).toBe(0x811c9dc5);
    expect(fnv1a('a')).toBe(0xe40c292c);
    expect(fnv1a('foobar')).toBe(0xbf9cf968);
  });

  test('is an unsigned 32-bit integer', () => {
    for (const text of ['', 'x', 'host=a.example.com;path=/api/*', 'z'.repeat(500)]) {
      const h = fnv1a(text);
      expect(Number.isInteger(h) && h >= 0 && h <= 0xffffffff).toBe(true);
    }
  });
});

describe('allocatePriority is pinned', () => {
  // Changing any of these renumbers deployed listener rules ("priority in use" on the next deploy):
  // a change here is a breaking change and needs a README note.
  test.each([
    [paths('/healthz'), 40_436],
    [paths('/api/*'), 44_469],
    [paths('/api/orders/*'), 37_409],
    [paths('/*'), 50_000],
    [hosts('api.example.com'), 16_992],
    [hosts('*.example.com'), 17_710],
    [both(['api.example.com'], ['/v1/*']), 8_542],
  ])('%j → %p', (route, priority) => {
    expect(allocatePriority(route)).toBe(priority);
  });
});

describe('canonicalRoute', () => {
  test('ignores the order of values', () => {
    expect(canonicalRoute(both(['b.example.com', 'a.example.com'], ['/b', '/a'])))
      .toBe(canonicalRoute(both(['a.example.com', 'b.example.com'], ['/a', '/b'])));
  });

  test('host headers are case-insensitive', () => {
    expect(canonicalRoute(hosts('API.Example.COM'))).toBe(canonicalRoute(hosts('api.example.com')));
  });

  test('path patterns are case-sensitive (as ALB path matching is)', () => {
    expect(canonicalRoute(paths('/API'))).not.toBe(canonicalRoute(paths('/api')));
  });

  test('a host and a path with the same text are different routes', () => {
    expect(canonicalRoute(hosts('a'))).not.toBe(canonicalRoute(paths('a')));
  });

  test('does not mutate its input', () => {
    const route = both(['b.example.com', 'a.example.com'], ['/b', '/a']);
    canonicalRoute(route);
    expect(route).toEqual(both(['b.example.com', 'a.example.com'], ['/b', '/a']));
  });
});

describe('pathSpecificity', () => {
  test.each([
    ['/api/orders/*', 12],
    ['/api/*', 5],
    ['/*', 1],
    ['/a?c/*', 2],
    ['/health', 8], // exact: its length plus one
    ['/', 2],
  ])('%p → %p', (pattern, expected) => {
    expect(pathSpecificity(pattern)).toBe(expected);
  });

  test('an exact path is more specific than a wildcard with the same prefix', () => {
    expect(pathSpecificity('/api/')).toBeGreaterThan(pathSpecificity('/api/*'));
  });
});

describe('allocatePriority', () => {
  test('depends only on the route (same value, whatever the order of values)', () => {
    expect(allocatePriority(paths('/a', '/b'))).toBe(allocatePriority(paths('/b', '/a')));
    expect(allocatePriority(hosts('A.example.com'))).toBe(allocatePriority(hosts('a.example.com')));
  });

  test('/* alone is the catch-all, 50000', () => {
    expect(allocatePriority(paths('/*'))).toBe(MAX_PRIORITY);
  });

  test('/* with a host is not the catch-all', () => {
    expect(allocatePriority(both(['a.example.com'], ['/*']))).toBeLessThan(10_000);
  });

  test('bands: exact host+path 1–9999, wildcard host+path 10000–14999, exact host 15000–16999, wildcard host 17000–17999, path 18000–49999', () => {
    const inRange = (p: number, lo: number, hi: number) => p >= lo && p <= hi;
    for (let i = 0; i < 200; i++) {
      expect(inRange(allocatePriority(both([`h${i}.example.com`], [`/p${i}/*`])), 1, 9_999)).toBe(true);
      expect(inRange(allocatePriority(both([`*.h${i}.example.com`], [`/p${i}/*`])), 10_000, 14_999)).toBe(true);
      expect(inRange(allocatePriority(hosts(`h${i}.example.com`)), 15_000, 16_999)).toBe(true);
      expect(inRange(allocatePriority(hosts(`*.h${i}.example.com`)), 17_000, 17_999)).toBe(true);
      expect(inRange(allocatePriority(paths(`/p${i}/*`)), 18_000, 49_999)).toBe(true);
    }
  });

  test('longer literal prefixes get lower numbers, whatever the hash', () => {
    for (let i = 0; i < 100; i++) {
      const general = allocatePriority(paths(`/s${i}/*`));
      const specific = allocatePriority(paths(`/s${i}/orders/*`));
      const exact = allocatePriority(paths(`/s${i}/orders/list`));
      expect(specific).toBeLessThan(general);
      expect(exact).toBeLessThan(specific);
    }
  });

  test('host+path precedes host-only, which precedes path-only, whatever the path specificity', () => {
    expect(allocatePriority(both(['a.example.com'], ['/*']))).toBeLessThan(allocatePriority(hosts('a.example.com')));
    expect(allocatePriority(hosts('*.example.com'))).toBeLessThan(allocatePriority(paths(`/${'x'.repeat(100)}`)));
  });

  test('a route with several paths takes the band of its most specific path', () => {
    expect(allocatePriority(paths('/*', '/api/orders/*'))).toBeLessThan(allocatePriority(paths('/api/*')));
  });

  test('always within MIN_PRIORITY–MAX_PRIORITY', () => {
    for (const pattern of ['/', '/*', '/?', `/${'a'.repeat(127)}`, `/${'a'.repeat(126)}*`]) {
      const p = allocatePriority(paths(pattern));
      expect(p).toBeGreaterThanOrEqual(MIN_PRIORITY);
      expect(p).toBeLessThanOrEqual(MAX_PRIORITY);
    }
  });
});

describe('mustPrecede', () => {
  test('/api/orders/* must precede /api/*', () => {
    expect(mustPrecede(paths('/api/orders/*'), paths('/api/*'))).toBe(true);
    expect(mustPrecede(paths('/api/*'), paths('/api/orders/*'))).toBe(false);
  });

  test('an exact path must precede a wildcard that covers it', () => {
    expect(mustPrecede(paths('/api/health'), paths('/api/*'))).toBe(true);
  });

  test('everything must precede /*', () => {
    expect(mustPrecede(paths('/a'), paths('/*'))).toBe(true);
  });

  test('one overlapping pattern among several is enough', () => {
    expect(mustPrecede(paths('/x', '/api/orders/*'), paths('/y/*', '/api/*'))).toBe(true);
  });

  test('disjoint paths need no order', () => {
    expect(mustPrecede(paths('/orders/*'), paths('/api/*'))).toBe(false);
  });

  test('identical patterns need no order (they are the same route or a duplicate)', () => {
    expect(mustPrecede(paths('/api/*'), paths('/api/*'))).toBe(false);
  });

  test('a wildcard in the middle is not treated as covering', () => {
    expect(mustPrecede(paths('/api/v1/orders'), paths('/api/*/orders'))).toBe(false);
  });

  test('only routes with the same host headers (case-insensitive) are compared', () => {
    expect(mustPrecede(both(['A.example.com'], ['/api/orders/*']), both(['a.example.com'], ['/api/*']))).toBe(true);
    expect(mustPrecede(both(['a.example.com'], ['/api/orders/*']), both(['b.example.com'], ['/api/*']))).toBe(false);
    expect(mustPrecede(both(['a.example.com'], ['/api/orders/*']), paths('/api/*'))).toBe(false);
  });
});
