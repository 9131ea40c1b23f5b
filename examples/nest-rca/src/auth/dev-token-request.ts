import { HttpStatus } from '@nestjs/common';
import { ErrorCode, roomComponentProblem } from '@tenantcast/protocol';
import { apiError } from '../http/api-error';

/** Body of `POST /auth/dev-token`. */
export interface DevTokenRequest {
  userId: string;
  tenantId: string;
  role: string;
  email?: string;
  /** For role `viewer`: the RCA ids the user may join. */
  rcaIds?: string[];
}

const USAGE = 'Send JSON { "userId": "alice", "tenantId": "acme", "role": "engineer", "email": "alice@acme.example" } (role "viewer" takes "rcaIds": ["42"]).';
const MAX_TEXT_LENGTH = 256;
const MAX_RCA_IDS = 100;

/**
 * Validates the body, so a dev token is always one the server accepts back.
 * @throws HttpException 400 `INVALID_PAYLOAD` naming the first problem and the expected shape
 */
export function parseDevTokenRequest(body: unknown): DevTokenRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw invalid('the body is not a JSON object');
  const { userId, tenantId, role, email, rcaIds } = body as Record<string, unknown>;
  const problem =
    roomComponentProblem(userId, 'userId') ??
    roomComponentProblem(tenantId, 'tenantId') ??
    textProblem(role, 'role') ??
    (email === undefined ? undefined : textProblem(email, 'email')) ??
    (rcaIds === undefined ? undefined : rcaIdsProblem(rcaIds));
  if (problem !== undefined) throw invalid(problem);
  return {
    userId: userId as string,
    tenantId: tenantId as string,
    role: role as string,
    ...(email === undefined ? {} : { email: email as string }),
    ...(rcaIds === undefined ? {} : { rcaIds: rcaIds as string[] }),
  };
}

function textProblem(value: unknown, name: string): string | undefined {
  if (typeof value !== 'string' || value.length === 0) return `${name} must be a non-empty string`;
  if (value.length > MAX_TEXT_LENGTH) return `${name} must be at most ${MAX_TEXT_LENGTH} characters`;
  return undefined;
}

function rcaIdsProblem(value: unknown): string | undefined {
  if (!Array.isArray(value) || value.length > MAX_RCA_IDS) return `rcaIds must be an array of at most ${MAX_RCA_IDS} RCA ids`;
  for (const id of value) {
    const problem = roomComponentProblem(id, 'id');
    if (problem !== undefined) return `rcaIds: ${problem}`;
  }
  return undefined;
}

function invalid(problem: string): Error {
  return apiError(HttpStatus.BAD_REQUEST, ErrorCode.InvalidPayload, `Invalid dev-token request: ${problem}. ${USAGE}`);
}
