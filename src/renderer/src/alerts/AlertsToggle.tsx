/**
 * "Turn on alerts": browsers ask for notification permission only from a click, so the top bar
 * offers it. Shows nothing in the desktop app (main notifies) or where the browser cannot notify.
 */
import { useEffect, useState } from 'react';
import { alertPermission, type AlertPermission } from './host';

export function AlertsToggle() {
  const [permission, setPermission] = useState<AlertPermission>(alertPermission);

  // The trader may change it in the browser's site settings while the page is open.
  useEffect(() => {
    if (permission === 'unsupported' || !navigator.permissions) return;
    let status: PermissionStatus | null = null;
    const update = () => setPermission(alertPermission());
    navigator.permissions.query({ name: 'notifications' }).then(
      (found) => {
        status = found;
        status.addEventListener('change', update);
      },
      () => undefined,
    );
    return () => status?.removeEventListener('change', update);
  }, [permission]);

  if (permission === 'unsupported') return null;
  if (permission === 'granted')
    return (
      <span className="alerts-toggle alerts-on" data-testid="alerts-toggle">
        Alerts on
      </span>
    );
  if (permission === 'denied')
    return (
      <span className="alerts-toggle alerts-blocked" data-testid="alerts-toggle">
        Alerts blocked by the browser
      </span>
    );
  const turnOn = () => {
    void Notification.requestPermission().then((answer) => {
      setPermission(answer);
      if (answer === 'granted')
        new Notification('Risk Warden alerts are on', {
          body: 'You will be told here when a rule is broken, a position is closed or an account is locked.',
          tag: 'risk-warden-alerts-on',
        });
    });
  };
  return (
    <button type="button" className="alerts-toggle" data-testid="alerts-toggle" onClick={turnOn}>
      Turn on alerts
    </button>
  );
}
