import { HttpStatus } from '@nestjs/common';
import { ErrorCode } from '@tenantcast/protocol';
import { apiError } from '../http/api-error';
import { MAX_COMMENT_LENGTH } from './comment-request-limits';

/**
 * Validates the body of `POST /rcas/:id/comments` and returns the comment's text.
 * @throws HttpException 400 `INVALID_PAYLOAD` naming the problem and the expected shape
 */
export function parseCommentRequest(body: unknown): string {
  const text = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>).text : undefined;
  if (typeof text !== 'string' || text.trim() === '') throw invalid('text must be a non-empty string');
  if (text.length > MAX_COMMENT_LENGTH) throw invalid(`text must be at most ${MAX_COMMENT_LENGTH} characters, got ${text.length}`);
  return text.trim();
}

function invalid(problem: string): Error {
  return apiError(HttpStatus.BAD_REQUEST, ErrorCode.InvalidPayload, `Invalid comment: ${problem}. Send JSON { "text": "Found the root cause" }.`);
}
