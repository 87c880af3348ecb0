/**
 * Listener rules of the shared load balancer, described for humans.
 */
import { RouteActionModel, RouteModel } from './model';

/** The redirect action of a rule. */
export type RedirectAction = Extract<RouteActionModel, { kind: 'redirect' }>;

/** Routes in the order the ALB evaluates them (ascending priority). */
export function routesInPriorityOrder(routes: RouteModel[]): RouteModel[] {
  return [...routes].sort((a, b) => a.priority - b.priority);
}

/** Human-readable conditions of a rule, e.g. `host api.example.com and path /api/*`. */
export function describeConditions(route: RouteModel): string {
  const parts: string[] = [];
  if (route.hostHeaders.length > 0) parts.push(`host ${route.hostHeaders.join(' or ')}`);
  if (route.pathPatterns.length > 0) parts.push(`path ${route.pathPatterns.join(' or ')}`);
  return parts.join(' and ');
}

/** Human-readable action of a rule. */
export function describeAction(action: RouteActionModel): string {
  switch (action.kind) {
    case 'forward': return `forward to ${action.serviceName}:${action.port}`;
    case 'fixed': return `fixed response ${action.statusCode}${action.contentType ? ` (${action.contentType})` : ''}`;
    case 'redirect': return `redirect ${action.statusCode} to ${redirectTarget(action)}`;
    case 'lambda': return `Lambda function ${action.functionPath}`;
  }
}

/** The redirect target in the ALB's own `#{...}` notation, defaults filled in. */
export function redirectTarget(action: RedirectAction): string {
  const protocol = action.protocol ?? '#{protocol}';
  const query = action.query ?? '#{query}';
  return `${protocol.toLowerCase()}://${action.host ?? '#{host}'}:${action.port ?? '#{port}'}${action.path ?? '/#{path}'}${query === '' ? '' : `?${query}`}`;
}
