import type { Envelope } from '@tenantcast/protocol';
import type { RcaServerEvents } from 'nest-rca/contract';
import { useState } from 'react';
import { useRealtimeEvent } from '../realtime/hooks';
import { jsonText } from './json-text';

/** The latest `announcement` to the tenant, until dismissed. */
export function AnnouncementBanner() {
  const [latest, setLatest] = useState<Envelope<RcaServerEvents['announcement'], 'announcement'>>();
  useRealtimeEvent('announcement', setLatest);
  if (latest === undefined) return null;
  return (
    <div className="announcement" role="status" data-testid="announcement">
      <span>
        <strong>Announcement</strong> {jsonText(latest.data.announcement)} <em>— {latest.data.from}</em>
      </span>
      <button type="button" onClick={() => setLatest(undefined)}>
        Dismiss
      </button>
    </div>
  );
}
