// #region winston
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { RealtimeModule } from '@tenantcast/nest';
import { WinstonModule } from 'nest-winston';
import { format, transports } from 'winston';

@Module({
  imports: [
    RealtimeModule.forRoot({
      auth: { secret: process.env.JWT_SECRET ?? '' },
      logging: { format: 'object', messageKey: 'message' }, // winston reads the message from `message`
    }),
  ],
})
export class AppModule {}

export async function bootstrap(): Promise<void> {
  const logger = WinstonModule.createLogger({
    transports: [new transports.Console({ format: format.json() })],
  });
  const app = await NestFactory.create(AppModule, { logger });
  await app.listen(3000);
}
// #endregion winston
