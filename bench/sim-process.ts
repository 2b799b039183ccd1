/**
 * The simulator in a process of its own, as a real gateway would be: its socket writes and quote
 * generation do not run on Risk Warden's event loop. It timestamps what it publishes and what it
 * receives on the machine clock so the parent can compute latencies across the two processes.
 */
import { OrderSide } from '../src/main/gateway/wire';
import { BENCH_CONTRACTS } from './bench-contracts';
import { startSimulator } from '../src/main/sim/simulator';

export type SimCommand =
  { cmd: 'stream'; perSecond: number } | { cmd: 'stopStream' } | { cmd: 'burst'; count: number } | { cmd: 'timings' };

export interface SimTimings {
  /** Times the fill that opened a 6-lot was published. */
  breakingFills: number[];
  /** Times a Position/closeContract request arrived. */
  closeRequests: number[];
  quotes: { contractId: string; price: number; at: number }[];
}

const clock = () => performance.timeOrigin + performance.now();
const timings: SimTimings = { breakingFills: [], closeRequests: [], quotes: [] };
let recordQuotes = false;

const sim = await startSimulator({
  randomWalk: false,
  observer: {
    published(event) {
      if (event.topic === 'trade' && event.payload.side === OrderSide.Bid && event.payload.size === 6) timings.breakingFills.push(clock());
      // Live quotes may be partial (bid/ask only): a price change is timed by the quote that carries its last price.
      else if (recordQuotes && event.topic === 'quote' && typeof event.payload.lastPrice === 'number')
        timings.quotes.push({ contractId: event.contractId, price: event.payload.lastPrice, at: clock() });
    },
    requested(endpoint) {
      if (endpoint === 'Position/closeContract') timings.closeRequests.push(clock());
    },
  },
});

let next = 0;
function burst(count: number): Record<string, number> {
  for (let i = 0; i < count; i++) {
    const contract = BENCH_CONTRACTS[next++ % BENCH_CONTRACTS.length]!;
    sim.exchange.setPrice(contract.id, sim.exchange.price(contract.id)! + contract.tickSize);
  }
  return Object.fromEntries(BENCH_CONTRACTS.map((c) => [c.id, sim.exchange.price(c.id)!]));
}

let timer: NodeJS.Timeout | null = null;
process.on('message', (message: SimCommand) => {
  switch (message.cmd) {
    case 'stream': {
      // Paced by elapsed time, not by tick count: a 1 ms interval really fires every ~1.2 ms.
      recordQuotes = true;
      const started = performance.now();
      let sent = 0;
      timer = setInterval(() => {
        const due = Math.floor(((performance.now() - started) / 1000) * message.perSecond) - sent;
        if (due > 0) burst(due);
        sent += Math.max(0, due);
      }, 1);
      process.send!({ ok: true });
      break;
    }
    case 'stopStream':
      if (timer) clearInterval(timer);
      recordQuotes = false;
      process.send!({ ok: true });
      break;
    case 'burst':
      process.send!({ prices: burst(message.count) });
      break;
    case 'timings':
      process.send!(timings);
      timings.breakingFills = [];
      timings.closeRequests = [];
      timings.quotes = [];
      break;
  }
});
process.send!({ url: sim.url });
