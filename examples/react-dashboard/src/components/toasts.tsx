import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { useRealtimeEvent } from '../realtime/hooks';
import { jsonText } from './json-text';

/** One toast. */
export interface Toast {
  id: number;
  title: string;
  detail?: string;
  tone: 'info' | 'error';
}

/** How long a toast stays unless closed. */
const TOAST_MS = 8_000;

const PushToast = createContext<(toast: Omit<Toast, 'id'>) => void>(() => undefined);

/** Shows a toast from anywhere below {@link ToastArea}. */
export function usePushToast(): (toast: Omit<Toast, 'id'>) => void {
  return useContext(PushToast);
}

/**
 * Holds the toasts and shows them in a corner: `notification` events sent to this user, and
 * whatever the components push (failures nobody awaited).
 */
export function ToastArea({ children, pushRef }: { children: ReactNode; pushRef?: { current: ((toast: Omit<Toast, 'id'>) => void) | undefined } }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextId = useRef(0);
  const dismiss = useCallback((id: number) => setToasts((current) => current.filter((toast) => toast.id !== id)), []);
  const push = useCallback(
    (toast: Omit<Toast, 'id'>) => {
      const id = ++nextId.current;
      setToasts((current) => [...current, { ...toast, id }]);
      setTimeout(() => dismiss(id), TOAST_MS);
    },
    [dismiss],
  );
  useEffect(() => {
    if (pushRef) pushRef.current = push;
  }, [push, pushRef]);

  return (
    <PushToast.Provider value={push}>
      {children}
      <NotificationToasts />
      <div className="toasts" aria-live="polite">
        {toasts.map((toast) => (
          <div key={toast.id} className={`toast toast-${toast.tone}`} role="status">
            <strong>{toast.title}</strong>
            {toast.detail && <span>{toast.detail}</span>}
            <button type="button" aria-label="Close" onClick={() => dismiss(toast.id)}>
              ×
            </button>
          </div>
        ))}
      </div>
    </PushToast.Provider>
  );
}

/** Turns `notification` events into toasts. */
function NotificationToasts() {
  const push = usePushToast();
  useRealtimeEvent('notification', (envelope) => {
    push({ title: jsonText(envelope.data.notification), detail: `from ${envelope.data.from}`, tone: 'info' });
  });
  return null;
}
