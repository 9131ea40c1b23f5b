import type { ErrorCode } from '@tenantcast/protocol';
import type { ReactNode } from 'react';
import { describeError, type ErrorSubject } from './describe-error';

/** Props of {@link ErrorNotice}. */
export interface ErrorNoticeProps {
  error: { code: ErrorCode; message: string };
  subject: ErrorSubject;
  /** A button or link for the next step. */
  children?: ReactNode;
}

/** An error as a person can act on it: what happened, what to do, and the server's own words. */
export function ErrorNotice({ error, subject, children }: ErrorNoticeProps) {
  const { title, action } = describeError(error.code, subject);
  return (
    <div className="error-notice" role="alert" data-code={error.code}>
      <strong>{title}</strong>
      <p>{action}</p>
      <p className="error-detail">
        {error.message} <code>{error.code}</code>
      </p>
      {children}
    </div>
  );
}
