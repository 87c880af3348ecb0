
/**
 * Which requests a route on the shared load balancer matches.
 * At least one of `pathPatterns` and `hostHeaders` is required.
 */
export interface RouteOptions {
  /**
   * Path patterns (`/api/*`), each starting with `/`, at most 128 characters.
   * @default - any path (requires hostHeaders)
   */
  readonly pathPatterns?: string[];
  /**
   * Host headers (`api.example.com`, `*.example.com`).
   * @default - any host (requires pathPatterns)
   */
  readonly hostHeaders?: string[];
  /**
   * Explicit listener rule priority, 1–50000, unique on the listener (lower is evaluated first).
   * @default - derived from the route alone: host+path before host-only before path-only, specific paths first, `/*` last
   */
  readonly priority?: number;
}
