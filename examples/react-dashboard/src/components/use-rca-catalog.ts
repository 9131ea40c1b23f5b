import type { RcaSummary } from 'nest-rca/contract';
import { useEffect, useState } from 'react';
import type { ApiError } from '../api/api-error';
import { listRcas } from '../api/http-api';
import { useRealtimeEvent, useRealtimeStatus } from '../realtime/hooks';
import type { SessionTokens } from '../session/session-tokens';

/** The RCA list with live statuses; what {@link useRcaCatalog} returns. */
export interface RcaCatalogState {
  rcas: RcaSummary[] | undefined;
  error: ApiError | undefined;
}

type LiveStatus = Pick<RcaSummary, 'status' | 'updatedAt' | 'updatedBy'>;

/**
 * The tenant's RCAs: loaded over HTTP each time the connection is (re-)established, so changes
 * made while it was down show up, and kept current by `rca-status-changed`. Of a fetched status
 * and a pushed one, the newer wins, whichever arrives first.
 */
export function useRcaCatalog(tokens: SessionTokens): RcaCatalogState {
  const connected = useRealtimeStatus().type === 'connected';
  const [loaded, setLoaded] = useState<{ rcas?: RcaSummary[]; error?: ApiError }>({});
  const [live, setLive] = useState<ReadonlyMap<string, LiveStatus>>(new Map());

  useEffect(() => {
    if (!connected) return;
    let current = true;
    tokens.withToken(listRcas).then(
      (rcas) => current && setLoaded({ rcas }),
      (error: ApiError) => current && setLoaded((previous) => ({ ...previous, error })),
    );
    return () => {
      current = false;
    };
  }, [connected, tokens]);

  useRealtimeEvent('rca-status-changed', ({ data, timestamp }) => {
    setLive((previous) => new Map(previous).set(data.rcaId, { status: data.status, updatedBy: data.updatedBy, updatedAt: timestamp }));
  });

  const rcas = loaded.rcas?.map((rca) => {
    const pushed = live.get(rca.id);
    return pushed !== undefined && pushed.updatedAt >= rca.updatedAt ? { ...rca, ...pushed } : rca;
  });
  return { rcas, error: loaded.error };
}
