import { describe, expect, it } from 'vitest';
import { hrefOf, parseRoute } from './use-hash-route';

describe('hash routes', () => {
  it('reads #/rcas/:id as that RCA and anything else as the list', () => {
    expect(parseRoute('#/rcas/42')).toEqual({ page: 'rca', rcaId: '42' });
    expect(parseRoute('#/rcas/a%3Ab')).toEqual({ page: 'rca', rcaId: 'a:b' });
    for (const hash of ['', '#/', '#/rcas/', '#/rcas/42/extra', '#/elsewhere']) expect(parseRoute(hash), hash).toEqual({ page: 'list' });
  });

  it('builds links that parse back to the same route', () => {
    for (const rcaId of ['42', 'a:b', 'ünïcode id']) expect(parseRoute(hrefOf({ page: 'rca', rcaId }))).toEqual({ page: 'rca', rcaId });
    expect(hrefOf({ page: 'list' })).toBe('#/');
  });
});
