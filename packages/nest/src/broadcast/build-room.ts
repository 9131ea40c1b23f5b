import { ErrorCode, RoomNameError } from '@tenantcast/protocol';
import { RealtimeError } from '../errors/realtime.error';

/** Runs a room-name builder, turning its `RoomNameError` into a `RealtimeError` `INVALID_ROOM`. */
export function buildRoom(build: () => string): string {
  try {
    return build();
  } catch (error) {
    if (error instanceof RoomNameError) throw new RealtimeError(ErrorCode.InvalidRoom, error.message, { cause: error });
    throw error;
  }
}
