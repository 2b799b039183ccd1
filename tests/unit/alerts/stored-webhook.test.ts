/** The desktop app's webhook URL: sealed like the API key, never in the view, checked before anything is written. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SettingsStore } from '../../../src/main/settings/settings-store';
import type { SecretBox } from '../../../src/main/store/secret-box';
import { tempDir } from '../../helpers/harness';

/** The OS keychain is the process boundary: a reversible stand-in that is visibly not plain text. */
const keychain = (available = true): SecretBox => ({
  description: 'test keychain',
  available: () => available,
  encrypt: (plain) => Buffer.from(`sealed:${Buffer.from(plain).toString('base64')}`),
  decrypt: (sealed) => Buffer.from(sealed.toString().slice(7), 'base64').toString(),
});

const URL_ = 'https://discord.com/api/webhooks/1/SECRET-TOKEN';
const base = { firm: 'topstepx', username: 'trader', accounts: [], configFile: null, startAtLogin: false };

describe('the stored webhook', () => {
  it('is sealed, out of the settings file and the view, and read back with its format', () => {
    const dir = tempDir();
    const store = new SettingsStore(dir, keychain());
    const view = store.save({ ...base, webhookUrl: URL_, webhookFormat: 'discord' });
    expect(view.webhook).toEqual({ stored: true, format: 'discord', source: 'test keychain' });
    expect(JSON.stringify(view)).not.toContain('SECRET-TOKEN');
    for (const file of fs.readdirSync(dir)) expect(fs.readFileSync(path.join(dir, file), 'utf8')).not.toContain('SECRET-TOKEN');
    expect(new SettingsStore(dir, keychain()).webhook()).toEqual({ url: URL_, format: 'discord', source: 'test keychain' });
  });

  it('is kept when absent from a save and forgotten when empty', () => {
    const store = new SettingsStore(tempDir(), keychain());
    store.save({ ...base, webhookUrl: URL_ });
    expect(store.save(base).webhook.stored).toBe(true);
    expect(store.save({ ...base, webhookUrl: '' }).webhook.stored).toBe(false);
    expect(store.webhook()).toBeNull();
  });

  it('is refused where the OS offers no encryption, and nothing is written', () => {
    const dir = tempDir();
    expect(() => new SettingsStore(dir, keychain(false)).save({ ...base, webhookUrl: URL_ })).toThrow(
      'settings: this system offers no encrypted storage (test keychain); the webhook URL is not stored in plain text',
    );
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('refuses plain http off this machine and a Telegram URL without its chat, even when only the format changes', () => {
    const store = new SettingsStore(tempDir(), keychain());
    expect(() => store.save({ ...base, webhookUrl: 'http://hooks.example.com/SECRET-TOKEN' })).toThrow(
      'settings: webhookUrl must be an https URL (plain http only to this machine: localhost, 127.0.0.1, [::1])',
    );
    store.save({ ...base, webhookUrl: URL_, webhookFormat: 'discord' });
    expect(() => store.save({ ...base, webhookFormat: 'telegram' })).toThrow('settings: webhookUrl must be a Telegram sendMessage URL');
    expect(store.view().webhook.format).toBe('discord');
  });

  it('reads a settings file written before alerts existed as generic with no webhook', () => {
    const dir = tempDir();
    fs.writeFileSync(
      path.join(dir, 'settings.json'),
      JSON.stringify({ ...base, apiUrl: 'https://api.topstepx.com', rtcUrl: 'https://rtc.topstepx.com' }),
    );
    expect(new SettingsStore(dir, keychain()).view().webhook).toEqual({ stored: false, format: 'generic', source: 'test keychain' });
  });
});
