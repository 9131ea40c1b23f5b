import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OriginPolicy } from './origin-policy';

function policy(allow: string[], allowMissing = true, allowSameOrigin = false): OriginPolicy {
  const compiled = OriginPolicy.compile(allow, { allowMissing, allowSameOrigin });
  if (!(compiled instanceof OriginPolicy)) throw new Error(`invalid: ${JSON.stringify(compiled.invalid)}`);
  return compiled;
}

describe('OriginPolicy', () => {
  const list = policy(['https://app.example.com', 'http://localhost:5173', 'https://*.tenants.example.com']);

  it('allows listed origins exactly, scheme and port included', () => {
    expect(list.allows('https://app.example.com')).toBe(true);
    expect(list.allows('http://localhost:5173')).toBe(true);
    for (const origin of ['http://app.example.com', 'https://app.example.com:8443', 'http://localhost:5174', 'http://localhost', 'https://APP.example.com', 'https://app.example.com/']) {
      expect(list.allows(origin), origin).toBe(false);
    }
  });

  it('refuses look-alikes, evil origins, null and malformed values', () => {
    for (const origin of ['https://app.example.com.evil.example', 'https://evil.example', 'https://evilapp.example.com', 'null', '', 'app.example.com', 'javascript:alert(1)', 'https://app.example.com@evil.example', 'file://']) {
      expect(list.allows(origin), origin).toBe(false);
    }
    expect(list.allows(['https://app.example.com', 'https://app.example.com'])).toBe(false);
  });

  it('matches a wildcard pattern on one or more subdomain labels only', () => {
    expect(list.allows('https://acme.tenants.example.com')).toBe(true);
    expect(list.allows('https://eu.acme.tenants.example.com')).toBe(true);
    for (const origin of ['https://tenants.example.com', 'https://acme.tenants.example.com.evil.example', 'https://acmetenants.example.com', 'http://acme.tenants.example.com', 'https://acme.tenants.example.com:444', 'https://-x.tenants.example.com']) {
      expect(list.allows(origin), origin).toBe(false);
    }
  });

  it('accepts a page of the server itself only when allowSameOrigin is on, by comparing Origin with Host', () => {
    const same = policy([], true, true);
    expect(same.allows('http://127.0.0.1:3000', '127.0.0.1:3000')).toBe(true);
    expect(same.allows('http://localhost:3000', 'LOCALHOST:3000')).toBe(true);
    expect(same.allows('https://rca.example.com', 'rca.example.com')).toBe(true);
    for (const [origin, host] of [['http://127.0.0.1:3001', '127.0.0.1:3000'], ['https://evil.example', 'rca.example.com'], ['https://rca.example.com.evil.example', 'rca.example.com'], ['http://127.0.0.1:3000', undefined]] as const) {
      expect(same.allows(origin, host), `${origin} on ${host}`).toBe(false);
    }
    expect(list.allows('http://127.0.0.1:3000', '127.0.0.1:3000')).toBe(false);
  });

  it('treats a missing Origin as configured', () => {
    expect(policy([], true).allows(undefined)).toBe(true);
    expect(policy([], false).allows(undefined)).toBe(false);
  });

  it('refuses entries that are not origins or supported patterns', () => {
    expect(OriginPolicy.compile(['*', 'https://*', 'https://*.com', 'https://a.*.example.com', 'https://app.example.com/path', 'ftp://x.example', 42, '/regex/'], { allowMissing: true, allowSameOrigin: false })).toEqual({
      invalid: ['*', 'https://*', 'https://*.com', 'https://a.*.example.com', 'https://app.example.com/path', 'ftp://x.example', 42, '/regex/'],
    });
  });

  it('never allows an origin whose host does not end with an allowed host', () => {
    fc.assert(
      fc.property(fc.webUrl(), (url) => {
        const { origin, hostname } = new URL(url);
        if (list.allows(origin)) expect(hostname === 'app.example.com' || hostname === 'localhost' || hostname.endsWith('.tenants.example.com')).toBe(true);
      }),
    );
  });
});
