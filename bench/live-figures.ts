/** The figures measured against the live service, the simulator in its own process. */
import type { Snapshot } from '../src/shared/contract';
import { OrderSide, OrderType } from '../src/main/gateway/wire';
import { DEMO_ACCOUNTS } from '../src/main/sim/accounts';
import { SIM_CONTRACTS_BY_SYMBOL } from '../src/main/sim/contracts';
import { BENCH_CONTRACTS } from './bench-contracts';
import { startLiveBench, type LiveBench } from './live-service';
import type { SimTimings } from './sim-process';
import { memory, type Memory } from './stats';

const ACCOUNT = DEMO_ACCOUNTS[0]!.id;
const MNQ = SIM_CONTRACTS_BY_SYMBOL.MNQ.id;
const QUOTES_PER_SECOND = 5000;
const clock = () => performance.timeOrigin + performance.now();

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const started = performance.now();
  while (!condition()) {
    if (performance.now() - started > timeoutMs) throw new Error('benchmark stalled waiting for Risk Warden');
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

export interface LiveFigures {
  violationToCloseMs: number[];
  quoteToSnapshotMs: number[];
  quotesPerSecond: number;
  at500k: Memory;
  at1M: Memory;
}

export async function measureLive(): Promise<LiveFigures> {
  const bench = await startLiveBench();
  try {
    const violationToCloseMs = await violationToClose(bench);
    const snapshot = await quoteToSnapshot(bench);
    const memory = await memoryAfterMillionEvents(bench);
    return { violationToCloseMs, ...snapshot, ...memory };
  } finally {
    await bench.close();
  }
}

const accountView = (bench: LiveBench) => bench.service.snapshot().accounts[0]!;

/** From the simulator sending the breaking fill to it receiving the close, under a 5,000 quotes/s stream. */
async function violationToClose(bench: LiveBench): Promise<number[]> {
  await bench.simulator.request({ cmd: 'stream', perSecond: QUOTES_PER_SECOND });
  const warmup = 20;
  for (let i = 0; i < 300 + warmup; i++) {
    const trades = accountView(bench).tradeCount;
    await bench.trader.placeOrder({ accountId: ACCOUNT, contractId: MNQ, type: OrderType.Market, side: OrderSide.Bid, size: 6 });
    // One breach at a time: Risk Warden has seen this 6-lot, closed it, and knows it is flat.
    await until(() => accountView(bench).tradeCount === trades + 1 && accountView(bench).positions.length === 0);
    await bench.service.settled();
    while ((await bench.trader.openPositions(ACCOUNT)).length > 0) await new Promise((resolve) => setTimeout(resolve, 1));
  }
  await bench.simulator.request({ cmd: 'stopStream' });
  const { breakingFills, closeRequests } = await bench.simulator.request<SimTimings>({ cmd: 'timings' });
  if (breakingFills.length !== closeRequests.length)
    throw new Error(`${breakingFills.length} breaking fills but ${closeRequests.length} closes`);
  return breakingFills.map((at, i) => closeRequests[i]! - at).slice(warmup);
}

/** From the simulator publishing a quote to the first renderer-facing snapshot that reflects it. */
async function quoteToSnapshot(bench: LiveBench): Promise<{ quoteToSnapshotMs: number[]; quotesPerSecond: number }> {
  for (const contract of BENCH_CONTRACTS)
    await bench.trader.placeOrder({ accountId: ACCOUNT, contractId: contract.id, type: OrderType.Market, side: OrderSide.Bid, size: 1 });
  await until(() => bench.service.snapshot().accounts[0]!.positions.length === BENCH_CONTRACTS.length);
  const pushes: { at: number; marks: Map<string, number> }[] = [];
  const unsubscribe = bench.service.onSnapshot((snapshot: Snapshot) => {
    pushes.push({ at: clock(), marks: new Map(snapshot.accounts[0]!.positions.map((p) => [p.contractId, p.markPrice ?? -1])) });
  });
  await bench.simulator.request({ cmd: 'stream', perSecond: QUOTES_PER_SECOND });
  const started = clock();
  await new Promise((resolve) => setTimeout(resolve, 3000));
  await bench.simulator.request({ cmd: 'stopStream' });
  const streamedFor = (clock() - started) / 1000;
  await new Promise((resolve) => setTimeout(resolve, 200));
  unsubscribe();
  const { quotes } = await bench.simulator.request<SimTimings>({ cmd: 'timings' });
  const samples: number[] = [];
  for (const quote of quotes) {
    const push = pushes.find((p) => (p.marks.get(quote.contractId) ?? -1) >= quote.price);
    if (!push) throw new Error(`a quote of ${quote.contractId} at ${quote.price} never reached a snapshot`);
    samples.push(push.at - quote.at);
  }
  return { quoteToSnapshotMs: samples, quotesPerSecond: quotes.length / streamedFor };
}

/** RSS after 500,000 and 1,000,000 quotes through the whole pipeline (after a full GC each time). */
async function memoryAfterMillionEvents(bench: LiveBench): Promise<{ at500k: Memory; at1M: Memory }> {
  let latest: Snapshot | null = null;
  const unsubscribe = bench.service.onSnapshot((snapshot) => (latest = snapshot));
  let sent = 0;
  let at500k: Memory = { rssMb: 0, heapUsedMb: 0 };
  while (sent < 1_000_000) {
    const { prices } = await bench.simulator.request<{ prices: Record<string, number> }>({ cmd: 'burst', count: 10_000 });
    sent += 10_000;
    await until(
      () => ((latest as Snapshot | null)?.accounts[0]?.positions ?? []).every((p) => p.markPrice === prices[p.contractId]),
      30_000,
    );
    if (sent === 500_000) at500k = memory();
  }
  const at1M = memory();
  unsubscribe();
  return { at500k, at1M };
}
