import { ErrorCode } from '@tenantcast/protocol';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/api-error';
import { ErrorNotice } from '../errors/error-notice';
import { DEMO_USERS, ROLES, describeIdentity, type Identity } from '../session/identity';
import { SessionTokens } from '../session/session-tokens';

/** Props of {@link SignIn}. */
export interface SignInProps {
  /** Called with the session once the server issued its first token. */
  onSignIn: (tokens: SessionTokens) => void;
}

/** Picks a user, role and tenant, and gets a dev token for them from the backend. */
export function SignIn({ onSignIn }: SignInProps) {
  const [form, setForm] = useState({ userId: '', tenantId: 'acme', role: 'engineer', rcaIds: '' });
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);

  const signInAs = async (identity: Identity) => {
    setBusy(true);
    setError(undefined);
    const tokens = new SessionTokens(identity);
    try {
      await tokens.current();
      onSignIn(tokens);
    } catch (thrown) {
      setError(thrown instanceof ApiError ? thrown : new ApiError(0, ErrorCode.Internal, String(thrown)));
      setBusy(false);
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const rcaIds = form.rcaIds.split(',').map((id) => id.trim()).filter((id) => id !== '');
    void signInAs({
      userId: form.userId.trim(),
      tenantId: form.tenantId.trim(),
      role: form.role,
      email: `${form.userId.trim()}@${form.tenantId.trim()}.example`,
      ...(form.role === 'viewer' ? { rcaIds } : {}),
    });
  };

  return (
    <main className="sign-in">
      <h1>RCA dashboard</h1>
      <p className="lead">Sign in as someone. Open a second window as another user of the same tenant to see each other arrive, leave and post; a user of another tenant sees none of it.</p>
      <section>
        <h2>Demo users</h2>
        <div className="demo-users">
          {DEMO_USERS.map((user) => (
            <button key={user.userId} type="button" disabled={busy} onClick={() => void signInAs(user)} data-testid={`sign-in-${user.userId}`}>
              {describeIdentity(user)}
              {user.rcaIds ? ` (RCA ${user.rcaIds.join(', ')} only)` : ''}
            </button>
          ))}
        </div>
      </section>
      <section>
        <h2>Someone else</h2>
        <form onSubmit={submit} className="sign-in-form">
          <label>
            User id <input required value={form.userId} onChange={(event) => setForm({ ...form, userId: event.target.value })} placeholder="rajesh" />
          </label>
          <label>
            Tenant <input required value={form.tenantId} onChange={(event) => setForm({ ...form, tenantId: event.target.value })} />
          </label>
          <label>
            Role
            <select value={form.role} onChange={(event) => setForm({ ...form, role: event.target.value })}>
              {ROLES.map((role) => (
                <option key={role}>{role}</option>
              ))}
            </select>
          </label>
          {form.role === 'viewer' && (
            <label>
              May open RCAs <input value={form.rcaIds} onChange={(event) => setForm({ ...form, rcaIds: event.target.value })} placeholder="17, 42" />
            </label>
          )}
          <button type="submit" disabled={busy}>
            Sign in
          </button>
        </form>
      </section>
      {error && (
        <ErrorNotice error={error} subject={{ kind: 'request' }}>
          {error.status === 404 && <p>Start the backend with DEMO_AUTH=true (`npm run demo` does).</p>}
        </ErrorNotice>
      )}
    </main>
  );
}
