/** What the settings screen talks to; the desktop app edits a file, the web host only shows its command line. */
import type { SettingsInput, SettingsView } from '../../shared/contract';

export interface SettingsPort {
  view(): SettingsView;
  save(input: SettingsInput): Promise<SettingsView>;
}
