import { describe, expect, it } from 'vitest';
import { resolveEndpoint } from './resolve-endpoint';

describe('resolveEndpoint', () => {
  it('takes the namespace from the URL path, as io() does, unless given', () => {
    expect(resolveEndpoint('https://api.example.com', undefined)).toEqual({ uri: 'https://api.example.com', namespace: '/' });
    expect(resolveEndpoint('https://api.example.com/rca/', undefined)).toEqual({ uri: 'https://api.example.com', namespace: '/rca' });
    expect(resolveEndpoint('http://127.0.0.1:3000/ignored?x=1', '/rca')).toEqual({ uri: 'http://127.0.0.1:3000?x=1', namespace: '/rca' });
    expect(resolveEndpoint('http://127.0.0.1:3000', 'rca').namespace).toBe('/rca');
  });

  it('explains a bad URL', () => {
    expect(() => resolveEndpoint('', undefined)).toThrow(/'url' must be a non-empty string/);
    expect(() => resolveEndpoint('/relative', undefined)).toThrow(/relative URLs need a browser location/);
  });
});
