/** engine_events_per_s: quotes and fills through AccountState + RuleEngine, in process, no I/O. */
import type { GatewayEvent } from '../src/shared/domain';
import path from 'node:path';
import { loadConfigFile } from '../src/main/config/loader';
import { AccountState } from '../src/main/engine/account-state';
import { MarketBook } from '../src/main/engine/market-book';
import { RuleEngine } from '../src/main/engine/rule-engine';
import { NOTHING_CLOSING } from '../src/main/engine/rule';
import { armRules } from '../src/main/engine/rules';
import { SIM_CONTRACTS } from '../src/main/sim/contracts';
import { tradedSymbol } from '../src/shared/symbols';

const EVENTS = 200_000;
/** Tue Nov 24 2026, 10:00 CT: inside the example config's trading session, as a trading day's quotes are. */
const IN_SESSION = Date.parse('2026-11-24T16:00:00Z');
const DURATION_MS = 2000;

function events(): GatewayEvent[] {
  const list: GatewayEvent[] = [];
  let fillId = 1;
  for (let i = 0; i < EVENTS; i++) {
    const contract = SIM_CONTRACTS[i % SIM_CONTRACTS.length]!;
    if (i % 50 === 49) {
      const traded = SIM_CONTRACTS[Math.floor(i / 100) % SIM_CONTRACTS.length]!;
      list.push({
        type: 'fill',
        fill: {
          id: fillId++,
          accountId: 1,
          contractId: traded.id,
          orderId: fillId,
          timestamp: '',
          price: traded.startPrice,
          // Opens one and closes it 50 events later: fills move positions, so the account stays within its limits.
          size: i % 100 === 99 ? -1 : 1,
          profitAndLoss: i % 100 === 99 ? 1 : null,
          fees: 0.37,
          voided: false,
        },
      });
    } else {
      list.push({
        type: 'quote',
        quote: {
          contractId: contract.id,
          lastPrice: contract.startPrice + (i % 8) * contract.tickSize,
          bestBid: null,
          bestAsk: null,
          timestamp: '',
        },
      });
    }
  }
  return list;
}

export function engineEventsPerSecond(): number {
  // Every rule armed, with the documented example values.
  const config = loadConfigFile(path.resolve('config/risk-config.all-rules.yaml'));
  const engine = new RuleEngine(armRules(config).rules);
  const stream = events();
  let processed = 0;
  const started = performance.now();
  while (performance.now() - started < DURATION_MS) {
    const market = new MarketBook();
    for (const c of SIM_CONTRACTS) market.addContract({ ...c, symbol: tradedSymbol(c.name) });
    const account = new AccountState({ id: 1, name: 'BENCH', balance: 50_000, canTrade: true }, market);
    // The steady state: an account within its limits (the breach path is violation_to_close_ms).
    account.apply({
      type: 'position',
      position: { accountId: 1, contractId: SIM_CONTRACTS[0]!.id, size: 1, averagePrice: SIM_CONTRACTS[0]!.startPrice },
    });
    account.apply({
      type: 'position',
      position: { accountId: 1, contractId: SIM_CONTRACTS[3]!.id, size: -1, averagePrice: SIM_CONTRACTS[3]!.startPrice },
    });
    for (const event of stream) {
      if (event.type === 'quote') market.applyQuote(event.quote);
      else account.apply(event);
      engine.evaluate({ account, market, event, now: IN_SESSION, loggedOut: false, closing: NOTHING_CLOSING });
    }
    processed += stream.length;
  }
  return processed / ((performance.now() - started) / 1000);
}
