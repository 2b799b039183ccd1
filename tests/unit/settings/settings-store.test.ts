import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SecretBox } from '../../../src/main/store/secret-box';
import { SettingsError, SettingsStore } from '../../../src/main/settings/settings-store';
import { tempDir } from '../../helpers/harness';

/** The OS keychain is the process boundary: a reversible stand-in that is visibly not plain text. */
const keychain = (available = true): SecretBox => ({
  description: 'test keychain',
  available: () => available,
  encrypt: (plain) => Buffer.from(`sealed:${Buffer.from(plain).toString('base64')}`),
  decrypt: (sealed) => {
    const text = sealed.toString();
    if (!text.startsWith('sealed:')) throw new Error('not sealed by this keychain');
    return Buffer.from(text.slice(7), 'base64').toString();
  },
});

const topstep = { firm: 'topstepx', username: 'trader', apiKey: 'the-api-key', accounts: [7001], configFile: null, startAtLogin: true };

describe('desktop settings', () => {
  it('starts in demo mode on first run', () => {
    const store = new SettingsStore(tempDir(), keychain());
    expect(store.credentials()).toBeNull();
    expect(store.view()).toMatchObject({ firm: 'topstepx', username: '', apiKeyStored: false, editable: true });
  });

  it('keeps the API key sealed, out of the settings file and out of the view, and connects with it', () => {
    const dir = tempDir();
    const view = new SettingsStore(dir, keychain()).save(topstep);
    expect(view).toMatchObject({
      firm: 'topstepx',
      apiUrl: 'https://api.topstepx.com',
      rtcUrl: 'https://rtc.topstepx.com',
      apiKeyStored: true,
      accounts: [7001],
    });
    expect(JSON.stringify(view)).not.toContain('the-api-key');
    for (const file of fs.readdirSync(dir)) {
      expect(fs.readFileSync(path.join(dir, file), 'utf8')).not.toContain('the-api-key');
      expect(fs.statSync(path.join(dir, file)).mode & 0o777).toBe(0o600);
    }
    expect(new SettingsStore(dir, keychain()).credentials()).toEqual({
      apiUrl: 'https://api.topstepx.com',
      rtcUrl: 'https://rtc.topstepx.com',
      username: 'trader',
      apiKey: 'the-api-key',
    });
  });

  it('keeps the stored key when the form leaves it empty, and forgets it on an empty string', () => {
    const dir = tempDir();
    const store = new SettingsStore(dir, keychain());
    store.save(topstep);
    const withoutKey = { firm: topstep.firm, username: topstep.username, accounts: topstep.accounts, configFile: null, startAtLogin: true };
    expect(store.save(withoutKey).apiKeyStored).toBe(true);
    expect(store.save({ ...withoutKey, apiKey: '' }).apiKeyStored).toBe(false);
    expect(store.credentials()).toBeNull();
  });

  it('takes custom URLs for a firm without a preset', () => {
    const store = new SettingsStore(tempDir(), keychain());
    expect(
      store.save({ ...topstep, firm: 'custom', apiUrl: 'https://api.myfirm.projectx.com/', rtcUrl: 'https://rtc.myfirm.projectx.com' }),
    ).toMatchObject({ apiUrl: 'https://api.myfirm.projectx.com', rtcUrl: 'https://rtc.myfirm.projectx.com' });
  });

  it.each([
    [{ ...topstep, firm: 'nosuchfirm' }, 'firm "nosuchfirm" is not known; choose one of topstepx'],
    [{ ...topstep, firm: 'custom' }, 'a custom firm needs both apiUrl and rtcUrl'],
    [{ ...topstep, firm: 'custom', apiUrl: 'ftp://x', rtcUrl: 'https://r' }, 'settings: apiUrl must be an http(s) URL'],
    [{ ...topstep, accounts: [-4] }, 'settings: accounts.0'],
    [{ ...topstep, configFile: '/no/such/risk-config.yaml' }, 'configFile "/no/such/risk-config.yaml" does not exist'],
  ])('refuses %j and writes nothing', (input, message) => {
    const dir = tempDir();
    const store = new SettingsStore(dir, keychain());
    expect(() => store.save(input)).toThrow(SettingsError);
    expect(() => store.save(input)).toThrow(message);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('refuses to store the key when the OS offers no encryption', () => {
    expect(() => new SettingsStore(tempDir(), keychain(false)).save(topstep)).toThrow(
      'no encrypted storage (test keychain); the API key is not stored in plain text',
    );
  });

  it('says which file is broken instead of connecting with defaults, and a save repairs it', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'settings.json'), '{"firm": 3');
    expect(() => new SettingsStore(dir, keychain()).credentials()).toThrow(/settings\.json is not valid JSON .*; fix or delete it/);
    fs.writeFileSync(path.join(dir, 'settings.json'), '{"firm": 3}');
    const store = new SettingsStore(dir, keychain());
    expect(() => store.credentials()).toThrow(/settings\.json: firm .*; fix or delete it/);
    expect(store.view()).toMatchObject({ firm: 'topstepx', username: '', editable: true });
    store.save(topstep);
    expect(store.credentials()).toMatchObject({ username: 'trader', apiKey: 'the-api-key' });
  });

  it('asks for the key again when it cannot be decrypted', () => {
    const dir = tempDir();
    new SettingsStore(dir, keychain()).save(topstep);
    fs.writeFileSync(path.join(dir, 'api-key.sealed'), 'garbage');
    expect(() => new SettingsStore(dir, keychain()).credentials()).toThrow(
      'the stored API key cannot be decrypted (not sealed by this keychain); enter it again in Settings',
    );
  });

  it('undoes a save whose connection failed', () => {
    const dir = tempDir();
    const store = new SettingsStore(dir, keychain());
    store.save(topstep);
    const undo = store.undoPoint();
    store.save({ ...topstep, username: 'typo', apiKey: 'wrong-key' });
    undo();
    expect(store.credentials()).toMatchObject({ username: 'trader', apiKey: 'the-api-key' });
    expect(new SettingsStore(dir, keychain()).credentials()).toMatchObject({ username: 'trader', apiKey: 'the-api-key' });
  });
});
