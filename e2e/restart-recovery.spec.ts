import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CONTRACTS, expect, SimulatorControl, startExternalSimulator, startWarden, stopWarden, test } from './warden';

const YAML = `rules:
  daily_realized_loss:
    limit: -500
`;

test('killed while locked and restarted: the lock, the P&L and the trade count are back, and a position opened meanwhile is closed', async ({
  page,
}) => {
  const sim = await startExternalSimulator();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rw-e2e-restart-'));
  try {
    const first = await startWarden(YAML, { gateway: sim.url, dataDir });
    await page.goto(first.dashboardUrl);
    await expect(page.getByTestId('connection-state')).toHaveText('Live');
    await first.sim.roundTrip(CONTRACTS.ES, 6000, 5988);
    await expect(page.getByTestId('lockout-banner')).toContainText('Locked by Daily realized loss');
    await stopWarden(first, 'SIGKILL');

    const control = new SimulatorControl(sim.url);
    await control.setPrice(CONTRACTS.NQ, 21000);
    await control.market(CONTRACTS.NQ, 'buy', 1);
    expect((await control.state()).positions).toHaveLength(1);

    const second = await startWarden(YAML, { gateway: sim.url, dataDir });
    try {
      await page.goto(second.dashboardUrl);
      await expect(page.getByTestId('lockout-banner')).toContainText('Locked by Daily realized loss');
      await expect.poll(async () => (await control.state()).positions).toEqual([]);
      await expect(page.getByTestId('timeline')).toContainText('Not allowed while the account is locked');
      await expect(page.getByTestId('trade-count')).toHaveText('2');
      // −600 on ES with its fees, then the NQ bought and closed at the same price: fees only.
      await expect(page.getByTestId('pnl-realized')).toHaveText('-$605.60');
    } finally {
      await stopWarden(second);
    }
  } finally {
    sim.process.kill('SIGTERM');
  }
});
