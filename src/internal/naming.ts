/**
 * Names: DNS labels, environment variable names, the derived namespace.
 */

/** `OrdersApi` → `orders-api`, `web_v2` → `web-v2`. */
export function kebabCase(id: string): string {
  return id
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase();
}

/** `api-orders` → `ApiOrders`. */
export function pascalCase(name: string): string {
  return name.split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
}

/** `api-orders` → `API_ORDERS`. */
export function screamingSnakeCase(name: string): string {
  return name.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '').toUpperCase();
}

/** Lower-case letters, digits and inner hyphens, 1–63 characters. */
export const DNS_LABEL = /^(?=.{1,63}$)[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;

/** A DNS name of one or more labels, ≤ 253 characters (lower-case). */
export const DNS_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;

/** Container environment and secret names. */
export const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** ECS cluster names: letters, digits, hyphens and underscores, up to 255. */
export const ECS_CLUSTER_NAME = /^[A-Za-z0-9_-]{1,255}$/;

/**
 * The default Cloud Map namespace of a cluster: its construct path in
 * lower-case DNS labels, ending in `.internal` (`Shop/Cluster` → `shop-cluster.internal`).
 */
export function deriveNamespaceName(constructPath: string): string {
  const label = kebabCase(constructPath.replace(/\//g, '-')).slice(0, 54).replace(/-+$/, '');
  return `${label || 'cluster'}.internal`;
}
