import { describe, expect, it } from 'vitest';
import { SerialQueues } from './serial-queues';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('SerialQueues', () => {
  it('runs the tasks of one key in submission order, even when an earlier one is slower', async () => {
    const queues = new SerialQueues();
    const order: string[] = [];
    await Promise.all([
      queues.run('a', async () => { await tick(); await tick(); order.push('a1'); }),
      queues.run('a', async () => { order.push('a2'); }),
    ]);
    expect(order).toEqual(['a1', 'a2']);
  });

  it('does not hold one key behind another', async () => {
    const queues = new SerialQueues();
    const order: string[] = [];
    const slow = queues.run('a', async () => { await tick(); order.push('a'); });
    await queues.run('b', async () => { order.push('b'); });
    await slow;
    expect(order).toEqual(['b', 'a']);
  });

  it('keeps running a key’s later tasks after one fails, and passes the failure to its caller', async () => {
    const queues = new SerialQueues();
    const failed = queues.run('a', async () => { throw new Error('boom'); });
    const next = queues.run('a', async () => 'ran');
    await expect(failed).rejects.toThrow('boom');
    await expect(next).resolves.toBe('ran');
  });

  it('drain waits for every queued task', async () => {
    const queues = new SerialQueues();
    let done = false;
    void queues.run('a', async () => { await tick(); done = true; });
    await queues.drain();
    expect(done).toBe(true);
  });
});
