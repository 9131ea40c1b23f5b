/** One allowed origin, compiled. */
type OriginRule = { exact: string } | { protocol: string; port: string; suffix: string };

/** A DNS label: letters, digits and inner hyphens. */
const LABEL = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;

/**
 * Decides whether a request's `Origin` header is allowed. Built once from the configured list
 * (see {@link RealtimeOriginOptions}); matching never uses regular expressions built from
 * configuration, so no pattern can be looser than it reads.
 */
export class OriginPolicy {
  private constructor(
    private readonly rules: readonly OriginRule[],
    /** Whether a request without an `Origin` header is accepted. */
    readonly allowMissing: boolean,
    /** Whether an `Origin` whose host equals the request's `Host` header is accepted. */
    readonly allowSameOrigin: boolean,
  ) {}

  /**
   * Compiles the list; returns the entries that are not origins or patterns instead of a policy.
   */
  static compile(allow: readonly unknown[], flags: { allowMissing: boolean; allowSameOrigin: boolean }): OriginPolicy | { invalid: unknown[] } {
    const rules: OriginRule[] = [];
    const invalid: unknown[] = [];
    for (const entry of allow) {
      const rule = typeof entry === 'string' ? compileRule(entry) : undefined;
      if (rule) rules.push(rule);
      else invalid.push(entry);
    }
    return invalid.length > 0 ? { invalid } : new OriginPolicy(rules, flags.allowMissing, flags.allowSameOrigin);
  }

  /**
   * Whether a request with this `Origin` header value (or none) may proceed; `host` is the
   * request's `Host` header, for {@link OriginPolicy.allowSameOrigin}.
   */
  allows(origin: string | string[] | undefined, host?: string): boolean {
    if (origin === undefined) return this.allowMissing;
    if (typeof origin !== 'string') return false;
    const parsed = parseOrigin(origin);
    if (!parsed) return false;
    if (this.allowSameOrigin && host !== undefined && parsed.host === host.toLowerCase()) return true;
    return this.rules.some((rule) => ('exact' in rule ? rule.exact === origin : matchesWildcard(rule, parsed)));
  }
}

function compileRule(entry: string): OriginRule | undefined {
  if (entry.includes('*')) {
    const match = /^(https?):\/\/\*\.([^/*]+)$/.exec(entry);
    if (!match) return undefined;
    const sample = parseOrigin(`${match[1]}://wildcard.${match[2]}`);
    if (!sample || sample.origin !== `${match[1]}://wildcard.${match[2]}`) return undefined;
    const suffix = sample.hostname.slice('wildcard'.length);
    if (!suffix.slice(1).includes('.')) return undefined;
    return { protocol: sample.protocol, port: sample.port, suffix };
  }
  const parsed = parseOrigin(entry);
  return parsed && parsed.origin === entry ? { exact: entry } : undefined;
}

/** The URL of a serialised origin, or `undefined` for anything else (`null`, paths, other schemes). */
function parseOrigin(value: string): URL | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  return url.origin === value ? url : undefined;
}

function matchesWildcard(rule: Extract<OriginRule, { suffix: string }>, origin: URL): boolean {
  if (origin.protocol !== rule.protocol || origin.port !== rule.port) return false;
  if (!origin.hostname.endsWith(rule.suffix)) return false;
  const labels = origin.hostname.slice(0, -rule.suffix.length).split('.');
  return labels.every((label) => LABEL.test(label));
}
