import { canBroadcast, canWrite } from 'nest-rca/contract';
import { useState, type FormEvent } from 'react';
import { announce, notifyUser } from '../api/http-api';
import { usePresence } from '../realtime/hooks';
import type { SessionTokens } from '../session/session-tokens';
import { Avatar } from './avatar';
import { usePushToast } from './toasts';

/**
 * Who is online in the tenant (one entry per user, however many tabs), with a nudge that sends
 * them a notification, and an announcement to everyone in the tenant.
 */
export function OnlinePanel({ tokens }: { tokens: SessionTokens }) {
  const online = usePresence('tenant');
  const push = usePushToast();
  const [text, setText] = useState('');
  const me = tokens.identity.userId;
  // Only what the role may do is offered; the server enforces the same rules either way.
  const { role } = tokens.identity;

  const report = (what: string) => (error: unknown) => push({ title: `${what} failed`, detail: error instanceof Error ? error.message : String(error), tone: 'error' });
  const nudge = (userId: string) => {
    tokens.withToken((token) => notifyUser(token, userId, { title: 'Can you take a look?' })).catch(report('Nudging'));
  };
  const sendAnnouncement = (event: FormEvent) => {
    event.preventDefault();
    tokens.withToken((token) => announce(token, { text })).then(() => setText(''), report('Announcing'));
  };

  return (
    <aside className="online">
      <h2>Online in {tokens.identity.tenantId}</h2>
      {online.status === 'error' && online.error && <p className="last-error">{online.error.message}</p>}
      <ul data-testid="online" className={online.status === 'subscribed' ? undefined : 'stale'}>
        {online.members.map((member) => (
          <li key={member.userId} data-user={member.userId}>
            <Avatar member={member} isMe={member.userId === me} /> <span>{member.userId}</span>
            {member.userId === me ? (
              <span className="muted"> (you)</span>
            ) : (
              canWrite(role) && (
              <button type="button" className="link" onClick={() => nudge(member.userId)} data-testid={`nudge-${member.userId}`}>
                Nudge
              </button>
              )
            )}
          </li>
        ))}
      </ul>
      {canBroadcast(role) && (
        <form onSubmit={sendAnnouncement} className="announce-form">
          <input value={text} onChange={(event) => setText(event.target.value)} placeholder="Announce to the tenant…" required data-testid="announce-text" />
          <button type="submit" data-testid="announce">
            Announce
          </button>
        </form>
      )}
    </aside>
  );
}
