import { describe, expect, it } from 'vitest';
import { commandCalls, parseInfo } from './redis-server.mjs';

describe('parseInfo', () => {
  it('reads fields, numbers as numbers, and skips section headers', () => {
    expect(parseInfo('# CPU\r\nused_cpu_sys:1.5\r\nused_cpu_user:2\r\nrole:master\r\n')).toEqual({ used_cpu_sys: 1.5, used_cpu_user: 2, role: 'master' });
  });
});

describe('commandCalls', () => {
  it('counts successful, rejected and failed calls of each command (each is a round trip)', () => {
    const info = parseInfo(
      [
        '# Commandstats',
        'cmdstat_evalsha:calls=10,usec=50,usec_per_call=5.00,rejected_calls=3,failed_calls=1',
        'cmdstat_zadd:calls=20,usec=10,usec_per_call=0.50,rejected_calls=0,failed_calls=0',
        'used_memory:1000',
      ].join('\r\n'),
    );
    expect(commandCalls(info)).toEqual({ evalsha: 14, zadd: 20 });
  });
});
