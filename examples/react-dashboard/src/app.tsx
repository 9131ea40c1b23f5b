import { useState } from 'react';
import { Dashboard } from './components/dashboard';
import { SignIn } from './components/sign-in';
import { SessionTokens } from './session/session-tokens';
import { loadIdentity, storeIdentity } from './session/stored-identity';

/** Signed out: the sign-in page. Signed in: the dashboard, for this tab's user. */
export function App() {
  const [session, setSession] = useState<SessionTokens | undefined>(() => {
    const identity = loadIdentity();
    return identity === undefined ? undefined : new SessionTokens(identity);
  });

  if (session === undefined) {
    return (
      <SignIn
        onSignIn={(tokens) => {
          storeIdentity(tokens.identity);
          setSession(tokens);
        }}
      />
    );
  }
  return (
    <Dashboard
      tokens={session}
      onSignOut={() => {
        storeIdentity(undefined);
        setSession(undefined);
      }}
    />
  );
}
