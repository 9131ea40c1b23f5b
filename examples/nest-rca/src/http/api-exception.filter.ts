import { Catch, HttpException, HttpStatus, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { RealtimeError } from '@tenantcast/nest';
import { ErrorCode } from '@tenantcast/protocol';
import type { ApiErrorBody, ApiErrorCode } from './api-error';

/** What an Express request and response look like to this filter. */
interface HttpPair {
  request: { method?: string; url?: string };
  response: { status(code: number): { json(body: unknown): void } };
}

const CODE_BY_STATUS: Partial<Record<number, ApiErrorCode>> = {
  [HttpStatus.BAD_REQUEST]: ErrorCode.InvalidPayload,
  [HttpStatus.UNAUTHORIZED]: ErrorCode.Unauthorized,
  [HttpStatus.FORBIDDEN]: ErrorCode.Forbidden,
  [HttpStatus.NOT_FOUND]: 'NOT_FOUND',
  [HttpStatus.PAYLOAD_TOO_LARGE]: ErrorCode.PayloadTooLarge,
  [HttpStatus.TOO_MANY_REQUESTS]: ErrorCode.RateLimited,
};

const STATUS_BY_REALTIME_CODE: Partial<Record<ErrorCode, number>> = {
  [ErrorCode.InvalidPayload]: HttpStatus.BAD_REQUEST,
  [ErrorCode.InvalidRoom]: HttpStatus.BAD_REQUEST,
  [ErrorCode.PayloadTooLarge]: HttpStatus.PAYLOAD_TOO_LARGE,
  [ErrorCode.Forbidden]: HttpStatus.FORBIDDEN,
};

/**
 * Every HTTP error answers `{ statusCode, code, message }`, whoever raised it: the app's own
 * `apiError`s, Nest's (404 for an unknown route), the body parser's (413 for a body over the
 * limit, 400 for malformed JSON) and `RealtimeError`s from the emit helpers (400 for a payload
 * they cannot encode, 413 above their size limit). A client's fault is one warn line without a
 * stack; only the server's own failures (500) are logged as errors with their stack.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Http');

  catch(exception: unknown, host: ArgumentsHost): void {
    const { request, response } = { request: host.switchToHttp().getRequest<HttpPair['request']>(), response: host.switchToHttp().getResponse<HttpPair['response']>() };
    const body = this.toBody(exception);
    if (body.statusCode >= 500) {
      this.logger.error(`${request.method} ${JSON.stringify(request.url)} failed: ${exception instanceof Error ? exception.stack : String(exception)}`);
    } else {
      this.logger.warn(`${request.method} ${JSON.stringify(request.url)} answered ${body.statusCode} ${body.code}: ${JSON.stringify(body.message)}`);
    }
    response.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown): ApiErrorBody {
    if (exception instanceof HttpException) {
      const statusCode = exception.getStatus();
      const given = exception.getResponse();
      if (typeof given === 'object' && given !== null && typeof (given as ApiErrorBody).code === 'string') return given as ApiErrorBody;
      const message = typeof given === 'object' && given !== null ? (given as { message?: unknown }).message : given;
      return { statusCode, code: codeFor(statusCode), message: Array.isArray(message) ? message.join('; ') : String(message ?? exception.message) };
    }
    if (exception instanceof RealtimeError) {
      const statusCode = STATUS_BY_REALTIME_CODE[exception.code] ?? HttpStatus.INTERNAL_SERVER_ERROR;
      return statusCode >= 500 ? internal() : { statusCode, code: exception.code, message: exception.message };
    }
    // The body parser's errors carry an HTTP status and a type.
    const { status, type } = (exception ?? {}) as { status?: unknown; type?: unknown };
    if (typeof status === 'number' && status >= 400 && status < 500) {
      if (type === 'entity.too.large') return { statusCode: status, code: ErrorCode.PayloadTooLarge, message: 'The request body is larger than the server accepts (100 KB).' };
      if (type === 'entity.parse.failed') return { statusCode: status, code: ErrorCode.InvalidPayload, message: 'The request body is not valid JSON.' };
      return { statusCode: status, code: codeFor(status), message: 'The request was refused.' };
    }
    return internal();
  }
}

function codeFor(status: number): ApiErrorCode {
  return CODE_BY_STATUS[status] ?? (status >= 500 ? ErrorCode.Internal : ErrorCode.InvalidPayload);
}

function internal(): ApiErrorBody {
  return { statusCode: HttpStatus.INTERNAL_SERVER_ERROR, code: ErrorCode.Internal, message: 'The server failed; try again.' };
}
