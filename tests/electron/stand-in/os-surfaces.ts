/**
 * The other OS surfaces, recorded and answered from the script: notifications, message and error
 * boxes, links opened in the browser; and powerMonitor, whose 'shutdown' the test side raises.
 */
import { EventEmitter } from 'node:events';
import { requireReady } from './app';
import { script, record } from './context';

export class Notification extends EventEmitter {
  static isSupported(): boolean {
    return script.notificationsSupported;
  }

  constructor(private readonly options: { title?: string; body?: string } = {}) {
    super();
    requireReady('Notification');
  }

  show(): void {
    record.notifications.push({ title: this.options.title ?? '', body: this.options.body ?? '' });
  }
}

/** Scripted answers, in order; past the script a message box is dismissed (its cancelId). */
const dialogAnswers = [...script.dialogAnswers];

export const dialog = {
  showMessageBoxSync(...args: unknown[]): number {
    const options = (args.length > 1 ? args[1] : args[0]) as { message?: string; detail?: string; buttons?: string[]; cancelId?: number };
    const answer = dialogAnswers.shift() ?? options.cancelId ?? 0;
    record.dialogs.push({ message: options.message ?? '', detail: options.detail ?? '', buttons: options.buttons ?? [], answer });
    return answer;
  },
  async showMessageBox(...args: unknown[]): Promise<{ response: number; checkboxChecked: boolean }> {
    return { response: dialog.showMessageBoxSync(...args), checkboxChecked: false };
  },
  showErrorBox(title: string, content: string): void {
    record.errorBoxes.push({ title, content });
  },
};

export const shell = {
  async openExternal(url: string): Promise<void> {
    record.openedExternally.push(url);
  },
};

export const powerMonitor = new EventEmitter();
