import { ErrorCode } from '@tenantcast/protocol';
import { mapStore } from './external-store';
import { RealtimeClientError } from './realtime-client-error';
import type { RoomHandle, RoomRef } from './room-registry';
import type { RoomState } from './room-state';
import type { RealtimeStatus, RealtimeStatusStore } from './status-store';

/**
 * @internal Waits for a freshly taken room reference to be joined and wraps it in a
 * {@link RoomHandle}. On a refusal, or when the client gives up connecting first, the reference
 * is released and the promise rejects.
 */
export function joinRoom(ref: RoomRef, status: RealtimeStatusStore): Promise<RoomHandle> {
  return new Promise<RoomHandle>((resolve, reject) => {
    const fail = (error: RealtimeClientError): void => {
      stop();
      void ref.release();
      reject(error);
    };
    const check = (): void => {
      const state = ref.getSnapshot();
      if (state.status === 'joined') {
        stop();
        resolve(toHandle(ref, state));
      } else if (state.status === 'error') {
        fail(state.error ?? new RealtimeClientError(ErrorCode.Internal, `Joining room ${ref.kind}/${ref.id} failed.`));
      }
    };
    const onStatus = (): void => {
      const current = status.getSnapshot();
      if (isGivenUp(current)) fail(givenUpError(ref, current));
    };
    const stopRoom = ref.subscribe(check);
    const stopStatus = status.subscribe(onStatus);
    const stop = (): void => {
      stopRoom();
      stopStatus();
    };
    const initial = status.getSnapshot();
    // `idle` at call time means "not connected yet": wait for `connect()`.
    if (initial.type !== 'idle' && isGivenUp(initial)) fail(givenUpError(ref, initial));
    else check();
  });
}

function isGivenUp(status: RealtimeStatus): boolean {
  return status.type === 'idle' || status.type === 'offline' || status.type === 'unauthorized';
}

function givenUpError(ref: RoomRef, status: RealtimeStatus): RealtimeClientError {
  return new RealtimeClientError(
    status.type === 'unauthorized' ? status.code : ErrorCode.Disconnected,
    `Could not join room ${ref.kind}/${ref.id}: the client is ${status.type}${status.lastError ? ` (${status.lastError.message})` : ''}.`,
    { cause: status.lastError },
  );
}

function toHandle(ref: RoomRef, state: RoomState): RoomHandle {
  return {
    room: state.room ?? `${ref.kind}:${ref.id}`,
    kind: ref.kind,
    id: ref.id,
    state: { subscribe: ref.subscribe, getSnapshot: ref.getSnapshot },
    presence: mapStore(ref, (value) => value.members),
    leave: () => ref.release(),
  };
}
