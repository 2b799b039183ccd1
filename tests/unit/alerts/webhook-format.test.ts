import { describe, expect, it } from 'vitest';
import { alertText, webhookBody, type Alert } from '../../../src/main/alerts/webhook-format';
import { retryAfterMs } from '../../../src/main/alerts/webhook-sender';

const LOCK: Alert = {
  kind: 'lock',
  accountId: 7001,
  accountName: 'PRAC-V2-RW-DEMO-50K',
  title: 'Locked until 5:00 PM CT: the daily realized loss limit',
  detail: 'Realized −$512.50 passed the −$500.00 limit',
  at: '2026-03-02T15:00:00.000Z',
  tone: 'bad',
};

describe('webhook bodies', () => {
  it('generic: the alert as JSON fields', () => {
    expect(webhookBody({ url: 'https://example.com/hook', format: 'generic' }, LOCK)).toEqual({
      event: 'lock',
      accountId: 7001,
      accountName: 'PRAC-V2-RW-DEMO-50K',
      title: LOCK.title,
      detail: LOCK.detail,
      at: LOCK.at,
      tone: 'bad',
    });
  });

  it('discord: the account, the title and the detail as text, mentioning nobody', () => {
    expect(webhookBody({ url: 'https://discord.com/api/webhooks/1/x', format: 'discord' }, LOCK)).toEqual({
      content: `Risk Warden — PRAC-V2-RW-DEMO-50K (account 7001)\n${LOCK.title}\n${LOCK.detail}`,
      allowed_mentions: { parse: [] },
    });
  });

  it('telegram: the chat from the URL and the same text', () => {
    const url = 'https://api.telegram.org/bot123:abc/sendMessage?chat_id=-100999';
    expect(webhookBody({ url, format: 'telegram' }, LOCK)).toEqual({ chat_id: '-100999', text: alertText(LOCK) });
  });

  it.each([
    ['discord', 2000],
    ['telegram', 4096],
  ] as const)('%s: a text past %i characters is cut to the limit with an ellipsis', (format, limit) => {
    const url = format === 'telegram' ? 'https://api.telegram.org/bot1:a/sendMessage?chat_id=1' : 'https://discord.com/api/webhooks/1/x';
    const body = webhookBody({ url, format }, { ...LOCK, detail: '😀'.repeat(5000) }) as { content?: string; text?: string };
    const text = [...(body.content ?? body.text)!];
    expect(text).toHaveLength(limit);
    expect(text.at(-1)).toBe('…');
    expect(text.at(-2)).toBe('😀');
  });

  it('names an account without a name by its id, and a message about no account as Risk Warden only', () => {
    expect(alertText({ ...LOCK, accountName: null, detail: null })).toBe(`Risk Warden — account 7001\n${LOCK.title}`);
    expect(alertText({ ...LOCK, accountId: null, accountName: null, detail: null })).toBe(`Risk Warden\n${LOCK.title}`);
  });
});

describe('Retry-After', () => {
  const now = Date.parse('2026-03-02T15:00:00Z');
  it.each([
    ['7', 7000],
    ['0', 0],
    ['Mon, 02 Mar 2026 15:00:30 GMT', 30_000],
    ['Mon, 02 Mar 2026 14:00:00 GMT', 0],
    ['soon', null],
    ['', null],
    [null, null],
  ])('%j waits %j ms', (header, ms) => {
    expect(retryAfterMs(header, now)).toBe(ms);
  });
});
