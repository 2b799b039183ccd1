/**
 * The demo panel through the real launch: in demo mode its orders reach the in-process simulator and
 * Risk Warden sees them over the gateway like any trade, and enforces its rules on them; in live mode
 * there is no demo panel to call.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { handleApiCall, type ApiContext } from '../../src/main/service/api-handler';
import { launch, type Launched, type LaunchOptions } from '../../src/main/service/launch';
import { startSimulator, type Simulator } from '../../src/main/sim/simulator';
import { commandLineSettings } from '../../src/main/web/command-line-settings';
import { eventually, tempDir } from '../helpers/harness';
import { DEMO_ACCOUNT, MNQ } from '../helpers/trader';

let launched: Launched | undefined;
let external: Simulator | undefined;
afterEach(async () => {
  await launched?.stop();
  await external?.close();
  launched = undefined;
  external = undefined;
});

async function start(gateway: LaunchOptions['gateway'] = null): Promise<ApiContext> {
  const dataDir = tempDir();
  const configFile = path.join(dataDir, 'risk-config.yaml');
  fs.writeFileSync(configFile, 'rules:\n  max_contracts: { limit: 5 }\n');
  const options = { gateway, configFile, dataDir, randomWalk: false };
  launched = await launch(options);
  return { service: launched.service, settings: commandLineSettings(options), demo: launched.demo };
}

const account = () => launched!.service.snapshot().accounts[0]!;

describe('the demo panel in demo mode', () => {
  it('buys on the simulator and Risk Warden shows the position; a nudge moves its open P&L', async () => {
    const context = await start();
    await expect(handleApiCall(context, 'demoOrder', { accountId: DEMO_ACCOUNT, contractId: MNQ, side: 'buy', size: 2 })).resolves.toEqual({
      message: 'Bought 2 MNQ at 21,000.00',
    });
    await eventually(() => expect(account().positions.map((p) => [p.symbol, p.size])).toEqual([['MNQ', 2]]));
    await expect(handleApiCall(context, 'demoNudge', { contractId: MNQ, ticks: 8 })).resolves.toEqual({
      message: 'Moved MNQ up 8 ticks to 21,002.00',
    });
    // 2 contracts × 8 ticks × $0.50 a tick.
    await eventually(() => expect(account().positions[0]?.unrealized).toBe(8));
    await expect(handleApiCall(context, 'demoCloseAll', { accountId: DEMO_ACCOUNT })).resolves.toEqual({ message: 'Closed 1 position' });
    await eventually(() => expect(account().positions).toEqual([]));
  });

  it('a buy past max contracts is closed by Risk Warden, as a platform order would be', async () => {
    const context = await start();
    await handleApiCall(context, 'demoOrder', { accountId: DEMO_ACCOUNT, contractId: MNQ, side: 'buy', size: 6 });
    await eventually(() => expect(launched!.simulator!.calls['Position/closeContract']).toBe(1));
    await eventually(() => expect(launched!.simulator!.exchange.openPositions(DEMO_ACCOUNT)).toEqual([]));
    // The exchange is flat first; the service learns it from the user hub's position event a moment later.
    await eventually(() => expect(account().positions).toEqual([]));
  });

  it('names the simulator and its contracts for the panel', async () => {
    await start();
    const view = launched!.demo!.view();
    expect(view.simulatorUrl).toBe(launched!.simulator!.url);
    expect(view.contracts.find((c) => c.contractId === MNQ)).toMatchObject({ symbol: 'MNQ', tickSize: 0.25, price: 21000 });
  });
});

describe('the demo panel in live mode', () => {
  it('does not exist: every demo call is refused and nothing reaches the gateway', async () => {
    external = await startSimulator({ port: 0, randomWalk: false });
    const context = await start({ apiUrl: external.url, rtcUrl: external.url, username: 'trader', apiKey: 'key' });
    expect(launched!.demo).toBeNull();
    await expect(handleApiCall(context, 'demoOrder', { accountId: DEMO_ACCOUNT, contractId: MNQ, side: 'buy', size: 1 })).rejects.toThrow(
      'The demo panel works only in demo mode, on the built-in simulator',
    );
    await expect(handleApiCall(context, 'demoNudge', { contractId: MNQ, ticks: 4 })).rejects.toThrow('only in demo mode');
    await expect(handleApiCall(context, 'demoCloseAll', { accountId: DEMO_ACCOUNT })).rejects.toThrow('only in demo mode');
    expect(external.exchange.openPositions(DEMO_ACCOUNT)).toEqual([]);
    expect(external.exchange.price(MNQ)).toBe(21000);
  });
});
