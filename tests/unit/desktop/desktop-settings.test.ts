/**
 * Saving settings in the desktop app, against the real settings store, login item (an XDG
 * autostart entry) and supervisor in temporary folders. Only the service's launch is faked: it
 * records what it was started with and refuses the gateways that are "down".
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SettingsInput } from '../../../src/shared/contract';
import { createAutostart } from '../../../src/main/desktop/autostart';
import { DesktopSettings } from '../../../src/main/desktop/desktop-settings';
import { settingsLaunchOptions } from '../../../src/main/desktop/settings-launch-options';
import type { Launched, LaunchOptions } from '../../../src/main/service/launch';
import { ServiceSupervisor } from '../../../src/main/service/supervisor';
import { SettingsError, SettingsStore } from '../../../src/main/settings/settings-store';
import { keyringBox } from '../../electron/stand-in/keyring';
import { tempDir } from '../../helpers/harness';

const keyring = keyringBox('test keyring');

const DOWN = 'http://127.0.0.1:9';
const topstep: SettingsInput = {
  firm: 'topstepx',
  username: 'trader',
  apiKey: 'the-api-key',
  accounts: [7001],
  configFile: null,
  startAtLogin: true,
};
const unreachable: SettingsInput = { ...topstep, firm: 'custom', apiUrl: DOWN, rtcUrl: DOWN, apiKey: 'other-key', startAtLogin: false };

interface Started {
  options: LaunchOptions;
  stopped: boolean;
}

let supervisor: ServiceSupervisor | null = null;
afterEach(async () => {
  await supervisor?.stop();
  supervisor = null;
});

/** The desktop app's settings wired as src/main/index.ts wires them, optionally with settings saved by an earlier run. */
async function desktopApp(saved?: SettingsInput) {
  const userData = tempDir();
  const home = tempDir();
  const store = new SettingsStore(userData, keyring);
  if (saved) store.save(saved);
  const started: Started[] = [];
  const launch = async (options: LaunchOptions): Promise<Launched> => {
    if (options.gateway?.apiUrl === DOWN) throw new Error('Auth/loginKey: network failure');
    const entry = { options, stopped: false };
    started.push(entry);
    // The settings flow never looks inside the service; only its options and whether it was stopped matter.
    return {
      stop: async () => {
        entry.stopped = true;
      },
    } as unknown as Launched;
  };
  supervisor = new ServiceSupervisor({ launch, onChange: () => undefined, retryMs: 60_000 });
  const autostart = createAutostart({
    platform: 'linux',
    env: {},
    homedir: home,
    execPath: '/opt/riskwarden/riskwarden',
    setLoginItem: () => undefined,
    getLoginItem: () => ({ openAtLogin: false }),
  });
  const launchOptions = settingsLaunchOptions({
    store,
    commandLine: { gateway: null, configFile: null, dataDir: '/unused', guardAccounts: [] },
    dataDirGiven: false,
    userData,
  });
  const settings = new DesktopSettings({ store, supervisor, autostart, launchOptions });
  const startedOk = await supervisor.start(launchOptions);
  const running = () => started.filter((s) => !s.stopped);
  const files = () => fs.readdirSync(userData).map((file) => [file, fs.readFileSync(path.join(userData, file), 'utf8')]);
  return { settings, supervisor, autostart, userData, startedOk, started, running, files };
}

describe('saving settings in the desktop app', () => {
  it('writes the new settings, follows them with the login item and restarts the service with them', async () => {
    const app = await desktopApp();
    expect(app.running().map((s) => s.options.gateway)).toEqual([null]);

    const view = await app.settings.save(topstep);

    expect(view).toMatchObject({ firm: 'topstepx', username: 'trader', apiKeyStored: true, startAtLogin: true });
    expect(app.started).toHaveLength(2);
    expect(app.started[0]!.stopped).toBe(true);
    expect(app.running().map((s) => s.options)).toEqual([
      expect.objectContaining({
        gateway: { apiUrl: 'https://api.topstepx.com', rtcUrl: 'https://rtc.topstepx.com', username: 'trader', apiKey: 'the-api-key' },
        guardAccounts: [7001],
        dataDir: path.join(app.userData, 'live'),
      }),
    ]);
    expect(app.autostart.enabled()).toBe(true);
    expect(new SettingsStore(app.userData, keyring).credentials()).toMatchObject({ username: 'trader', apiKey: 'the-api-key' });
    expect(app.settings.view()).toEqual(view);
  });

  it('puts the previous settings and login item back and starts them again when the new ones cannot connect', async () => {
    const app = await desktopApp(topstep);
    app.autostart.set(true);
    const before = app.files();

    await expect(app.settings.save(unreachable)).rejects.toThrow(
      /^the new settings could not connect \(Auth\/loginKey: network failure\); the previous settings are back in force$/,
    );

    expect(app.files()).toEqual(before);
    expect(app.autostart.enabled()).toBe(true);
    expect(app.settings.view()).toMatchObject({ firm: 'topstepx', apiUrl: 'https://api.topstepx.com', startAtLogin: true });
    // The service that ran is stopped for the save; one with the previous settings runs in its place.
    expect(app.started[0]!.stopped).toBe(true);
    expect(app.running().map((s) => s.options.gateway)).toEqual([expect.objectContaining({ username: 'trader', apiKey: 'the-api-key' })]);
    expect(app.supervisor.current()).not.toBeNull();
  });

  it('says so when the previous settings cannot connect either, keeps them saved and leaves them to the retry', async () => {
    const app = await desktopApp({ ...unreachable, apiKey: 'first-key' });
    expect(app.startedOk).toBe(false);

    await expect(app.settings.save({ ...unreachable, username: 'someone-else' })).rejects.toThrow(
      /the previous settings are back but cannot connect either \(Auth\/loginKey: network failure\); Risk Warden tries them again every 60 s$/,
    );

    expect(app.settings.view()).toMatchObject({ apiUrl: DOWN, username: 'trader' });
    expect(app.supervisor.current()).toBeNull();
    expect(app.supervisor.whyNotRunning()).toMatch(
      /^Risk Warden could not start: Auth\/loginKey: network failure\. It tries again every 60 s/,
    );
  });

  it.each<[string, SettingsInput, string]>([
    ['an unknown firm', { ...topstep, firm: 'nosuchfirm' }, 'settings: firm "nosuchfirm" is not known; choose one of topstepx'],
    [
      'a config file that does not exist',
      { ...topstep, configFile: '/no/such/risk-config.yaml' },
      'settings: configFile "/no/such/risk-config.yaml" does not exist',
    ],
    ['a negative account id', { ...topstep, accounts: [-4] }, 'settings: accounts.0'],
  ])('refuses %s with the reason, and leaves the files, the login item and the running service alone', async (_name, input, message) => {
    const app = await desktopApp();
    const save = app.settings.save(input);
    await expect(save).rejects.toThrow(SettingsError);
    await expect(save).rejects.toThrow(message);
    expect(app.files()).toEqual([]);
    expect(app.autostart.enabled()).toBe(false);
    expect(app.started).toHaveLength(1);
    expect(app.running()).toEqual(app.started);
  });
});
