/**
 * The desktop app as a trader installs it: the built main process, preload and renderer, run
 * through the Electron stand-in (tests/electron/) where the Electron runtime cannot be downloaded.
 * The service, store, engine and simulator are real; only Electron's runtime is faked.
 * Shared by the desktop-*.spec.ts files.
 */
import { test as base, expect, type Page } from '@playwright/test';
import { DesktopApp, type DesktopOptions } from '../tests/electron/harness';
import { SimulatorControl } from './warden';

export const ACCOUNT_NAME = 'PRAC-V2-RW-DEMO-50K';

export interface Desktop {
  app: DesktopApp;
  sim: SimulatorControl;
  page: Page;
}

let nextSimPort = 19_100 + Math.floor(Math.random() * 400);

/** Demo mode on a known simulator port, prices still, the built-in rules (max 5 contracts, daily loss −$500). */
export async function startDesktop(options: DesktopOptions = {}, waitLive = true): Promise<Desktop> {
  const simPort = nextSimPort++;
  const app = DesktopApp.launch({ ...options, args: ['--no-random-walk', '--sim-port', String(simPort), ...(options.args ?? [])] });
  const page = await app.window();
  if (waitLive) await expect(page.getByTestId('connection-state')).toHaveText('Simulator connected');
  return { app, sim: new SimulatorControl(`http://127.0.0.1:${simPort}`), page };
}

export const test = base.extend<{ desktop: Desktop; desktopOptions: DesktopOptions }>({
  desktopOptions: [{}, { option: true }],
  desktop: async ({ desktopOptions }, use) => {
    const desktop = await startDesktop(desktopOptions);
    await use(desktop);
    const state = desktop.app.running ? await desktop.app.state() : null;
    await desktop.app.close();
    // Whatever a test did, neither the renderer nor main may have thrown.
    expect(desktop.app.pageErrors, 'renderer errors').toEqual([]);
    expect(state?.mainErrors ?? [], 'main-process errors').toEqual([]);
  },
});
