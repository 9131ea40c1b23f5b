import WebSocket from 'ws';

/**
 * Opens one Socket.IO connection with minimal raw framing (open → CONNECT with auth → wait for
 * the server's `connected` event) and resolves with the milliseconds it took. The socket stays
 * open; the caller closes it.
 */
export function rawConnect(port, namespace, token) {
  const started = performance.now();
  const ws = new WebSocket(`ws://127.0.0.1:${port}/socket.io/?EIO=4&transport=websocket`);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error('connect timed out')), 10_000);
    const fail = (error) => {
      clearTimeout(timer);
      ws.terminate();
      reject(error);
    };
    ws.on('error', fail);
    ws.on('message', (data) => {
      const frame = data.toString();
      if (frame.startsWith('0')) ws.send(`40${namespace},${JSON.stringify({ token })}`);
      else if (frame === '2') ws.send('3');
      else if (frame.startsWith(`44${namespace},`)) fail(new Error(`refused: ${frame}`));
      else if (frame.startsWith(`42${namespace},["connected"`)) {
        clearTimeout(timer);
        resolve({ ws, ms: performance.now() - started });
      }
    });
  });
}
