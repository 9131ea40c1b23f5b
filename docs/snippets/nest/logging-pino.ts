// #region pino
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { RealtimeModule } from '@tenantcast/nest';
import { Logger, LoggerModule } from 'nestjs-pino';

@Module({
  imports: [
    LoggerModule.forRoot(),
    RealtimeModule.forRoot({
      auth: { secret: process.env.JWT_SECRET ?? '' },
      logging: { format: 'object' }, // pino reads the message from `msg`, the default messageKey
    }),
  ],
})
export class AppModule {}

export async function bootstrap(): Promise<void> {
  const app = await NestFactory.create(AppModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  await app.listen(3000);
}
// → {"level":30,…,"context":"Realtime","msg":"Connected","event":"connected",
//    "socketId":"…","tenantId":"acme","userId":"alice","transport":"websocket"}
// #endregion pino
