import { canWrite, type RcaSummary } from 'nest-rca/contract';
import { ErrorNotice } from '../errors/error-notice';
import { useRoom } from '../realtime/hooks';
import { hrefOf } from '../routing/use-hash-route';
import type { SessionTokens } from '../session/session-tokens';
import { ActivityFeed } from './activity-feed';
import { Avatar } from './avatar';
import { RcaActions } from './rca-actions';
import { StatusBadge } from './status-badge';

/** Props of {@link RcaPage}. */
export interface RcaPageProps {
  rcaId: string;
  /** The RCA from the list, once loaded (an id outside the catalog has none). */
  rca: RcaSummary | undefined;
  tokens: SessionTokens;
}

/**
 * One RCA: joins its room while open (again after every reconnect), shows who is viewing it and
 * what happens in it, and posts updates and comments.
 */
export function RcaPage({ rcaId, rca, tokens }: RcaPageProps) {
  const room = useRoom('rca', rcaId);
  const me = tokens.identity.userId;
  const back = (
    <a href={hrefOf({ page: 'list' })} className="back">
      ← All RCAs
    </a>
  );

  if (room.status === 'error' && room.error) {
    return (
      <section>
        {back}
        <ErrorNotice error={room.error} subject={{ kind: 'rca', id: rcaId }}>
          <a href={hrefOf({ page: 'list' })}>Back to the RCAs you may open</a>
        </ErrorNotice>
      </section>
    );
  }

  return (
    <section className="rca-page" data-room-status={room.status}>
      {back}
      <h1>
        RCA #{rcaId} {rca && <span className="title">{rca.title}</span>} {rca && <StatusBadge status={rca.status} />}
      </h1>
      {/* While (re-)joining, the list is the last one known: shown faded, not as who is here now. */}
      <div className={`viewers${room.status === 'joined' ? '' : ' stale'}`} data-testid="viewers">
        <span className="muted">{room.status === 'joined' ? `Viewing now (${room.members.length}):` : 'Joining…'}</span>
        {room.members.map((member) => (
          <Avatar key={member.userId} member={member} isMe={member.userId === me} />
        ))}
      </div>
      <div className="rca-columns">
        {canWrite(tokens.identity.role) ? (
          <RcaActions key={rcaId} rcaId={rcaId} status={rca?.status} tokens={tokens} />
        ) : (
          <p className="muted" data-testid="read-only">You can follow this RCA; your role ({tokens.identity.role}) does not post updates or comments.</p>
        )}
        <ActivityFeed key={rcaId} rcaId={rcaId} />
      </div>
    </section>
  );
}
