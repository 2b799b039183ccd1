/**
 * Off-machine alerts against a local HTTP receiver: a lock through the real service arrives in the
 * chosen format, failures are retried on the fake clock, a dead receiver never delays enforcement,
 * and the Settings test button says what the receiver answered.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AlertDispatch } from '../../src/main/alerts/alert-dispatch';
import type { WebhookTarget } from '../../src/main/alerts/webhook-target';
import { handleApiCall } from '../../src/main/service/api-handler';
import { launch, type Launched, type LaunchOptions } from '../../src/main/service/launch';
import { DEMO_ACCOUNTS } from '../../src/main/sim/accounts';
import { commandLineSettings } from '../../src/main/web/command-line-settings';
import { FakeClock } from '../helpers/fake-clock';
import { eventually, tempDir } from '../helpers/harness';
import { DEMO_ACCOUNT, MNQ, Trader } from '../helpers/trader';

interface Answer {
  status: number;
  headers?: Record<string, string>;
  body?: string;
  /** Never answer: a receiver that accepted the connection and hangs. */
  hang?: boolean;
}

interface Receiver {
  url: string;
  bodies: unknown[];
  close(): Promise<void>;
}

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const thing of open.splice(0).reverse()) await thing.close();
});

/** Answers from `script` in turn, then 204. */
async function receiver(script: Answer[] = []): Promise<Receiver> {
  const bodies: unknown[] = [];
  const server = http.createServer((request, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString()));
    request.on('end', () => {
      bodies.push(JSON.parse(text));
      const answer = script.shift() ?? { status: 204 };
      if (answer.hang) return;
      response.writeHead(answer.status, answer.headers).end(answer.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const result = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook/SECRET-TOKEN`,
    bodies,
    close: () => new Promise<void>((resolve) => server.closeAllConnections() ?? server.close(() => resolve())),
  };
  open.push(result);
  return result;
}

/** The fake clock, remembering every wait asked of it (a retry's wait is one of them). */
class WatchedClock extends FakeClock {
  readonly waits: number[] = [];
  override setTimeout(callback: () => void, ms: number) {
    this.waits.push(ms);
    return super.setTimeout(callback, ms);
  }
}

async function start(webhook: WebhookTarget, rules: string, clock = new WatchedClock(Date.now())): Promise<Launched> {
  const dataDir = tempDir();
  const configFile = path.join(dataDir, 'risk-config.yaml');
  fs.writeFileSync(configFile, rules);
  const options: LaunchOptions = { gateway: null, configFile, dataDir, randomWalk: false, clock, webhook: { ...webhook, source: 'test' } };
  const launched = await launch(options);
  open.push({ close: () => launched.stop() });
  return launched;
}

const NAME = DEMO_ACCOUNTS[0]!.name;
const LOSS_LIMIT = 'rules:\n  daily_realized_loss: { limit: -10 }\n';

/** A loss of $20 on one MNQ (40 ticks of $0.50): past the −$10 limit. */
async function loseTwentyDollars(launched: Launched): Promise<void> {
  const trader = await Trader.login(launched.simulator!);
  await trader.roundTrip(launched.simulator!, MNQ, 21000, 20990);
}

function dispatch(target: WebhookTarget, clock: FakeClock) {
  const problems = { report: vi.fn(), clear: vi.fn() };
  const logger = { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() };
  const alerts = new AlertDispatch({ target, clock, logger, problems, about: () => ({ name: NAME, lockRuleId: null }) });
  return { alerts, problems };
}

describe('alerts of the running service', () => {
  it('posts the breach, then the lock, of a real loss in the generic format, naming the account', async () => {
    const hook = await receiver();
    const launched = await start({ url: hook.url, format: 'generic' }, LOSS_LIMIT);
    await loseTwentyDollars(launched);
    await eventually(() => expect(hook.bodies).toHaveLength(2));
    const [breach, lock] = hook.bodies as Record<string, unknown>[];
    expect(breach).toMatchObject({ event: 'breach', accountId: DEMO_ACCOUNT, accountName: NAME, tone: 'bad' });
    expect(lock).toMatchObject({ event: 'lock', accountId: DEMO_ACCOUNT, accountName: NAME, tone: 'bad' });
    expect(String(lock!.title)).toMatch(/^Locked until /);
    // The timeline's own words, so the phone says what the dashboard says.
    const entry = launched.service.snapshot().timeline.find((e) => e.kind === 'lockout')!;
    expect(lock).toMatchObject({ title: entry.title, detail: entry.detail, at: entry.at });
  });

  it('posts a Discord message with the account and the lock in words, and pings nobody', async () => {
    const hook = await receiver();
    const launched = await start({ url: hook.url, format: 'discord' }, LOSS_LIMIT);
    await loseTwentyDollars(launched);
    await eventually(() => expect(hook.bodies).toHaveLength(2));
    const lock = hook.bodies[1] as { content: string; allowed_mentions: unknown };
    expect(lock.content.split('\n')[0]).toBe(`Risk Warden — ${NAME} (account ${DEMO_ACCOUNT})`);
    expect(lock.content.split('\n')[1]).toMatch(/^Locked until /);
    expect(lock.allowed_mentions).toEqual({ parse: [] });
  });

  it('closes what breaks a rule while the receiver hangs without answering', async () => {
    const hook = await receiver([{ status: 0, hang: true }]);
    const launched = await start({ url: hook.url, format: 'generic' }, 'rules:\n  max_contracts: { limit: 5 }\n');
    const trader = await Trader.login(launched.simulator!);
    await trader.buy(MNQ, 6);
    await eventually(() => expect(launched.simulator!.exchange.openPositions(DEMO_ACCOUNT)).toEqual([]));
    // The breach's alert reached a receiver that never answers: enforcement did not wait for it.
    await eventually(() => expect(hook.bodies).toHaveLength(1));
  });
});

describe('retries', () => {
  const alert = ['lockout', DEMO_ACCOUNT, 'Locked until 5:00 PM CT: the daily realized loss limit', 'Realized −$20.00'] as const;

  it('tries a 500 again after the first backoff step and delivers the alert once, before the next one', async () => {
    const hook = await receiver([{ status: 500, body: 'busy' }]);
    const clock = new WatchedClock(Date.now());
    const { alerts, problems } = dispatch({ url: hook.url, format: 'generic' }, clock);
    alerts.add(...alert);
    alerts.add('breach', DEMO_ACCOUNT, 'Second', null);
    await eventually(() => expect(clock.waits).toContain(1000));
    expect(hook.bodies).toHaveLength(1);
    await clock.advance(1000);
    await eventually(() => expect(hook.bodies).toHaveLength(3));
    expect(hook.bodies.map((b) => (b as { title: string }).title)).toEqual([alert[2], alert[2], 'Second']);
    await clock.advance(60_000);
    expect(hook.bodies).toHaveLength(3);
    expect(problems.report).not.toHaveBeenCalled();
  });

  it('waits what a 429 asks in Retry-After before the next try', async () => {
    const hook = await receiver([{ status: 429, headers: { 'retry-after': '7' } }]);
    const clock = new WatchedClock(Date.now());
    const { alerts } = dispatch({ url: hook.url, format: 'generic' }, clock);
    alerts.add(...alert);
    await eventually(() => expect(clock.waits).toContain(7000));
    await clock.advance(6999);
    expect(hook.bodies).toHaveLength(1);
    await clock.advance(1);
    await eventually(() => expect(hook.bodies).toHaveLength(2));
  });
});

describe('the Settings test button', () => {
  const call = (webhook: LaunchOptions['webhook']) =>
    handleApiCall(
      { service: null, settings: commandLineSettings({ gateway: null, configFile: null, dataDir: '/tmp/unused', webhook }) },
      'testWebhook',
      {},
    );

  it('says where it was sent and what the receiver answered', async () => {
    const hook = await receiver();
    const host = new URL(hook.url).host;
    await expect(call({ url: hook.url, format: 'generic', source: 'test' })).resolves.toEqual({
      ok: true,
      message: `Sent to ${host} (HTTP 204)`,
    });
    expect(hook.bodies[0]).toMatchObject({ event: 'test', accountId: null, title: 'Test alert' });
  });

  it('sends Telegram its chat and text', async () => {
    const hook = await receiver([{ status: 200, body: '{"ok":true}' }]);
    const url = `${hook.url.replace('/hook/SECRET-TOKEN', '/botSECRET-TOKEN/sendMessage')}?chat_id=-100123`;
    await expect(call({ url, format: 'telegram', source: 'test' })).resolves.toMatchObject({ ok: true });
    expect(hook.bodies[0]).toEqual({
      chat_id: '-100123',
      text: 'Risk Warden\nTest alert\nLocks, rule breaches and the kill switch will be reported here.',
    });
  });

  it('reports a refusal with the receiver’s reason', async () => {
    const hook = await receiver([{ status: 401, body: '{"message": "Invalid Webhook Token"}' }]);
    await expect(call({ url: hook.url, format: 'discord', source: 'test' })).resolves.toEqual({
      ok: false,
      message: 'Refused by the receiver: HTTP 401 {"message": "Invalid Webhook Token"}',
    });
  });

  it('says when the receiver cannot be reached', async () => {
    const hook = await receiver();
    await hook.close();
    open.splice(open.indexOf(hook), 1);
    await expect(call({ url: hook.url, format: 'generic', source: 'test' })).resolves.toEqual({
      ok: false,
      message: `Not sent: ${new URL(hook.url).host} cannot be reached (ECONNREFUSED)`,
    });
  });

  it('says when no webhook is set', async () => {
    await expect(call(null)).resolves.toEqual({ ok: false, message: 'No webhook set' });
  });
});
