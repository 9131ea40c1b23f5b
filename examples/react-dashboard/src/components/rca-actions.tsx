import { ErrorCode } from '@tenantcast/protocol';
import { MAX_COMMENT_LENGTH, RCA_STATUSES, type RcaStatus } from 'nest-rca/contract';
import { useEffect, useState, type FormEvent } from 'react';
import { ApiError } from '../api/api-error';
import { postComment, postUpdate } from '../api/http-api';
import { ErrorNotice } from '../errors/error-notice';
import type { SessionTokens } from '../session/session-tokens';

/** Props of {@link RcaActions}. */
export interface RcaActionsProps {
  rcaId: string;
  status: RcaStatus | undefined;
  tokens: SessionTokens;
}

/** A form's state while it posts. */
function useSubmission() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const run = async (send: () => Promise<unknown>): Promise<boolean> => {
    setBusy(true);
    setError(undefined);
    try {
      await send();
      return true;
    } catch (thrown) {
      setError(thrown instanceof ApiError ? thrown : new ApiError(0, ErrorCode.Internal, String(thrown)));
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run };
}

/**
 * Posts updates and comments through the HTTP API; they come back to everyone in the room (this
 * window too) as `rca-updated` and `comment-added`.
 */
export function RcaActions({ rcaId, status, tokens }: RcaActionsProps) {
  const [nextStatus, setNextStatus] = useState<RcaStatus>(status ?? 'investigating');
  // Follows the RCA's live status, so the form starts from where the RCA stands now.
  useEffect(() => {
    if (status !== undefined) setNextStatus(status);
  }, [status]);
  const [note, setNote] = useState('');
  const [comment, setComment] = useState('');
  const update = useSubmission();
  const commenting = useSubmission();

  const sendUpdate = async (event: FormEvent) => {
    event.preventDefault();
    if (await update.run(() => tokens.withToken((token) => postUpdate(token, rcaId, { status: nextStatus, note })))) setNote('');
  };
  const sendComment = async (event: FormEvent) => {
    event.preventDefault();
    if (await commenting.run(() => tokens.withToken((token) => postComment(token, rcaId, comment)))) setComment('');
  };

  return (
    <section className="actions">
      <form onSubmit={(event) => void sendUpdate(event)} className="update-form">
        <h2>Post an update</h2>
        <label>
          Status
          <select value={nextStatus} onChange={(event) => setNextStatus(event.target.value as RcaStatus)} data-testid="update-status">
            {RCA_STATUSES.map((value) => (
              <option key={value} value={value}>
                {value}
              </option>
            ))}
          </select>
        </label>
        <label>
          Note <input value={note} onChange={(event) => setNote(event.target.value)} placeholder="Root cause narrowed to the coolant pump" data-testid="update-note" />
        </label>
        <button type="submit" disabled={update.busy} data-testid="post-update">
          Post update
        </button>
        {update.error && <ErrorNotice error={update.error} subject={{ kind: 'rca', id: rcaId }} />}
      </form>
      <form onSubmit={(event) => void sendComment(event)} className="comment-form">
        <h2>Comment</h2>
        <textarea value={comment} onChange={(event) => setComment(event.target.value)} maxLength={MAX_COMMENT_LENGTH} required rows={2} placeholder="Seal on the pump looks worn" data-testid="comment-text" />
        <button type="submit" disabled={commenting.busy || comment.trim() === ''} data-testid="post-comment">
          Add comment
        </button>
        {commenting.error && <ErrorNotice error={commenting.error} subject={{ kind: 'rca', id: rcaId }} />}
      </form>
    </section>
  );
}
