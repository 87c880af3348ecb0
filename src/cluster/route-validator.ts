import { IConstruct } from 'constructs';
import { RouteOptions } from './routes';
import { MAX_PRIORITY, MIN_PRIORITY } from '../internal/priorities';
import { PropsValidator, isToken, problem } from '../internal/validation';

/** ALB: at most 5 condition values per rule. */
const MAX_CONDITION_VALUES = 5;
/** ALB path pattern characters: A-Z a-z 0-9 _ - . $ / ~ " ' @ : + & (as &amp;) * ? */
const PATH_PATTERN = /^\/[A-Za-z0-9_\-.$/~"'@:+&*?]{0,127}$/;
/** ALB host header characters: A-Z a-z 0-9 - . * ? */
const HOST_HEADER = /^(?=.{1,128}$)[A-Za-z0-9*?]([A-Za-z0-9\-*?]*[A-Za-z0-9*?])?(\.[A-Za-z0-9*?]([A-Za-z0-9\-*?]*[A-Za-z0-9*?])?)*$/;

/** Validates a route against the ALB's rules. */
export class RouteSpecValidator extends PropsValidator {
  public constructor(scope: IConstruct, route: RouteOptions, kind: string) {
    super(scope, kind);
    const paths = route.pathPatterns ?? [];
    const hosts = route.hostHeaders ?? [];
    this.check(paths.length + hosts.length > 0, () =>
      'pathPatterns/hostHeaders: neither is set, so the route matches nothing. Set pathPatterns (e.g. [\'/api/*\']), hostHeaders, or both.');
    this.check(isToken(paths) || isToken(hosts) || paths.length + hosts.length <= MAX_CONDITION_VALUES, () =>
      problem('pathPatterns + hostHeaders', [...hosts, ...paths], `at most ${MAX_CONDITION_VALUES} values in one rule (an ALB limit)`,
        'Split the route across services or use broader patterns.'));
    for (const p of paths) {
      this.matches('pathPatterns', p, PATH_PATTERN,
        "a path starting with '/', at most 128 characters of A-Z a-z 0-9 _ - . $ / ~ \" ' @ : + & * ?",
        'Start it with \'/\' and match variable parts with * or ? (e.g. /api/orders/*).');
    }
    for (const h of hosts) {
      this.matches('hostHeaders', h, HOST_HEADER, 'a host name such as api.example.com or *.example.com (wildcards * and ? allowed)',
        'Use the bare host name: no scheme, port, path or spaces.');
    }
    const wildcards = [...paths, ...hosts].filter((x) => !isToken(x)).join('').replace(/[^*?]/g, '').length;
    this.check(wildcards <= MAX_CONDITION_VALUES, () =>
      problem('pathPatterns + hostHeaders', [...hosts, ...paths], `at most ${MAX_CONDITION_VALUES} wildcards (* or ?) in one rule (an ALB limit)`,
        'Use fewer, broader patterns (one trailing * matches every deeper path).'));
    this.integerInRange('priority', route.priority, MIN_PRIORITY, MAX_PRIORITY,
      'Leave priority out to have it derived from the route, or pick an unused integer.');
    const dupes = [...paths, ...hosts].filter((x, i, all) => all.indexOf(x) !== i);
    this.check(dupes.length === 0, () => problem('pathPatterns + hostHeaders', dupes, 'each value once', 'Remove the repeated values.'));
  }
}
