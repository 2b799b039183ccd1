import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { NotificationFeed, type DesktopNotice } from '../../src/main/desktop/notifications';
import { launch, type Launched } from '../../src/main/service/launch';
import { eventually, tempDir } from '../helpers/harness';
import { MNQ, Trader } from '../helpers/trader';

let launched: Launched | undefined;
afterEach(async () => launched?.stop());

/** The service as the desktop app runs it, with its notifications gathered as main shows them. */
async function start(yaml: string) {
  const dataDir = tempDir();
  const file = path.join(dataDir, 'risk-config.yaml');
  fs.writeFileSync(file, yaml);
  launched = await launch({ gateway: null, configFile: file, dataDir, randomWalk: false, configPollMs: 20 });
  const { service } = launched;
  const feed = new NotificationFeed();
  const notices: DesktopNotice[] = [...feed.fresh(service.snapshot())];
  service.onSnapshot((snapshot) => notices.push(...feed.fresh(snapshot)));
  const rule = (id: string) => service.snapshot().accounts[0]!.rules.find((r) => r.ruleId === id)!;
  return { file, rule, notices, snapshot: () => service.snapshot() };
}

describe('the warning ladder in the running service', () => {
  it('shows each rule its own ladder, notifies each step climbed once, and applies a warnings edit at once', async () => {
    const { file, rule, notices, snapshot } = await start(
      [
        'rules:',
        '  max_contracts: { limit: 5, warnings: [40, 60] }',
        '  daily_realized_loss: { limit: -500 }',
        '  daily_unrealized_loss: { limit: -300, warnings: off }',
        '  symbol_blocks: { blocked_symbols: [CL] }',
        '',
      ].join('\n'),
    );
    expect(rule('RULE-001')).toMatchObject({ steps: [0.4, 0.6], step: null, state: 'ok' });
    expect(rule('RULE-003')).toMatchObject({ steps: [0.5, 0.7, 0.85], step: null });
    expect(rule('RULE-004')).toMatchObject({ steps: [], step: null });
    expect(rule('RULE-011')).toMatchObject({ steps: [], step: null, gauge: false });

    const trader = await Trader.login(launched!.simulator!);
    await trader.buy(MNQ, 1);
    await eventually(() => expect(rule('RULE-001').value).toBe(1));
    expect(rule('RULE-001')).toMatchObject({ step: null, state: 'ok' });
    await trader.buy(MNQ, 1);
    await eventually(() => expect(rule('RULE-001')).toMatchObject({ value: 2, step: 0.4, state: 'warning' }));
    // Snapshots go out at most every 50 ms: two steps climbed within one would be told as the higher.
    await eventually(() => expect(notices).toHaveLength(1));
    await trader.buy(MNQ, 1);
    await eventually(() => expect(rule('RULE-001')).toMatchObject({ value: 3, step: 0.6, state: 'warning' }));
    const account = snapshot().accounts[0]!.name;
    await eventually(() =>
      expect(notices).toEqual([
        { title: 'Max contracts at 40 %', detail: `2 of 5 contracts on ${account}` },
        { title: 'Max contracts at 60 %', detail: `3 of 5 contracts on ${account}` },
      ]),
    );

    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('warnings: [40, 60]', 'warnings: off'));
    await eventually(() => expect(rule('RULE-001')).toMatchObject({ steps: [], step: null, state: 'ok' }));
    expect(snapshot().config.pendingAtReset).toEqual([]);
    await trader.buy(MNQ, 1);
    await eventually(() => expect(rule('RULE-001').value).toBe(4));
    expect(notices).toHaveLength(2);
  });
});
