import type { JsonValue } from 'nest-rca/contract';
import { useState } from 'react';
import { useRealtimeEvent } from '../realtime/hooks';
import { jsonText } from './json-text';

/** One line of the feed. */
interface Activity {
  id: string;
  kind: 'update' | 'comment' | 'arrived' | 'left';
  who: string;
  text: string;
  at: number;
}

/** Lines kept: the feed shows what happened while the page is open, newest first. */
const MAX_ACTIVITIES = 50;

function updateText(update: JsonValue): string {
  if (typeof update === 'object' && update !== null && !Array.isArray(update)) {
    const { status, note } = update;
    if (typeof status === 'string') return `set the status to ${status}${typeof note === 'string' && note !== '' ? `: ${note}` : ''}`;
  }
  return `posted an update: ${jsonText(update)}`;
}

/** What happens in one RCA while it is open: updates, comments, and who arrives and leaves. */
export function ActivityFeed({ rcaId }: { rcaId: string }) {
  const [activities, setActivities] = useState<Activity[]>([]);
  const add = (activity: Activity) => setActivities((current) => [activity, ...current].slice(0, MAX_ACTIVITIES));

  useRealtimeEvent('rca-updated', ({ id, data, timestamp }) => {
    if (data.rcaId === rcaId) add({ id, kind: 'update', who: data.updatedBy, text: updateText(data.update), at: timestamp });
  });
  useRealtimeEvent('comment-added', ({ id, data, timestamp }) => {
    if (data.rcaId === rcaId) add({ id, kind: 'comment', who: data.author, text: data.text, at: timestamp });
  });
  useRealtimeEvent('user-joined', (payload) => {
    if (payload.kind === 'rca' && payload.id === rcaId) add({ id: `joined:${payload.userId}:${payload.timestamp}`, kind: 'arrived', who: payload.userId, text: 'opened this RCA', at: payload.timestamp });
  });
  useRealtimeEvent('user-left', (payload) => {
    if (payload.kind === 'rca' && payload.id === rcaId) add({ id: `left:${payload.userId}:${payload.timestamp}`, kind: 'left', who: payload.userId, text: 'left', at: payload.timestamp });
  });

  return (
    <section className="feed">
      <h2>Live activity</h2>
      {activities.length === 0 ? (
        <p className="muted">Nothing yet. Updates and comments appear here the moment anyone in this RCA posts them.</p>
      ) : (
        <ol data-testid="feed">
          {activities.map((activity) => (
            <li key={activity.id} className={`activity activity-${activity.kind}`}>
              <time>{new Date(activity.at).toLocaleTimeString()}</time> <strong>{activity.who}</strong> {activity.kind === 'comment' ? <q>{activity.text}</q> : activity.text}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
