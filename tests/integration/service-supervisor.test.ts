/**
 * The desktop app's supervisor with the real launch (service, store, simulator): a start that
 * fails is kept, said and retried; new settings replace the running service, and are rolled back
 * when they cannot connect — including when the previous ones cannot connect either.
 */
import net from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { launch, type Launched, type LaunchOptions } from '../../src/main/service/launch';
import { ServiceSupervisor } from '../../src/main/service/supervisor';
import { tempDir } from '../helpers/harness';

/** A port nothing listens on: connections are refused at once, as with a gateway not reachable yet. */
async function closedPort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const demo = (dataDir: string, simPort = 0): LaunchOptions => ({ gateway: null, configFile: null, dataDir, simPort, randomWalk: false });
const unreachable = (dataDir: string, port: number): LaunchOptions => ({
  gateway: { apiUrl: `http://127.0.0.1:${port}`, rtcUrl: `http://127.0.0.1:${port}`, username: 'trader', apiKey: 'key' },
  configFile: null,
  dataDir,
});

let supervisor: ServiceSupervisor | null = null;
afterEach(async () => {
  vi.useRealTimers();
  await supervisor?.stop();
  supervisor = null;
});

function supervise(retryMs = 30_000) {
  const changes: (Launched | null)[] = [];
  supervisor = new ServiceSupervisor({ launch, retryMs, onChange: (launched) => changes.push(launched) });
  return { supervisor, changes };
}

describe('the desktop service supervisor', () => {
  it('runs the service it was given and says nothing is wrong', async () => {
    const { supervisor, changes } = supervise();
    expect(await supervisor.start(() => demo(tempDir()))).toBe(true);
    expect(supervisor.current()?.service.snapshot().connection.state).toBe('live');
    expect(changes.at(-1)).toBe(supervisor.current());
  });

  it('keeps a failed start as the reason, and retries it until it works', async () => {
    const port = await closedPort();
    let attempt = 0;
    const { supervisor } = supervise(50);
    // A folder of each mode, as the desktop app keeps them (a data folder holds one mode's data).
    const [liveDir, demoDir] = [tempDir(), tempDir()];
    // The first two tries meet a gateway that is not up yet; the third finds the built-in simulator.
    const ok = await supervisor.start(() => (++attempt < 3 ? unreachable(liveDir, port) : demo(demoDir)));
    expect(ok).toBe(false);
    expect(supervisor.current()).toBeNull();
    expect(supervisor.whyNotRunning()).toMatch(/^Risk Warden could not start: Auth\/loginKey: network failure.*It tries again every 0 s/);
    await vi.waitFor(() => expect(supervisor.current()).not.toBeNull(), { timeout: 10_000 });
    expect(attempt).toBe(3);
  });

  it('a settings source that throws (a key that no longer decrypts) is a failed start, not a crash', async () => {
    const { supervisor } = supervise();
    expect(
      await supervisor.start(() => {
        throw new Error('the stored API key cannot be decrypted (bad keyring); enter it again in Settings');
      }),
    ).toBe(false);
    expect(supervisor.whyNotRunning()).toContain('the stored API key cannot be decrypted');
  });

  it('replaces the running service, on the same simulator port', async () => {
    const { supervisor } = supervise();
    const dir = tempDir();
    const port = await closedPort();
    await supervisor.start(() => demo(dir, port));
    const first = supervisor.current();
    await supervisor.replace(
      () => demo(dir, port),
      () => undefined,
    );
    expect(supervisor.current()).not.toBe(first);
    expect(supervisor.current()?.service.snapshot().connection.state).toBe('live');
  });

  it('rolls back to the previous settings when the new ones cannot connect', async () => {
    const { supervisor } = supervise();
    await supervisor.start(() => demo(tempDir()));
    const restore = vi.fn();
    await expect(supervisor.replace(() => unreachable(tempDir(), 9), restore)).rejects.toThrow(
      /^the new settings could not connect \(Auth\/loginKey: network failure.*\); the previous settings are back in force$/,
    );
    expect(restore).toHaveBeenCalledOnce();
    expect(supervisor.current()?.service.snapshot().connection.state).toBe('live');
  });

  it('says when the previous settings cannot connect either, and keeps retrying them', async () => {
    const { supervisor } = supervise(60_000);
    const dir = tempDir();
    await supervisor.start(() => unreachable(dir, 9));
    await expect(
      supervisor.replace(
        () => unreachable(dir, 7),
        () => undefined,
      ),
    ).rejects.toThrow(
      /the previous settings are back but cannot connect either \(Auth\/loginKey: network failure.*\); Risk Warden tries them again every 60 s$/,
    );
    expect(supervisor.current()).toBeNull();
    expect(supervisor.whyNotRunning()).toContain('It tries again every 60 s');
  });

  describe('one operation at a time', () => {
    /** The real launch, held at a gate the test opens, and every service it made with whether it was stopped. */
    function gatedLaunch() {
      const made: { launched: Launched; stopped: boolean }[] = [];
      let open: () => void = () => undefined;
      let gate = Promise.resolve();
      return {
        made,
        hold() {
          gate = new Promise((resolve) => (open = resolve));
        },
        release: () => open(),
        async launch(options: LaunchOptions): Promise<Launched> {
          await gate;
          const launched = await launch(options);
          const entry = { launched, stopped: false };
          made.push(entry);
          return {
            ...launched,
            stop: () => {
              entry.stopped = true;
              return launched.stop();
            },
          };
        },
      };
    }

    const running = (made: { stopped: boolean }[]) => made.filter((m) => !m.stopped).length;

    it('a save during the first start replaces it once it is up: one service runs, with the new settings', async () => {
      const gated = gatedLaunch();
      supervisor = new ServiceSupervisor({ launch: (o) => gated.launch(o), onChange: () => undefined });
      const first = tempDir();
      const second = tempDir();
      gated.hold();
      const starting = supervisor.start(() => demo(first));
      const saving = supervisor.replace(
        () => demo(second),
        () => undefined,
      );
      gated.release();
      await Promise.all([starting, saving]);
      expect(gated.made).toHaveLength(2);
      expect(running(gated.made)).toBe(1);
      expect(supervisor.current()?.service.snapshot().connection.state).toBe('live');
      expect(gated.made[0]!.stopped).toBe(true);
    });

    it('a retry still connecting when the trader saves neither undoes the save nor leaves a second service', async () => {
      const gated = gatedLaunch();
      const changes: (Launched | null)[] = [];
      supervisor = new ServiceSupervisor({ launch: (o) => gated.launch(o), retryMs: 20, onChange: (l) => changes.push(l) });
      const port = await closedPort();
      const dir = tempDir();
      expect(await supervisor.start(() => unreachable(dir, port))).toBe(false);
      gated.hold();
      await new Promise((resolve) => setTimeout(resolve, 60)); // the retry is now waiting at the gate
      const saving = supervisor.replace(
        () => demo(tempDir()),
        () => undefined,
      );
      gated.release();
      await saving;
      await new Promise((resolve) => setTimeout(resolve, 200)); // ten retry periods: none may follow
      expect(supervisor.current()?.service.snapshot().connection.state).toBe('live');
      expect(changes.at(-1)).toBe(supervisor.current());
      expect(running(gated.made)).toBe(1);
    });

    it('stop waits for a start under way and stops what it started; nothing starts after', async () => {
      const gated = gatedLaunch();
      supervisor = new ServiceSupervisor({ launch: (o) => gated.launch(o), onChange: () => undefined });
      gated.hold();
      const starting = supervisor.start(() => demo(tempDir()));
      await new Promise((resolve) => setTimeout(resolve, 10)); // the start is now waiting at the gate
      const stopping = supervisor.stop();
      gated.release();
      await Promise.all([starting, stopping]);
      expect(gated.made.map((m) => m.stopped)).toEqual([true]);
      expect(supervisor.current()).toBeNull();
      expect(await supervisor.start(() => demo(tempDir()))).toBe(false);
    });
  });
});
