// setTimeout fires at once for delays above 2^31-1 ms; longer waits are done in steps.
const MAX_TIMER_DELAY_MS = 2_147_483_647;

/** A pending deadline, as {@link DeadlineQueue.add} returns it: hand it to `cancel`. */
export interface Deadline<T> {
  at: number;
  /** Dropped on cancel, so a cancelled entry waiting in the heap holds nothing alive. */
  value: T | undefined;
  /** Cleared on cancel, so a cancelled entry left in the heap is skipped when it comes up. */
  live: boolean;
}

/**
 * Many deadlines behind one Node timer: a binary min-heap by time, with the timer always set for
 * the earliest. Per-socket timers (two per connection for a token's warning and end) cost each
 * connection a timer object and closures, and the connect path a `setTimeout`; here a deadline is
 * one small object. Cancelling is O(1) (the entry is skipped when it reaches the top).
 */
export class DeadlineQueue<T> {
  private readonly heap: Deadline<T>[] = [];
  private timer: NodeJS.Timeout | undefined;
  private timerAt = Number.POSITIVE_INFINITY;
  /** Cancelled entries still in the heap; compacted away once they are the majority. */
  private cancelled = 0;

  /** @param fire called with each value once its time has come, in time order */
  constructor(private readonly fire: (value: T) => void) {}

  /** Schedules `value` for `at` (milliseconds since the epoch). */
  add(at: number, value: T): Deadline<T> {
    const deadline: Deadline<T> = { at, value, live: true };
    this.push(deadline);
    if (at < this.timerAt) this.arm();
    return deadline;
  }

  /** Cancels a deadline that has not fired; cancelling twice, or after it fired, is harmless. */
  cancel(deadline: Deadline<T>): void {
    if (!deadline.live) return;
    deadline.live = false;
    deadline.value = undefined;
    this.cancelled += 1;
    // Churn (sockets that come and go within a token's lifetime) would otherwise pile up
    // cancelled entries until their time comes.
    if (this.cancelled > 64 && this.cancelled * 2 > this.heap.length) this.compact();
  }

  /** Drops every deadline and the timer. */
  clear(): void {
    this.heap.length = 0;
    this.cancelled = 0;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.timerAt = Number.POSITIVE_INFINITY;
  }

  /** How many deadlines are held, cancelled ones not yet skipped included. */
  get size(): number {
    return this.heap.length;
  }

  private run(): void {
    this.timer = undefined;
    this.timerAt = Number.POSITIVE_INFINITY;
    const now = Date.now();
    while (this.heap.length > 0 && this.heap[0]!.at <= now) {
      const deadline = this.pop()!;
      if (deadline.live) {
        deadline.live = false;
        this.fire(deadline.value as T);
      } else {
        this.cancelled -= 1;
      }
    }
    this.arm();
  }

  private arm(): void {
    while (this.heap.length > 0 && !this.heap[0]!.live) {
      this.pop();
      this.cancelled -= 1;
    }
    const next = this.heap[0];
    clearTimeout(this.timer);
    if (!next) {
      this.timer = undefined;
      this.timerAt = Number.POSITIVE_INFINITY;
      return;
    }
    this.timerAt = next.at;
    const delay = Math.min(Math.max(0, next.at - Date.now()), MAX_TIMER_DELAY_MS);
    this.timer = setTimeout(() => this.run(), delay);
    // Deadlines never keep the process alive on their own.
    this.timer.unref();
  }

  private compact(): void {
    const live = this.heap.filter((deadline) => deadline.live);
    this.heap.length = 0;
    this.cancelled = 0;
    for (const deadline of live) this.push(deadline);
  }

  private push(deadline: Deadline<T>): void {
    const heap = this.heap;
    heap.push(deadline);
    let index = heap.length - 1;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (heap[parent]!.at <= deadline.at) break;
      heap[index] = heap[parent]!;
      index = parent;
    }
    heap[index] = deadline;
  }

  private pop(): Deadline<T> | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (heap.length === 0 || !last) return top;
    let index = 0;
    for (;;) {
      const left = 2 * index + 1;
      if (left >= heap.length) break;
      const right = left + 1;
      const child = right < heap.length && heap[right]!.at < heap[left]!.at ? right : left;
      if (heap[child]!.at >= last.at) break;
      heap[index] = heap[child]!;
      index = child;
    }
    heap[index] = last;
    return top;
  }
}
