import { ErrorCode } from '@tenantcast/protocol';

/** An error as a person reads it: what happened, and what they can do about it. */
export interface ErrorText {
  title: string;
  /** The next step. */
  action: string;
}

/** What the error is about, to name it in the text. */
export type ErrorSubject = { kind: 'rca'; id: string } | { kind: 'session' } | { kind: 'request' };

/**
 * The words for a protocol error code. The server's own message is shown beside them: these say
 * what it means for the person and what to do next.
 */
export function describeError(code: ErrorCode, subject: ErrorSubject): ErrorText {
  const target = subject.kind === 'rca' ? `RCA ${subject.id}` : 'this';
  switch (code) {
    case ErrorCode.Forbidden:
      return { title: `You may not open ${target}`, action: 'Your role does not give you access to it. Ask an engineer of your tenant to share it, or sign in with another role.' };
    case ErrorCode.InvalidRoom:
      return { title: `${subject.kind === 'rca' ? `“${subject.id}”` : 'This'} is not a valid RCA id`, action: 'Pick an RCA from the list.' };
    case ErrorCode.TokenExpired:
      return { title: 'Your session expired', action: 'Sign in again to get a fresh token.' };
    case ErrorCode.Unauthorized:
      return { title: 'The server no longer accepts your sign-in', action: 'Sign in again.' };
    case ErrorCode.RateLimited:
      return { title: 'Too many requests at once', action: 'Wait a few seconds, then try again.' };
    case ErrorCode.ConnectionLimit:
      return { title: 'Too many open connections for your user', action: 'Close another tab of this dashboard; this one keeps retrying.' };
    case ErrorCode.RoomLimit:
      return { title: 'Too many RCAs open in this window', action: 'Close some RCAs you are not watching, then open this one again.' };
    case ErrorCode.PayloadTooLarge:
      return { title: 'That is too large to send', action: 'Shorten it and send it again.' };
    case ErrorCode.InvalidPayload:
      return { title: 'The server did not accept what was sent', action: 'Correct it as the message says and send it again.' };
    case ErrorCode.Disconnected:
    case ErrorCode.Timeout:
      return { title: 'The server cannot be reached', action: 'Check that the backend is still running; the dashboard keeps retrying on its own.' };
    case ErrorCode.ServerShutdown:
      return { title: 'The server is restarting', action: 'Wait a moment: the dashboard reconnects on its own, to another server if there is one.' };
    case ErrorCode.Internal:
      return { title: 'Something went wrong on the server', action: 'Try again; if it keeps failing, the server’s log says why.' };
  }
}
