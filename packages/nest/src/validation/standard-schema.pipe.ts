import type { PipeTransform } from '@nestjs/common';
import { MessageBody } from '@nestjs/websockets';
import type { StandardSchemaV1 } from '@standard-schema/spec';
import { ErrorCode, type PayloadIssue } from '@tenantcast/protocol';
import { RealtimeError } from '../errors/realtime.error';
import { SharedAcrossBuilds } from '../shared-across-builds';

/**
 * Validates a message body with any Standard Schema validator (zod 3.24+, valibot 1, ArkType,
 * …) and hands the handler the schema's output. A failure throws a `RealtimeError`
 * `INVALID_PAYLOAD` listing every issue (path and message, never the offending value), which
 * {@link RealtimeExceptionFilter} sends as the acknowledgement; the handler does not run.
 *
 * @example
 * ```ts
 * @SubscribeMessage('post-comment')
 * post(@MessageBody(new StandardSchemaPipe(z.object({ rcaId: z.string(), text: z.string().max(2000) }))) body: Comment) {}
 * ```
 */
@SharedAcrossBuilds('StandardSchemaPipe')
export class StandardSchemaPipe<Schema extends StandardSchemaV1> implements PipeTransform<unknown, Promise<StandardSchemaV1.InferOutput<Schema>>> {
  constructor(private readonly schema: Schema) {}

  async transform(value: unknown): Promise<StandardSchemaV1.InferOutput<Schema>> {
    const result = await this.schema['~standard'].validate(value);
    if (result.issues === undefined) return result.value as StandardSchemaV1.InferOutput<Schema>;
    const details = result.issues.map(toIssue);
    throw new RealtimeError(ErrorCode.InvalidPayload, `Invalid payload: ${details.map(describeIssue).join('; ')}.`, { details });
  }
}

/**
 * `@MessageBody()` validated by a Standard Schema: shorthand for
 * `@MessageBody(new StandardSchemaPipe(schema))`.
 */
export function ValidatedBody(schema: StandardSchemaV1): ParameterDecorator {
  return MessageBody(new StandardSchemaPipe(schema));
}

function toIssue(issue: StandardSchemaV1.Issue): PayloadIssue {
  const path = (issue.path ?? []).map((segment) => {
    const key = typeof segment === 'object' && segment !== null ? segment.key : segment;
    return typeof key === 'number' ? key : String(key);
  });
  return { path, message: issue.message };
}

function describeIssue({ path, message }: PayloadIssue): string {
  return path.length === 0 ? message : `${path.join('.')}: ${message}`;
}
