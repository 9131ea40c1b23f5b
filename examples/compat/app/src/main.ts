import 'reflect-metadata';
import { AppModule } from './app.module.js';
import { createHttpApp } from './http-platform.js';

/** Printed once listening, so the compatibility suite finds the port among the log lines. */
const READY_MARKER = 'TENANTCAST_COMPAT_READY';

async function bootstrap(): Promise<void> {
  const app = await createHttpApp(AppModule);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  process.stdout.write(`${READY_MARKER} ${JSON.stringify({ port: address.port })}\n`);
}

bootstrap().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
