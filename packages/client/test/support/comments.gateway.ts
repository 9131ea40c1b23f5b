import { ConnectedSocket, MessageBody, SubscribeMessage } from '@nestjs/websockets';
import { RealtimeGateway, type RealtimeSocket } from '@tenantcast/nest';

/**
 * An application gateway on the Tenantcast namespace, as an app would write one: it acknowledges
 * `add-comment` with `{ ok: true, id }` or a refusal.
 *
 * The Nest decorators are applied as plain calls below, exactly what `@RealtimeGateway()`,
 * `@SubscribeMessage()`, `@ConnectedSocket()` and `@MessageBody()` compile to. So this package
 * needs no decorator compiler flags (only packages/nest has them) and no SWC transform, and the
 * helpers also run under the React package's happy-dom tests.
 */
export class CommentsGateway {
  private next = 0;

  addComment(socket: RealtimeSocket, body: { rcaId?: unknown; text?: unknown } | undefined) {
    if (typeof body?.text !== 'string' || body.text.length === 0) {
      return { ok: false, error: { code: 'INVALID_PAYLOAD', message: 'text must be a non-empty string' } };
    }
    this.next += 1;
    return { ok: true, id: `${socket.data.user.userId}-${this.next}` };
  }
}

RealtimeGateway()(CommentsGateway);
const method = Object.getOwnPropertyDescriptor(CommentsGateway.prototype, 'addComment')!;
SubscribeMessage('add-comment')(CommentsGateway.prototype, 'addComment', method);
ConnectedSocket()(CommentsGateway.prototype, 'addComment', 0);
MessageBody()(CommentsGateway.prototype, 'addComment', 1);
