/** What the harness and the stand-in main process say to each other over Node's IPC channel. */

/** How the OS around the app behaves in one run. */
export interface StandInScript {
  appPath: string;
  userData: string;
  home: string;
  platform: NodeJS.Platform;
  safeStorage: { available: boolean; backend: string; keyring: string };
  notificationsSupported: boolean;
  /** Answers to message boxes, in order (the index of the button pressed). */
  dialogAnswers: number[];
}

export interface RecordedMenuItem {
  label: string;
  type: string;
  enabled: boolean;
  role: string | null;
}

export interface StandInState {
  ready: boolean;
  quitting: boolean;
  lifecycle: string[];
  windows: { id: number; visible: boolean; focused: boolean; url: string; options: Record<string, unknown> }[];
  tray: { image: string; imageExists: boolean; tooltip: string; menu: RecordedMenuItem[] } | null;
  notifications: { title: string; body: string }[];
  dialogs: { message: string; detail: string; buttons: string[]; answer: number }[];
  errorBoxes: { title: string; content: string }[];
  loginItem: { openAtLogin: boolean };
  appUserModelId: string | null;
  openedExternally: string[];
  mainErrors: string[];
  /** The global shortcuts main holds, as keys on the scripted platform: "Alt+Control+Shift+K". */
  shortcuts: string[];
}

export type ToMain =
  | { op: 'state' }
  | { op: 'invoke'; windowId: number; frame: 'main' | 'sub'; channel: string; args: unknown[] }
  | { op: 'page-loaded'; windowId: number; error: string | null }
  | { op: 'close-window'; windowId: number }
  | { op: 'session-end'; windowId: number }
  | { op: 'app-quit' }
  | { op: 'tray-click' }
  | { op: 'tray-menu'; label: string }
  | { op: 'shutdown' }
  /** The trader pressed keys anywhere on the desktop ("Control+Alt+Shift+K"). */
  | { op: 'shortcut'; keys: string };

export type FromMain =
  | { kind: 'reply'; id: number; ok: true; result: unknown }
  | { kind: 'reply'; id: number; ok: false; error: string }
  | { kind: 'load'; windowId: number; url: string; preload: string | null; webPreferences: Record<string, unknown> }
  | { kind: 'send'; windowId: number; channel: string; args: unknown[] }
  | { kind: 'window-closed'; windowId: number }
  | { kind: 'main-error'; message: string }
  | { kind: 'exit'; code: number; state: StandInState };
