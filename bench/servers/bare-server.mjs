// Bare Socket.IO with the same options as the library's defaults, for side-by-side runs: no
// authentication, no rooms, no presence; it emits `connected` like the library does.
import { createServer } from 'node:http';
import { Server } from 'socket.io';

const http = createServer();
const io = new Server(http, { transports: ['websocket'], perMessageDeflate: false, maxHttpBufferSize: 65_536, connectTimeout: 10_000 });
io.of('/rca').on('connection', (socket) => socket.emit('connected', {}));
http.listen(0, '127.0.0.1', () => process.stdout.write(`${JSON.stringify({ port: http.address().port })}\n`));
process.on('SIGTERM', () => io.close(() => process.exit(0)));
