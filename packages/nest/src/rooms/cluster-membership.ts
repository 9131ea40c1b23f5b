import type { Logger } from '@nestjs/common';
import { ErrorCode, userRoom } from '@tenantcast/protocol';
import { MEMBERSHIP_COMMAND_EVENT, parseMembershipCommand, type MembershipCommand } from '../broadcast/membership-command';
import { RealtimeError } from '../errors/realtime.error';
import type { NamespaceHost } from '../gateway/namespace-host';
import type { SystemNamespace } from '../gateway/system-socket';
import type { RoomMembership } from './room-membership';

/** What cluster-wide membership works with. */
export interface ClusterMembershipOptions {
  host: NamespaceHost;
  membership: RoomMembership;
  /** Whether other processes hold sockets (a cluster adapter). */
  clustered: boolean;
  /** Milliseconds to wait for the other processes' answers. */
  requestsTimeoutMs: number;
  logger: Logger;
}

type Ack = (joined: number) => void;

/**
 * Puts every socket of a user, on every process, into or out of a resource room, the server
 * deciding (no `authorize`): each process applies the command to its own sockets through
 * {@link RoomMembership}, so presence and `user-joined` / `user-left` are exactly those of client
 * joins. The command travels as a Socket.IO server-side emit through the adapter.
 */
export class ClusterMembership {
  constructor(private readonly deps: ClusterMembershipOptions) {}

  /** Answers the commands of other processes (and of `RealtimeEmitter`s) on `namespace`. */
  listen(namespace: SystemNamespace): void {
    const listener = (payload: unknown, ack?: Ack): void => {
      const command = parseMembershipCommand(payload);
      if (!command) return;
      this.applyHere(command).then(
        (count) => ack?.(count),
        (error: unknown) => this.deps.logger.error(`Applying ${command.op} of user=${command.userId} tenant=${command.tenantId} failed: ${String(error)}`),
      );
    };
    (namespace as unknown as { on(event: string, listener: (payload: unknown, ack?: Ack) => void): void }).on(MEMBERSHIP_COMMAND_EVENT, listener);
  }

  /**
   * Applies `command` here and on every other process.
   * @returns how many of the user's connections, cluster-wide, the command applied to
   * @throws RealtimeError `INTERNAL` when some process did not answer within `requestsTimeoutMs`
   * (those that answered applied it)
   */
  async run(command: MembershipCommand): Promise<number> {
    const here = this.applyHere(command);
    if (!this.deps.clustered) return here;
    const [local, remote] = await Promise.all([here, this.askOthers(command)]);
    return remote.reduce<number>((sum, count) => sum + (typeof count === 'number' ? count : 0), local);
  }

  private async applyHere(command: MembershipCommand): Promise<number> {
    const { host, membership } = this.deps;
    if (!host.ready) return 0;
    const namespace = host.namespace;
    const ids = namespace.adapter.rooms.get(userRoom(command.tenantId, command.userId)) ?? new Set<string>();
    const sockets = [...ids].flatMap((id) => namespace.sockets.get(id) ?? []);
    const acks = await Promise.all(
      sockets.map((socket) =>
        command.op === 'join' ? membership.joinByServer(socket, command.kind, command.id) : membership.leave(socket, command.kind, command.id),
      ),
    );
    return acks.filter((ack) => ack.ok).length;
  }

  private async askOthers(command: MembershipCommand): Promise<unknown[]> {
    const { host, requestsTimeoutMs } = this.deps;
    const namespace = host.namespace as unknown as { serverSideEmitWithAck(event: string, payload: unknown): Promise<unknown[]> };
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${requestsTimeoutMs} ms`)), requestsTimeoutMs);
      timer.unref();
    });
    const asked = namespace.serverSideEmitWithAck(MEMBERSHIP_COMMAND_EVENT, command);
    // The adapter's own timeout may reject it after ours did.
    asked.catch(() => undefined);
    try {
      return await Promise.race([asked, timeout]);
    } catch (error) {
      throw new RealtimeError(
        ErrorCode.Internal,
        `Not every process confirmed ${command.op} of user '${command.userId}' (${error instanceof Error ? error.message : String(error)}); the processes that answered applied it.`,
        { cause: error },
      );
    } finally {
      clearTimeout(timer);
    }
  }
}
