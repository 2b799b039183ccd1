/**
 * What the desktop app launches: the saved settings, with the command line's --config, --accounts
 * and --data-dir winning over their saved values. Read at every start, so a rolled-back save or a
 * repaired settings file is what the next start uses.
 */
import path from 'node:path';
import type { LaunchOptions } from '../service/launch';
import type { OptionsSource } from '../service/supervisor';
import type { SettingsStore } from '../settings/settings-store';

export interface SettingsLaunchDeps {
  store: SettingsStore;
  /** The parsed command line, without a gateway: one given there makes the settings read-only. */
  commandLine: LaunchOptions;
  dataDirGiven: boolean;
  /** Without --data-dir, live and demo data each get their own folder here. */
  userData: string;
}

export function settingsLaunchOptions({ store, commandLine, dataDirGiven, userData }: SettingsLaunchDeps): OptionsSource {
  return () => {
    const chosen = store.current();
    const gateway = store.credentials();
    return {
      ...commandLine,
      gateway,
      webhook: store.webhookForLaunch(),
      configFile: commandLine.configFile ?? chosen.configFile,
      guardAccounts: commandLine.guardAccounts?.length ? commandLine.guardAccounts : chosen.accounts,
      dataDir: dataDirGiven ? commandLine.dataDir : path.join(userData, gateway ? 'live' : 'demo'),
    };
  };
}
