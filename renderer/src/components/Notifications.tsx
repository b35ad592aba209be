// Notifications: failures and confirmations the user can read and dismiss.
// Both live regions are always in the page so that new messages are announced.
import { useAppStore, type Notification } from '../state/app.ts';
import { ErrorIcon, InfoIcon } from './Icons.tsx';

function Item({ notification, onDismiss }: { notification: Notification; onDismiss: () => void }) {
  const isError = notification.kind === 'error';
  return (
    <li className={`notice notice-${notification.kind}`}>
      {isError ? <ErrorIcon className="notice-icon" /> : <InfoIcon className="notice-icon" />}
      <div className="notice-body">
        <p className="notice-title">
          <span className="sr-only">{isError ? 'Problem: ' : 'Done: '}</span>
          {notification.title}
        </p>
        <p>{notification.message}</p>
        {notification.where !== undefined && (
          <p className="notice-detail">
            <span className="label">Where:</span> {notification.where}
          </p>
        )}
        {notification.hint !== undefined && (
          <p className="notice-detail">
            <span className="label">What you can do:</span> {notification.hint}
          </p>
        )}
      </div>
      <button type="button" className="button button-quiet" onClick={onDismiss} aria-label={`Dismiss: ${notification.title}`}>
        Dismiss
      </button>
    </li>
  );
}

export function Notifications() {
  const notifications = useAppStore((s) => s.notifications);
  const dismissOne = useAppStore((s) => s.dismiss);
  // The dismissed notice takes its button with it: focus goes to the page rather than being lost.
  const dismiss = (id: number) => {
    dismissOne(id);
    document.getElementById('main')?.focus({ preventScroll: true });
  };
  const errors = notifications.filter((n) => n.kind === 'error');
  const infos = notifications.filter((n) => n.kind === 'info');
  return (
    <div className="notifications">
      <div role="alert" aria-label="Problems">
        {errors.length > 0 && (
          <ul className="notice-list">
            {errors.map((n) => (
              <Item key={n.id} notification={n} onDismiss={() => dismiss(n.id)} />
            ))}
          </ul>
        )}
      </div>
      <div role="status" aria-label="Messages">
        {infos.length > 0 && (
          <ul className="notice-list">
            {infos.map((n) => (
              <Item key={n.id} notification={n} onDismiss={() => dismiss(n.id)} />
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
