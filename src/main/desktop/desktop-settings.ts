/**
 * The desktop app's editable settings: a save is written, the login item follows it and the
 * service is restarted with it. When the new settings cannot connect, the files and the login item
 * go back to what they were and the supervisor starts the previous settings again.
 */
import type { SettingsInput, SettingsView, WebhookTestResult } from '../../shared/contract';
import { sendTestAlert } from '../alerts/webhook-test';
import type { OptionsSource, ServiceSupervisor } from '../service/supervisor';
import type { SettingsPort } from '../settings/settings-port';
import type { SettingsStore } from '../settings/settings-store';
import type { Autostart } from './autostart';

export interface DesktopSettingsDeps {
  store: SettingsStore;
  supervisor: ServiceSupervisor;
  autostart: Autostart;
  /** What the saved settings launch; read again after a rollback, so it starts the restored ones. */
  launchOptions: OptionsSource;
}

export class DesktopSettings implements SettingsPort {
  constructor(private readonly deps: DesktopSettingsDeps) {}

  view(): SettingsView {
    return this.deps.store.view();
  }

  /** Input the store refuses changes nothing; settings that cannot connect are undone and the error says so. */
  async save(input: SettingsInput): Promise<SettingsView> {
    const { store, supervisor, autostart, launchOptions } = this.deps;
    const undo = store.undoPoint();
    const view = store.save(input);
    autostart.set(view.startAtLogin);
    await supervisor.replace(launchOptions, () => {
      undo();
      autostart.set(store.current().startAtLogin);
    });
    return view;
  }

  /** The stored webhook, saved first: what the service alerts through. */
  async testWebhook(): Promise<WebhookTestResult> {
    let target;
    try {
      target = this.deps.store.webhook();
    } catch (error) {
      return { ok: false, message: (error as Error).message };
    }
    return sendTestAlert(target);
  }
}
