/**
 * What every piece of the stand-in shares: the script the harness wrote for this run (how the OS
 * around the app behaves), the channel back to the harness, and the record of what main asked the
 * OS for (read by the test side through state.ts).
 */
import type { StandInScript, StandInState, FromMain } from './protocol';

export const script: StandInScript = JSON.parse(process.env.RW_STANDIN ?? 'null') as StandInScript;
if (!script || !process.send)
  throw new Error('the Electron stand-in runs only under tests/electron/harness.ts (RW_STANDIN and an IPC channel are missing)');

export function report(message: FromMain): void {
  process.send!(message);
}

export const record: Omit<StandInState, 'windows' | 'tray' | 'ready' | 'quitting' | 'shortcuts'> = {
  lifecycle: [],
  notifications: [],
  dialogs: [],
  errorBoxes: [],
  loginItem: { openAtLogin: false },
  appUserModelId: null,
  openedExternally: [],
  mainErrors: [],
};
