import { ValidationPipe, type ValidationError, type ValidationPipeOptions } from '@nestjs/common';
import { ErrorCode, type PayloadIssue } from '@tenantcast/protocol';
import { RealtimeError } from '../errors/realtime.error';
import { SharedAcrossBuilds } from '../shared-across-builds';

/**
 * Nest's `ValidationPipe` (class-validator DTOs) for message handlers: a failure throws a
 * `RealtimeError` `INVALID_PAYLOAD` whose `details` list every failed constraint by path,
 * instead of an HTTP `BadRequestException`, so {@link RealtimeExceptionFilter} acknowledges it
 * and the handler does not run. Defaults are strict: unknown properties are refused
 * (`whitelist` + `forbidNonWhitelisted`), the body is transformed into the DTO, and values are
 * never echoed back. Needs `class-validator` and `class-transformer`, as `ValidationPipe` does.
 *
 * @example
 * ```ts
 * @UsePipes(new RealtimeValidationPipe())
 * @SubscribeMessage('post-comment')
 * post(@MessageBody() body: PostCommentDto) {}
 * ```
 */
@SharedAcrossBuilds('RealtimeValidationPipe')
export class RealtimeValidationPipe extends ValidationPipe {
  constructor(options: ValidationPipeOptions = {}) {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: true,
      transform: true,
      validationError: { target: false, value: false },
      ...options,
      exceptionFactory: (errors: ValidationError[]) => {
        const details = errors.flatMap((error) => issuesOf(error, []));
        return new RealtimeError(ErrorCode.InvalidPayload, `Invalid payload: ${details.map((issue) => `${issue.path.join('.') || '(payload)'}: ${issue.message}`).join('; ')}.`, { details });
      },
    });
  }
}

function issuesOf(error: ValidationError, parent: Array<string | number>): PayloadIssue[] {
  const path = [...parent, /^\d+$/.test(error.property) ? Number(error.property) : error.property];
  const own = Object.values(error.constraints ?? {}).map((message) => ({ path, message }));
  return [...own, ...(error.children ?? []).flatMap((child) => issuesOf(child, path))];
}
