/** What the settings screen talks to; the desktop app edits a file, the web host only shows its command line. */
import type { SettingsInput, SettingsView, WebhookTestResult } from '../../shared/contract';

export interface SettingsPort {
  view(): SettingsView;
  save(input: SettingsInput): Promise<SettingsView>;
  /** Sends one test alert to the webhook these settings hold. */
  testWebhook(): Promise<WebhookTestResult>;
}
