/**
 * Listener rule priorities: deterministic, stable, specific before general.
 *
 * A rule's priority depends only on its own route, never on other rules, so
 * adding or removing a rule never renumbers a live one:
 *
 *   priority = band start + (FNV-1a hash of the route mod band width)
 *
 * Bands, in evaluation order (lower numbers are evaluated first):
 *
 * | route                                   | range          | sub-bands                 |
 * |-----------------------------------------|----------------|---------------------------|
 * | exact host headers and path patterns    | 1–9 999        | 32, by path specificity   |
 * | wildcard host headers and path patterns | 10 000–14 999  | 32, by path specificity   |
 * | exact host headers only                 | 15 000–16 999  |                           |
 * | wildcard host headers only              | 17 000–17 999  |                           |
 * | path patterns only                      | 18 000–49 999  | 32, by path specificity   |
 * | `/*` alone (catch-all)                  | 50 000         |                           |
 *
 * Path specificity is the length of the literal prefix before the first
 * wildcard (`/api/orders/*` → 12, `/api/*` → 5; a pattern without wildcard
 * counts one more than its length), capped at 31: longer prefixes sort first.
 * Two routes that hash to the same priority fail synth and ask for an explicit
 * `priority`; the cluster also checks that an explicit or capped priority never
 * puts a general route before a more specific overlapping one.
 */

export interface RouteSpec {
  readonly hostHeaders: readonly string[];
  readonly pathPatterns: readonly string[];
}

export const MIN_PRIORITY = 1;
export const MAX_PRIORITY = 50_000;

interface Band {
  readonly start: number;
  readonly width: number;
}

const SPECIFICITY_LEVELS = 32;
const EXACT_HOST_AND_PATH: Band = { start: 1, width: 9_999 };
const WILDCARD_HOST_AND_PATH: Band = { start: 10_000, width: 5_000 };
const EXACT_HOST: Band = { start: 15_000, width: 2_000 };
const WILDCARD_HOST: Band = { start: 17_000, width: 1_000 };
const PATH_ONLY: Band = { start: 18_000, width: 32_000 };
const CATCH_ALL = MAX_PRIORITY;

/** Canonical text of a route: the identity used for hashing and duplicate detection. */
export function canonicalRoute(route: RouteSpec): string {
  const hosts = [...route.hostHeaders].map((h) => h.toLowerCase()).sort();
  const paths = [...route.pathPatterns].sort();
  return `host=${hosts.join(',')};path=${paths.join(',')}`;
}

/** Length of the literal text before the first `*` or `?`; exact patterns count one more. */
export function pathSpecificity(pattern: string): number {
  const wildcard = pattern.search(/[*?]/);
  return wildcard === -1 ? pattern.length + 1 : wildcard;
}

/** The route's most specific path, capped to the number of sub-bands. */
function specificityLevel(paths: readonly string[]): number {
  const best = Math.max(0, ...paths.map(pathSpecificity));
  return Math.min(best, SPECIFICITY_LEVELS - 1);
}

/** The priority a route gets when no explicit priority is set. */
export function allocatePriority(route: RouteSpec): number {
  const key = canonicalRoute(route);
  const hasHosts = route.hostHeaders.length > 0;
  const hasPaths = route.pathPatterns.length > 0;
  if (!hasHosts && route.pathPatterns.length === 1 && route.pathPatterns[0] === '/*') {
    return CATCH_ALL;
  }
  // A wildcard host must never take the traffic of an exact one.
  const wildcardHost = route.hostHeaders.some((h) => h.includes('*') || h.includes('?'));
  if (hasHosts && !hasPaths) {
    const band = wildcardHost ? WILDCARD_HOST : EXACT_HOST;
    return band.start + (fnv1a(key) % band.width);
  }
  const band = !hasHosts ? PATH_ONLY : wildcardHost ? WILDCARD_HOST_AND_PATH : EXACT_HOST_AND_PATH;
  const subWidth = Math.floor(band.width / SPECIFICITY_LEVELS);
  // Higher specificity → earlier sub-band (lower numbers).
  const sub = SPECIFICITY_LEVELS - 1 - specificityLevel(route.pathPatterns);
  return band.start + sub * subWidth + (fnv1a(key) % subWidth);
}

/**
 * True when `specific` must be evaluated before `general`: both have the same
 * host headers and one of `specific`'s paths lies inside one of `general`'s
 * (the general pattern's literal prefix is a strict prefix of the specific's).
 */
export function mustPrecede(specific: RouteSpec, general: RouteSpec): boolean {
  if (canonicalRoute({ hostHeaders: specific.hostHeaders, pathPatterns: [] })
    !== canonicalRoute({ hostHeaders: general.hostHeaders, pathPatterns: [] })) {
    return false;
  }
  return specific.pathPatterns.some((s) => general.pathPatterns.some((g) => covers(g, s)));
}

/** True when every path `inner` matches is also matched by wildcard pattern `outer`, and they differ. */
function covers(outer: string, inner: string): boolean {
  const wildcard = outer.search(/[*?]/);
  if (wildcard === -1 || outer === inner || !outer.endsWith('*') || wildcard !== outer.length - 1) {
    return false;
  }
  return inner.startsWith(outer.slice(0, wildcard));
}

/** 32-bit FNV-1a: small, fast and stable across Node versions. */
export function fnv1a(text: string): number {
  /* eslint-disable no-bitwise */
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
  /* eslint-enable no-bitwise */
}
