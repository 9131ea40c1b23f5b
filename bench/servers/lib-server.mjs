// The library on NestJS with JWT verification and in-memory presence (BENCH_MODE=jwt+presence),
// the same server options as bare-server.mjs.
import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { RealtimeModule } from '@tenantcast/nest';
import { BENCH_SECRET } from '../lib/tokens.mjs';

class BenchModule {}
Module({
  imports: [RealtimeModule.forRoot({ namespace: '/rca', auth: { secret: BENCH_SECRET }, transports: ['websocket'], rooms: { rca: {} }, health: false })],
})(BenchModule);

const app = await NestFactory.create(BenchModule, { logger: false });
await app.listen(0, '127.0.0.1');
process.stdout.write(`${JSON.stringify({ port: app.getHttpServer().address().port })}\n`);
process.on('SIGTERM', () => app.close().then(() => process.exit(0)));
