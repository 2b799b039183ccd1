/**
 * `npm run smoke`: boots Risk Warden against the simulator, drives one violation (6 MNQ with a
 * 5-contract limit) and checks the eight checkpoints. Exit 0: all reached; 1: an exception;
 * 2: stalled (the last checkpoint reached is printed).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ProjectXApi } from '../src/main/gateway/projectx-api';
import { RestClient } from '../src/main/gateway/rest-client';
import { OrderSide, OrderType } from '../src/main/gateway/wire';
import { CHECKPOINTS, Checkpoints } from '../src/main/service/checkpoints';
import { launch, type Launched } from '../src/main/service/launch';
import { DEMO_ACCOUNTS } from '../src/main/sim/accounts';
import { SIM_CONTRACTS_BY_SYMBOL } from '../src/main/sim/contracts';

const TIMEOUT_MS = Number(process.env.RW_SMOKE_TIMEOUT_MS ?? 20_000);

async function smoke(): Promise<number> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-smoke-'));
  const configFile = path.join(dataDir, 'risk-config.yaml');
  fs.writeFileSync(configFile, 'rules:\n  max_contracts:\n    limit: 5\n  daily_realized_loss:\n    limit: -500\n');
  const checkpoints = new Checkpoints();
  const allReached = new Promise<void>((resolve) => {
    checkpoints.onReach(() => {
      if (checkpoints.reached().length === CHECKPOINTS.length) resolve();
    });
  });
  let launched: Launched | null = null;
  const stalled = new Promise<'stalled'>((resolve) => setTimeout(() => resolve('stalled'), TIMEOUT_MS).unref());
  try {
    const run = (async () => {
      launched = await launch({ gateway: null, configFile, dataDir, randomWalk: false, checkpoints });
      const trader = new ProjectXApi(new RestClient({ baseUrl: launched.simulator!.url }));
      await trader.loginKey('smoke', 'smoke');
      await trader.placeOrder({
        accountId: DEMO_ACCOUNTS[0]!.id,
        contractId: SIM_CONTRACTS_BY_SYMBOL.MNQ.id,
        type: OrderType.Market,
        side: OrderSide.Bid,
        size: 6,
      });
      await allReached;
      return 'done' as const;
    })();
    const outcome = await Promise.race([run, stalled]);
    if (outcome === 'stalled') {
      const missing = CHECKPOINTS.filter((c) => !checkpoints.reached().includes(c));
      console.error(
        `smoke: stalled after ${TIMEOUT_MS} ms; last checkpoint reached: ${checkpoints.last() ?? 'none'}; missing: ${missing.join(', ')}`,
      );
      return 2;
    }
    console.log(`smoke: all ${CHECKPOINTS.length} checkpoints reached (${checkpoints.reached().join(' → ')})`);
    return 0;
  } catch (error) {
    console.error(`smoke: failed after checkpoint "${checkpoints.last() ?? 'none'}": ${(error as Error).stack ?? String(error)}`);
    return 1;
  } finally {
    await (launched as Launched | null)?.stop().catch(() => undefined);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

process.exit(await smoke());
