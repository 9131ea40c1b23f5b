import { ErrorCode, type PresenceMember } from '@tenantcast/protocol';
import { createStore, type ExternalStore } from './external-store';
import { RealtimeClientError } from './realtime-client-error';
import type { RoomState } from './room-state';

/** @internal What the server answered to an open request. */
export interface OpenResult {
  members: PresenceMember[];
  room?: string;
}

/** @internal */
export interface SharedSubscriptionDeps {
  /** Asks the server to start (join, subscribe); rejects with a RealtimeClientError. */
  open(): Promise<OpenResult>;
  /** Asks the server to stop (leave, unsubscribe). */
  close(): Promise<void>;
  /** Whether the connection is up and authenticated. */
  isConnected(): boolean;
  /** Reports a failed re-open after a reconnect (nobody awaits it). */
  reportReopenFailure(error: RealtimeClientError): void;
  /** Reports a failed close; the subscription is gone from the client either way. */
  reportCloseFailure(error: RealtimeClientError): void;
  /** Called once the last reference is released and the server was told; the owner forgets it. */
  onDisposed(): void;
}

const JOINING: RoomState = /* @__PURE__ */ Object.freeze({ status: 'joining', members: Object.freeze([]) });

/**
 * @internal A server-side subscription shared by reference count: the first `retain()` opens it
 * (once connected), the last `release()` closes it. A release followed by a retain in the same
 * tick (React StrictMode, a route that unmounts and remounts a component) keeps it open.
 * Opens and closes run one after another, so the server never sees a leave overtake a join. After
 * every reconnect it is opened again; failures are kept in the state, not thrown.
 */
export class SharedSubscription {
  private readonly store = createStore<RoomState>(JOINING);
  /** The state; only the subscription writes it. */
  readonly state: ExternalStore<RoomState> = { subscribe: this.store.subscribe, getSnapshot: this.store.getSnapshot };
  private refs = 0;
  /** Bumped whenever earlier answers stop mattering (disconnect, close, a newer open). */
  private generation = 0;
  /** Whether the server has been asked to open (and not to close since). */
  private opened = false;
  private queue: Promise<void> = Promise.resolve();
  /** Whether a join succeeded since the first reference; later failures are re-join failures. */
  private hasBeenJoined = false;
  /** Set when the server took the subscription away: it is not opened again while referenced. */
  private revokedBy: RealtimeClientError | undefined;
  /** Whether the server held the subscription when the connection dropped, so a recovered session still does. */
  private heldAtDrop = false;

  constructor(private readonly deps: SharedSubscriptionDeps) {}

  /** Takes a reference; opens the subscription if it is the first and the client is connected. */
  retain(): void {
    this.refs += 1;
    if (!this.opened && !this.revokedBy && this.deps.isConnected()) this.open();
  }

  /** Drops a reference; the last one closes the subscription after the current tick. */
  release(): Promise<void> {
    this.refs -= 1;
    if (this.refs > 0) return Promise.resolve();
    return new Promise<void>((resolve) => {
      queueMicrotask(() => {
        if (this.refs > 0) resolve();
        else this.dispose().then(resolve, resolve);
      });
    });
  }

  /**
   * The connection is authenticated (again): open if anyone holds a reference. After a recovered
   * session the server still has what it had at the drop, and the events missed meanwhile have
   * already been applied: that is taken as joined, without asking again.
   */
  connected(recovered = false): void {
    if (this.refs === 0 || this.opened || this.revokedBy) return;
    const current = this.store.getSnapshot();
    if (recovered && this.heldAtDrop && current.room !== undefined) {
      this.opened = true;
      this.write({ status: 'joined', members: current.members, room: current.room });
      return;
    }
    this.open();
  }

  /**
   * The server took the subscription away (`room-lost`: the refreshed token no longer allows
   * it). It shows `error` and is not joined again, even after a reconnect, until every reference
   * is released; joining it anew takes a new reference then.
   */
  revoked(error: RealtimeClientError): void {
    if (!this.opened) return;
    this.generation += 1;
    this.opened = false;
    this.revokedBy = error;
    this.write({ status: 'error', members: Object.freeze([]), error });
  }

  /** The connection dropped: the server forgot the subscription (unless the session is recovered); keep the members until re-opened. */
  disconnected(): void {
    this.generation += 1;
    this.heldAtDrop = this.opened && this.store.getSnapshot().status === 'joined';
    this.opened = false;
    if (!this.revokedBy) this.rejoining();
  }

  /**
   * Applies a change pushed by the server while the subscription is active, or while it waits to
   * be re-joined after a drop: a recovered session replays the changes it missed before it is
   * confirmed, and a fresh join replaces the members anyway.
   */
  update(change: (members: readonly PresenceMember[]) => readonly PresenceMember[]): void {
    const current = this.store.getSnapshot();
    if (current.status !== 'joined' && !(current.status === 'joining' && this.heldAtDrop)) return;
    const members = change(current.members);
    if (members !== current.members) this.write({ ...current, members: Object.freeze(members) });
  }

  private open(): void {
    const generation = ++this.generation;
    this.opened = true;
    this.rejoining();
    this.enqueue(async () => {
      if (generation !== this.generation) return;
      try {
        const result = await this.deps.open();
        if (generation !== this.generation) return;
        this.hasBeenJoined = true;
        this.write({ status: 'joined', members: Object.freeze([...result.members]), room: result.room });
      } catch (thrown) {
        if (generation !== this.generation) return;
        const error = RealtimeClientError.from(thrown);
        // A drop during the request is not a failure: the next `connected()` opens again.
        if (error.code === ErrorCode.Disconnected && !this.deps.isConnected()) return;
        this.opened = false;
        this.write({ status: 'error', members: this.store.getSnapshot().members, error });
        if (this.hasBeenJoined) this.deps.reportReopenFailure(error);
      }
    });
  }

  private dispose(): Promise<void> {
    this.generation += 1;
    const wasOpened = this.opened;
    this.opened = false;
    this.store.set(JOINING);
    if (!wasOpened || !this.deps.isConnected()) {
      return this.enqueue(async () => this.finishDispose());
    }
    return this.enqueue(async () => {
      try {
        await this.deps.close();
      } catch (thrown) {
        const error = RealtimeClientError.from(thrown);
        if (error.code !== ErrorCode.Disconnected) this.deps.reportCloseFailure(error);
      }
      this.finishDispose();
    });
  }

  private finishDispose(): void {
    // Retained again while the close was in flight: that retain queued its open after the close.
    if (this.refs > 0) return;
    this.hasBeenJoined = false;
    this.revokedBy = undefined;
    this.deps.onDisposed();
  }

  /** Back to `joining`, keeping what the server last said until it answers again. */
  private rejoining(): void {
    const current = this.store.getSnapshot();
    if (current.status !== 'joining') this.write({ status: 'joining', members: current.members, room: current.room });
  }

  private write(next: RoomState): void {
    this.store.set(Object.freeze(next));
  }

  private enqueue(operation: () => Promise<void>): Promise<void> {
    const next = this.queue.then(operation, operation);
    this.queue = next.catch(() => undefined);
    return next;
  }
}
