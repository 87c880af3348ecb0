import { ChildProcess, spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import { AddressInfo } from 'net';
import * as os from 'os';
import * as path from 'path';
import { shopModel, shopRoutes } from './fixtures';
import { ClusterModel, RouteModel } from '../../src/artifacts/model';
import { lambdaBody, nginxString, renderNginxConfig, routeRegex } from '../../src/artifacts/nginx';

const CONFIG_OPTIONS = { publishedPort: 8080 };

/**
 * Applies a rendered configuration's route map the way nginx does: regular
 * expressions in file order, first match wins, against `"$host $uri"` with
 * `$host` lower-cased.
 */
function selectRoute(config: string, host: string, uri: string): string {
  const map = /map "\$host \$uri" \$cdkms_route \{([\s\S]*?)\n\}/.exec(config);
  if (!map) throw new Error('no route map in the configuration');
  const key = `${host.toLowerCase()} ${uri}`;
  for (const [, regex, id] of map[1].matchAll(/^\s*"~(.*)" "(\w+)";$/gm)) {
    if (new RegExp(regex).test(key)) return id;
  }
  return 'default';
}

function route(overrides: Partial<RouteModel>): RouteModel {
  return { priority: 1, pathPatterns: [], hostHeaders: [], action: { kind: 'fixed', statusCode: 200 }, source: 'Test', ...overrides };
}

describe('route selection', () => {
  const config = renderNginxConfig(shopModel(), CONFIG_OPTIONS);

  test('writes the rules in ascending priority whatever the model order', () => {
    const order = [...config.matchAll(/^\s*"~.*" "p(\d+)";$/gm)].map((m) => Number(m[1]));
    expect(order).toEqual([5, 20, 30, 40, 1000]);
  });

  test('the first matching rule wins: host and path before the catch-all', () => {
    expect(selectRoute(config, 'admin.shop.example.com', '/admin/users')).toBe('p5');
    expect(selectRoute(config, 'other.example.com', '/admin/users')).toBe('p1000');
  });

  test('host headers are case-insensitive, paths case-sensitive', () => {
    expect(selectRoute(config, 'ADMIN.Shop.EXAMPLE.com', '/admin/x')).toBe('p5');
    expect(selectRoute(config, 'admin.shop.example.com', '/Admin/x')).toBe('p1000');
  });

  test('* matches any characters, including slashes', () => {
    expect(selectRoute(config, 'a', '/old/a/b/c.html')).toBe('p20');
    expect(selectRoute(config, 'x.y.docs.example.com', '/')).toBe('p40');
    expect(selectRoute(config, 'docs.example.com', '/')).toBe('p1000');
  });

  test('? matches exactly one character', () => {
    expect(selectRoute(config, 'a', '/fn/ax')).toBe('p30');
    expect(selectRoute(config, 'a', '/fn/x')).toBe('p1000');
    expect(selectRoute(config, 'a', '/fn/abx')).toBe('p1000');
  });

  test('falls through to the default 404 when no rule matches', () => {
    const noCatchAll = renderNginxConfig(shopModel({ routes: shopRoutes().filter((r) => r.priority !== 1000) }), CONFIG_OPTIONS);
    expect(selectRoute(noCatchAll, 'a', '/nothing')).toBe('default');
    expect(noCatchAll).toMatch(/location = \/__cdkms_route__\/default \{[^}]*return 404 "Not Found\\n";/);
  });

  test('values of one condition are alternatives, conditions are combined', () => {
    const model = shopModel({
      routes: [route({ priority: 7, hostHeaders: ['a.example.com', 'b.example.com'], pathPatterns: ['/x', '/y/*'] })],
    });
    const both = renderNginxConfig(model, CONFIG_OPTIONS);
    expect(selectRoute(both, 'b.example.com', '/y/z')).toBe('p7');
    expect(selectRoute(both, 'a.example.com', '/x')).toBe('p7');
    expect(selectRoute(both, 'c.example.com', '/x')).toBe('default');
    expect(selectRoute(both, 'a.example.com', '/z')).toBe('default');
  });

  test('every other character of a pattern matches only itself', () => {
    const regex = new RegExp(routeRegex(route({ pathPatterns: ['/v1.0/(a)+$b[c]{d}|e^f\\g'] })).slice(1));
    expect(regex.test('x /v1.0/(a)+$b[c]{d}|e^f\\g')).toBe(true);
    expect(regex.test('x /v1x0/(a)+$b[c]{d}|e^f\\g')).toBe(false);
    expect(routeRegex(route({ pathPatterns: ['/a"b'] }))).not.toContain('"');
  });
});

describe('renderNginxConfig', () => {
  const config = renderNginxConfig(shopModel(), CONFIG_OPTIONS);

  test('forwards to the Service Connect alias, resolved by Docker\'s DNS at request time', () => {
    expect(config).toContain('resolver 127.0.0.11');
    expect(config).toMatch(/location = \/__cdkms_route__\/p1000 \{[^}]*set \$cdkms_upstream "web:8080";\s*proxy_pass http:\/\/\$cdkms_upstream\$request_uri;/);
  });

  test('sets the forwarding headers the ALB sets', () => {
    expect(config).toContain('proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;');
    expect(config).toContain('proxy_set_header X-Forwarded-Proto $scheme;');
    expect(renderNginxConfig(shopModel(), { publishedPort: 9000 })).toContain('proxy_set_header X-Forwarded-Port 9000;');
  });

  test('answers fixed responses with their status, content type and escaped body', () => {
    expect(config).toMatch(/p5 \{[^}]*default_type "text\/plain";\s*return 403 "Forbidden";/);
    expect(config).toContain('default_type "application/json";');
    expect(config).toContain('return 200 "{\\"cost\\": \\"${cdkms_dollar}5\\", \\"path\\": \\"C:\\\\\\\\x\\"}";');
  });

  test('redirects with the ALB placeholders mapped to nginx variables', () => {
    expect(config).toContain('return 301 "https://shop.example.com/new/${cdkms_path}${is_args}${args}";');
  });

  test('a redirect that keeps the host stays on the local proxy', () => {
    const model = shopModel({ routes: [route({ priority: 3, pathPatterns: ['/a'], action: { kind: 'redirect', statusCode: 302, path: '/b', query: 'x=1' } })] });
    expect(renderNginxConfig(model, CONFIG_OPTIONS)).toContain('return 302 "${scheme}://${http_host}/b?x=1";');
  });

  test('Lambda routes answer 501 with a body naming the function', () => {
    expect(config).toMatch(/p30 \{[^}]*default_type text\/plain;\s*return 501 "Not Implemented locally: in AWS this route of Shop invokes the Lambda function ShopStack\/Fn\./);
    expect(lambdaBody('Stack/Fn', 'Shop')).toContain('Stack/Fn');
  });

  test('comments every rule with its conditions, action and origin', () => {
    expect(config).toContain('# priority 5: host Admin.Shop.example.com and path /admin/* -> fixed response 403 (text/plain)');
    expect(config).toContain('# priority 1000 (ShopStack/Web): forward to web:8080');
  });
});

describe('nginxString', () => {
  test('escapes quotes, backslashes and newlines, and writes dollars through a variable', () => {
    expect(nginxString('a"b\\c\n$d')).toBe('"a\\"b\\\\c\\n${cdkms_dollar}d"');
  });

  test('replaces placeholders with variables verbatim', () => {
    expect(nginxString('#{host}/$', { '#{host}': '${host}' })).toBe('"${host}/${cdkms_dollar}"');
  });
});

// ------------------------------------------------------------------ with a real nginx

const nginxAvailable = spawnSync('nginx', ['-v'], { stdio: 'ignore' }).status === 0;
if (!nginxAvailable) {
  // eslint-disable-next-line no-console
  console.warn('skipping the live nginx tests: nginx is not on PATH (install nginx to run them)');
}

interface Reply { readonly status: number; readonly headers: http.IncomingHttpHeaders; readonly body: string }

function get(port: number, host: string, requestPath: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: requestPath, headers: { Host: host } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => { body += chunk; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function freePort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function waitForPort(port: number): Promise<void> {
  for (let i = 0; i < 100; i++) {
    try {
      await get(port, 'probe', '/__probe');
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  throw new Error(`nginx did not listen on ${port}`);
}

(nginxAvailable ? describe : describe.skip)('with nginx', () => {
  let dir: string;
  let nginx: ChildProcess | undefined;
  let upstream: http.Server;
  let port: number;

  /** The generated configuration, listening on a free port, with `web` pointing at a local upstream (no Docker DNS here). */
  function startNginx(model: ClusterModel, upstreamPort: number): Promise<void> {
    const site = renderNginxConfig(model, CONFIG_OPTIONS)
      .replace('listen 80 default_server;', `listen 127.0.0.1:${port} default_server;`)
      .replace('set $cdkms_upstream "web:8080";', `set $cdkms_upstream "127.0.0.1:${upstreamPort}";`);
    fs.writeFileSync(path.join(dir, 'site.conf'), site);
    fs.writeFileSync(path.join(dir, 'nginx.conf'), [
      `pid ${dir}/nginx.pid;`,
      `error_log ${dir}/error.log;`,
      'events {}',
      'http {',
      '  access_log off;',
      ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `  ${t}_temp_path ${dir}/${t};`),
      `  include ${dir}/site.conf;`,
      '}',
    ].join('\n'));
    const check = spawnSync('nginx', ['-t', '-p', dir, '-c', path.join(dir, 'nginx.conf')], { encoding: 'utf8' });
    if (check.status !== 0) throw new Error(`nginx -t failed:\n${check.stderr}`);
    nginx = spawn('nginx', ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-g', 'daemon off;'], { stdio: 'ignore' });
    return waitForPort(port);
  }

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdkms-nginx-'));
    upstream = http.createServer((req, res) => {
      res.setHeader('content-type', 'text/plain');
      res.end(`upstream ${req.method} ${req.url} host=${req.headers.host} proto=${req.headers['x-forwarded-proto']}`);
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    port = await freePort();
    await startNginx(shopModel(), (upstream.address() as AddressInfo).port);
  });

  afterAll(async () => {
    nginx?.kill('SIGTERM');
    await new Promise<void>((resolve) => upstream.close(() => resolve()));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('forwards the catch-all route to the service with the original URI and Host', async () => {
    const reply = await get(port, 'shop.localhost:8080', '/orders/42?x=1');
    expect(reply.status).toBe(200);
    expect(reply.headers['x-local-alb-rule']).toBe('priority 1000');
    expect(reply.body).toBe('upstream GET /orders/42?x=1 host=shop.localhost:8080 proto=http');
  });

  test('applies the higher-priority host and path rule first, case-insensitively for the host', async () => {
    const reply = await get(port, 'Admin.SHOP.example.com', '/admin/x');
    expect([reply.status, reply.headers['x-local-alb-rule'], reply.headers['content-type'], reply.body]).toEqual([403, 'priority 5', 'text/plain', 'Forbidden']);
  });

  test('redirects like the ALB, keeping the path and query', async () => {
    const reply = await get(port, 'localhost', '/old/a/b?q=1');
    expect(reply.status).toBe(301);
    expect(reply.headers.location).toBe('https://shop.example.com/new/old/a/b?q=1');
  });

  test('answers a Lambda route with 501 and an explanation', async () => {
    const reply = await get(port, 'localhost', '/fn/ax');
    expect(reply.status).toBe(501);
    expect(reply.body).toContain('invokes the Lambda function ShopStack/Fn');
  });

  test('returns a fixed body byte for byte, dollars and backslashes included', async () => {
    const reply = await get(port, 'api.docs.example.com', '/');
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('application/json');
    expect(reply.body).toBe('{"cost": "$5", "path": "C:\\\\x"}');
  });
});
