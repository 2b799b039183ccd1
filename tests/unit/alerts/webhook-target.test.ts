import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { webhookFromEnvironment } from '../../../src/main/alerts/webhook-command-line';
import { checkWebhook } from '../../../src/main/alerts/webhook-target';
import { tempDir } from '../../helpers/harness';

const TELEGRAM = 'https://api.telegram.org/bot123:SECRET/sendMessage?chat_id=-100999';

describe('checkWebhook', () => {
  it.each([
    ['https://discord.com/api/webhooks/1/SECRET', 'discord'],
    ['http://127.0.0.1:8080/hook', 'generic'],
    ['http://localhost/hook', 'generic'],
    ['http://[::1]:9000/hook', 'generic'],
    [TELEGRAM, 'telegram'],
  ] as const)('takes %s as %s', (url, format) => {
    expect(checkWebhook(url, format)).toEqual({ url, format });
  });

  it.each([
    ['http://hooks.example.com/SECRET', 'generic', 'must be an https URL (plain http only to this machine: localhost, 127.0.0.1, [::1])'],
    ['ftp://example.com/SECRET', 'generic', 'must be an https URL'],
    ['discord.com/api/webhooks/SECRET', 'discord', 'is not a URL'],
    ['https://api.telegram.org/bot123:SECRET/sendMessage', 'telegram', 'needs the chat to send to'],
    ['https://api.telegram.org/bot123:SECRET/getMe?chat_id=1', 'telegram', 'must be a Telegram sendMessage URL'],
  ] as const)('refuses %s as %s, without repeating the URL', (url, format, why) => {
    expect(() => checkWebhook(url, format)).toThrow(why);
    expect(() => checkWebhook(url, format)).not.toThrow('SECRET');
  });
});

describe('the web host webhook from the environment', () => {
  it('reads RW_WEBHOOK_URL and RW_WEBHOOK_FORMAT, generic by default', () => {
    expect(webhookFromEnvironment({ RW_WEBHOOK_URL: TELEGRAM, RW_WEBHOOK_FORMAT: 'telegram' })).toEqual({
      url: TELEGRAM,
      format: 'telegram',
      source: 'the RW_WEBHOOK_URL environment variable',
    });
    expect(webhookFromEnvironment({ RW_WEBHOOK_URL: 'https://example.com/h' })?.format).toBe('generic');
    expect(webhookFromEnvironment({})).toBeNull();
  });

  it.each([
    [{ RW_WEBHOOK_URL: 'http://example.com/h' }, 'RW_WEBHOOK_URL must be an https URL'],
    [
      { RW_WEBHOOK_URL: 'https://example.com/h', RW_WEBHOOK_FORMAT: 'slack' },
      'RW_WEBHOOK_FORMAT must be one of generic, discord, telegram, got "slack"',
    ],
    [{ RW_WEBHOOK_FORMAT: 'discord' }, 'RW_WEBHOOK_FORMAT is set but no webhook'],
    [{ RW_WEBHOOK_URL: 'https://example.com/h', RW_WEBHOOK_URL_FILE: '/x' }, 'not both'],
  ])('refuses %j', (env, why) => {
    expect(() => webhookFromEnvironment(env)).toThrow(why);
  });

  it('reads the URL from a file only its owner can read', () => {
    const file = path.join(tempDir(), 'webhook-url');
    fs.writeFileSync(file, 'https://discord.com/api/webhooks/1/SECRET\n', { mode: 0o600 });
    expect(webhookFromEnvironment({ RW_WEBHOOK_URL_FILE: file, RW_WEBHOOK_FORMAT: 'discord' })).toEqual({
      url: 'https://discord.com/api/webhooks/1/SECRET',
      format: 'discord',
      source: file,
    });
  });

  it.skipIf(process.platform === 'win32')('refuses a file others can read, and says how to fix it', () => {
    const file = path.join(tempDir(), 'webhook-url');
    fs.writeFileSync(file, 'https://discord.com/api/webhooks/1/SECRET\n');
    fs.chmodSync(file, 0o644);
    expect(() => webhookFromEnvironment({ RW_WEBHOOK_URL_FILE: file })).toThrow(
      `RW_WEBHOOK_URL_FILE ${file} can be read by other users (mode 0644); make it private with chmod 600 ${file}`,
    );
  });

  it('refuses a missing or empty file', () => {
    const dir = tempDir();
    expect(() => webhookFromEnvironment({ RW_WEBHOOK_URL_FILE: path.join(dir, 'none') })).toThrow('cannot be read');
    fs.writeFileSync(path.join(dir, 'empty'), '', { mode: 0o600 });
    expect(() => webhookFromEnvironment({ RW_WEBHOOK_URL_FILE: path.join(dir, 'empty') })).toThrow('is empty');
  });
});
