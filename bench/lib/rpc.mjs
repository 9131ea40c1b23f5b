// Request/response over a child's IPC channel: the runner drives servers and generators with
// commands and waits for each answer, with a deadline, so a stuck child fails the step instead
// of hanging the run.

let nextId = 1;

/** A handle that sends commands to `child` and awaits their results. */
export function rpcClient(child, name) {
  const pending = new Map();
  let exited;
  let markReady;
  const ready = new Promise((resolve) => (markReady = resolve));
  child.on('message', (message) => {
    if (message?.ready) return markReady();
    const waiter = pending.get(message?.id);
    if (!waiter) return;
    pending.delete(message.id);
    clearTimeout(waiter.timer);
    if (message.ok) waiter.resolve(message.result);
    else waiter.reject(new Error(`${name}: ${message.error}`));
  });
  child.once('exit', (code, signal) => {
    exited = `${name} exited (${signal ?? code})`;
    markReady();
    for (const waiter of pending.values()) {
      clearTimeout(waiter.timer);
      waiter.reject(new Error(exited));
    }
    pending.clear();
  });
  return {
    child,
    name,
    /** Resolves once the child serves commands; rejects if it exits or takes longer than `timeoutMs`. */
    async ready(timeoutMs = 30_000) {
      let timer;
      const late = new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`${name} did not start within ${timeoutMs} ms`)), timeoutMs)));
      try {
        await Promise.race([ready, late]);
      } finally {
        clearTimeout(timer);
      }
      if (exited) throw new Error(exited);
    },
    /** Sends `cmd` with `args`; rejects after `timeoutMs`. */
    call(cmd, args = {}, timeoutMs = 60_000) {
      if (exited) return Promise.reject(new Error(exited));
      const id = nextId++;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new Error(`${name}: '${cmd}' got no answer within ${timeoutMs} ms`));
        }, timeoutMs);
        pending.set(id, { resolve, reject, timer });
        child.send({ id, cmd, args });
      });
    },
  };
}

/**
 * Serves commands in a child: `handlers[cmd](args)` may be async; its result or error message
 * goes back to the caller. The child exits when its parent goes away (the IPC channel closes),
 * so no bench process outlives a runner that crashed.
 */
export function serveRpc(handlers) {
  process.on('message', async (message) => {
    const { id, cmd, args } = message ?? {};
    const handler = handlers[cmd];
    try {
      if (!handler) throw new Error(`unknown command '${cmd}'`);
      const result = await handler(args ?? {});
      process.send?.({ id, ok: true, result });
    } catch (error) {
      process.send?.({ id, ok: false, error: error instanceof Error ? error.stack ?? error.message : String(error) });
    }
  });
  process.on('disconnect', () => process.exit(0));
  process.send?.({ ready: true });
}
