import { HttpStatus, type PipeTransform } from '@nestjs/common';
import { ErrorCode, roomComponentProblem, type RoomComponentName } from '@tenantcast/protocol';
import { apiError } from './api-error';

/**
 * Checks a route parameter that names part of a room (an RCA id, a user id) by the same rules as
 * socket joins, and refuses it with 400 `INVALID_ROOM` (never altered, never a wildcard).
 */
export class RoomComponentPipe implements PipeTransform<string, string> {
  constructor(private readonly component: RoomComponentName) {}

  transform(value: string): string {
    const problem = roomComponentProblem(value, this.component);
    if (problem !== undefined) throw apiError(HttpStatus.BAD_REQUEST, ErrorCode.InvalidRoom, `Invalid ${this.component} in the path: ${problem}.`);
    return value;
  }
}
