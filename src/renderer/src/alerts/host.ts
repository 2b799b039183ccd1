/**
 * Whether the dashboard runs inside the desktop app, whose main process already shows desktop
 * notifications: then the page must not show its own. The preload's marker says so; Electron's
 * user agent ("… Electron/33.0.0 …") is the fallback until the preload sets it.
 */
declare global {
  interface Window {
    riskWardenDesktop?: boolean;
  }
}

export function isDesktopHost(): boolean {
  return window.riskWardenDesktop === true || /\bElectron\//.test(navigator.userAgent);
}

export type AlertPermission = NotificationPermission | 'unsupported';

/** What the browser allows: 'unsupported' in the desktop app and in browsers without notifications. */
export function alertPermission(): AlertPermission {
  if (isDesktopHost() || typeof Notification === 'undefined') return 'unsupported';
  return Notification.permission;
}
