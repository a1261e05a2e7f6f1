// The user's series selector (`{job="api", env="prod"}`) combined with the matchers each query adds.
import { FleetError } from './errors';

/**
 * The matchers inside the braces, trimmed; empty for no selector. Only the braces' shape is checked here:
 * Prometheus parses the rest and says precisely what is wrong.
 */
export function selectorMatchers(selector: string | undefined): string {
  if (selector === undefined) return '';
  const s = selector.trim();
  if (!s.startsWith('{') || !s.endsWith('}')) {
    throw new FleetError('bad-address', `--selector must be label matchers in braces, e.g. '{job="api"}', got '${selector}'`);
  }
  return s.slice(1, -1).trim().replace(/,$/, '');
}

/** `metric{user matchers, extra matchers}`. */
export function seriesSelector(metric: string, userMatchers: string, extra = ''): string {
  return `${metric}{${[userMatchers, extra].filter(Boolean).join(',')}}`;
}
