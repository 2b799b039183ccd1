/**
 * The dashboard under a quote storm: the real service and web host in this process, the simulator
 * streaming 2,000 quotes a second in a child process, the built renderer in Debian's Chromium.
 * Frame intervals come from requestAnimationFrame in the page; coalescing in main keeps the
 * dashboard's updates to a few dozen a second however fast the quotes come.
 */
import { chromium } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { CHROMIUM, CHROMIUM_ARGS } from '../playwright.config';
import { OrderSide, OrderType } from '../src/main/gateway/wire';
import { DEMO_ACCOUNTS } from '../src/main/sim/accounts';
import { BENCH_CONTRACTS } from './bench-contracts';
import { commandLineSettings } from '../src/main/web/command-line-settings';
import { startWebHost } from '../src/main/web/web-host';
import { startLiveBench } from './live-service';

const QUOTES_PER_SECOND = 2000;
const STREAM_MS = 5000;
const ACCOUNT = DEMO_ACCOUNTS[0]!.id;
const silent = { debug() {}, info() {}, warn() {}, error() {} };

export interface RendererFigures {
  frameIntervalsMs: number[];
  domUpdatesPerSecond: number;
  quotesPerSecond: number;
}

/** Runs in the page (a string: this file is compiled for Node, without the DOM types). */
const WATCH_FRAMES = `
  window.benchFrames = [];
  window.benchUpdates = 0;
  new MutationObserver(() => (window.benchUpdates += 1)).observe(document.querySelector('[data-testid="pnl-unrealized"]'), { childList: true, characterData: true, subtree: true });
  const frame = (t) => { window.benchFrames.push(t); requestAnimationFrame(frame); };
  requestAnimationFrame(frame);
`;

export async function measureRenderer(): Promise<RendererFigures> {
  const bench = await startLiveBench();
  const host = await startWebHost(
    { service: bench.service, settings: commandLineSettings({ gateway: null, configFile: null, dataDir: '' }) },
    fileURLToPath(new URL('../out/renderer', import.meta.url)),
    0,
    silent,
  );
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(host.url);
    await page.getByTestId('connection-state').filter({ hasText: 'Live' }).waitFor();
    for (const contract of BENCH_CONTRACTS)
      await bench.trader.placeOrder({ accountId: ACCOUNT, contractId: contract.id, type: OrderType.Market, side: OrderSide.Bid, size: 1 });
    await page
      .locator('[data-testid^="position-"]')
      .nth(BENCH_CONTRACTS.length - 1)
      .waitFor();
    await page.evaluate(WATCH_FRAMES);
    await bench.simulator.request({ cmd: 'stream', perSecond: QUOTES_PER_SECOND });
    const started = performance.now();
    await page.waitForTimeout(STREAM_MS);
    await bench.simulator.request({ cmd: 'stopStream' });
    const streamedFor = (performance.now() - started) / 1000;
    const { frames, updates } = (await page.evaluate('({ frames: window.benchFrames, updates: window.benchUpdates })')) as {
      frames: number[];
      updates: number;
    };
    const { quotes } = await bench.simulator.request<{ quotes: unknown[] }>({ cmd: 'timings' });
    return {
      frameIntervalsMs: frames.slice(1).map((t, i) => t - frames[i]!),
      domUpdatesPerSecond: updates / streamedFor,
      quotesPerSecond: quotes.length / streamedFor,
    };
  } finally {
    await browser.close();
    await host.close();
    await bench.close();
  }
}
