import { Catch, HttpException, Logger, type ArgumentsHost, type WsExceptionFilter } from '@nestjs/common';
import { WsException } from '@nestjs/websockets';
import { ErrorCode, isErrorCode, type ErrorAck, type ErrorPayload } from '@tenantcast/protocol';
import { RealtimeError } from '../errors/realtime.error';
import { LOGGER_CONTEXT } from '../realtime.constants';
import { quoteLogValue } from '../logging/log-values';
import { SharedAcrossBuilds } from '../shared-across-builds';

const INTERNAL_MESSAGE = 'The server failed to handle the request; try again.';

/**
 * Turns whatever an application's message handler (or its pipes and guards) throws into the
 * protocol's refused acknowledgement `{ ok: false, error: { code, message, details? } }`:
 *
 * - a `RealtimeError` (what {@link StandardSchemaPipe} and {@link RealtimeValidationPipe} throw)
 *   keeps its code and details;
 * - a `WsException` or a 4xx `HttpException` (a plain `ValidationPipe`'s `BadRequestException`)
 *   is the client's fault: `INVALID_PAYLOAD` (or the code it carries), logged as one warn line;
 * - anything else is `INTERNAL`, logged with its stack on the server and never sent to the
 *   client, whose socket stays connected.
 *
 * `@RealtimeGateway()` applies it to the class; use it with `@UseFilters()` elsewhere.
 */
@SharedAcrossBuilds('RealtimeExceptionFilter')
@Catch()
export class RealtimeExceptionFilter implements WsExceptionFilter {
  private readonly logger = new Logger(LOGGER_CONTEXT);

  catch(exception: unknown, host: ArgumentsHost): void {
    const ws = host.switchToWs();
    const ack = host.getArgByIndex<unknown>(2);
    const pattern = quoteLogValue(ws.getPattern());
    const error = this.toPayload(exception, pattern);
    if (typeof ack === 'function') (ack as (response: ErrorAck) => void)({ ok: false, error });
  }

  private toPayload(exception: unknown, pattern: string): ErrorPayload {
    if (exception instanceof RealtimeError) {
      this.logger.warn(`Refused message=${pattern} code=${exception.code}: ${quoteLogValue(exception.message)}`);
      return exception.toPayload();
    }
    const clientFault = clientFaultPayload(exception);
    if (clientFault) {
      this.logger.warn(`Refused message=${pattern} code=${clientFault.code}: ${quoteLogValue(clientFault.message)}`);
      return clientFault;
    }
    this.logger.error(`Handler of message=${pattern} failed: ${exception instanceof Error ? exception.stack : String(exception)}`);
    return { code: ErrorCode.Internal, message: INTERNAL_MESSAGE };
  }
}

function clientFaultPayload(exception: unknown): ErrorPayload | undefined {
  if (exception instanceof WsException) {
    const error = exception.getError();
    if (typeof error === 'object' && error !== null) {
      const { code, message } = error as { code?: unknown; message?: unknown };
      return { code: isErrorCode(code) ? code : ErrorCode.InvalidPayload, message: typeof message === 'string' ? message : 'The request was refused.' };
    }
    return { code: ErrorCode.InvalidPayload, message: String(error) };
  }
  if (exception instanceof HttpException && exception.getStatus() >= 400 && exception.getStatus() < 500) {
    const response = exception.getResponse();
    const messages = typeof response === 'object' && response !== null ? (response as { message?: unknown }).message : response;
    const list = (Array.isArray(messages) ? messages : [messages]).filter((item): item is string => typeof item === 'string');
    return { code: ErrorCode.InvalidPayload, message: `Invalid payload: ${list.join('; ') || exception.message}.`, details: list.map((message) => ({ path: [], message })) };
  }
  return undefined;
}
