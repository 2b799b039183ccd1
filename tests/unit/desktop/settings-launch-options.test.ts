import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { settingsLaunchOptions } from '../../../src/main/desktop/settings-launch-options';
import type { LaunchOptions } from '../../../src/main/service/launch';
import { SettingsStore } from '../../../src/main/settings/settings-store';
import { keyringBox } from '../../electron/stand-in/keyring';
import { tempDir } from '../../helpers/harness';

const keyring = keyringBox('test keyring');

const commandLine: LaunchOptions = { gateway: null, configFile: null, dataDir: '/cli/data', simPort: 4100, guardAccounts: [] };

function savedSettings(username: string) {
  const userData = tempDir();
  const configFile = path.join(userData, 'risk-config.yaml');
  fs.writeFileSync(configFile, 'rules: {}\n');
  const store = new SettingsStore(userData, keyring);
  store.save({ firm: 'topstepx', username, apiKey: 'the-api-key', accounts: [7001], configFile, startAtLogin: false });
  return { store, userData, configFile };
}

describe('what the desktop app launches from its settings', () => {
  it('connects with the saved gateway, accounts and config, keeping the rest of the command line, with live data in its own folder', () => {
    const { store, userData, configFile } = savedSettings('trader');
    expect(settingsLaunchOptions({ store, commandLine, dataDirGiven: false, userData })()).toEqual({
      ...commandLine,
      gateway: { apiUrl: 'https://api.topstepx.com', rtcUrl: 'https://rtc.topstepx.com', username: 'trader', apiKey: 'the-api-key' },
      // No webhook saved: the service sends no alert off the machine.
      webhook: null,
      configFile,
      guardAccounts: [7001],
      dataDir: path.join(userData, 'live'),
    });
  });

  it('runs in demo mode, with demo data in its own folder, until a user name is saved', () => {
    const { store, userData } = savedSettings('');
    expect(settingsLaunchOptions({ store, commandLine, dataDirGiven: false, userData })()).toMatchObject({
      gateway: null,
      dataDir: path.join(userData, 'demo'),
    });
  });

  it('lets --config, --accounts and --data-dir win over the saved values', () => {
    const { store, userData } = savedSettings('trader');
    const given = { ...commandLine, configFile: '/cli/risk-config.yaml', guardAccounts: [9001] };
    expect(settingsLaunchOptions({ store, commandLine: given, dataDirGiven: true, userData })()).toMatchObject({
      configFile: '/cli/risk-config.yaml',
      guardAccounts: [9001],
      dataDir: '/cli/data',
    });
  });

  it('reads the settings at each start, so a later save is what the next start uses', () => {
    const { store, userData } = savedSettings('');
    const options = settingsLaunchOptions({ store, commandLine, dataDirGiven: false, userData });
    store.save({ firm: 'topstepx', username: 'trader', apiKey: 'the-api-key', accounts: [], configFile: null, startAtLogin: false });
    expect(options()).toMatchObject({ gateway: { username: 'trader' }, configFile: null, guardAccounts: [] });
  });

  it('hands the webhook saved in Settings to the service, so its alerts go out from the desktop app', () => {
    const { store, userData } = savedSettings('trader');
    store.save({
      firm: 'topstepx',
      username: 'trader',
      accounts: [7001],
      configFile: null,
      startAtLogin: false,
      webhookUrl: 'https://discord.com/api/webhooks/1/secret',
      webhookFormat: 'discord',
    });
    expect(settingsLaunchOptions({ store, commandLine, dataDirGiven: false, userData })().webhook).toMatchObject({ format: 'discord' });
  });
});
