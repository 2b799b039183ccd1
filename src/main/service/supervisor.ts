/**
 * Keeps one RiskService running for the desktop app, whatever its start meets: a gateway that is
 * not reachable yet (start at login before the network), a stored key that cannot be decrypted, a
 * damaged settings file. A failed start is kept as the reason, shown to the trader and retried;
 * the app itself stays up, so Settings can fix it. New settings replace the running service, and
 * when they cannot connect the previous ones are put back (and retried if they fail too).
 * Starts, retries, saves and the final stop run one at a time, in the order asked: a retry still
 * connecting when the trader saves, or a save during the first start, never leaves two services.
 */
import { createLogger } from '../log';
import type { Launched, LaunchOptions } from './launch';

const RETRY_MS = 30_000;

export interface SupervisorDeps {
  launch(options: LaunchOptions): Promise<Launched>;
  /** Called whenever the running service or the reason it is not running changes. */
  onChange(launched: Launched | null): void;
  retryMs?: number;
}

/** Settings are read when a start is tried: reading them may itself fail (and is then retried). */
export type OptionsSource = () => LaunchOptions;

export class ServiceSupervisor {
  private launched: Launched | null = null;
  private problem: string | null = null;
  private source: OptionsSource | null = null;
  private retry: NodeJS.Timeout | null = null;
  private stopped = false;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly logger = createLogger('supervisor');

  constructor(private readonly deps: SupervisorDeps) {}

  current(): Launched | null {
    return this.launched;
  }

  /** Why there is no running service, in words for the dashboard and the tray. */
  whyNotRunning(): string {
    if (this.problem)
      return `Risk Warden could not start: ${this.problem}. It tries again every ${Math.round(this.retryMs / 1000)} s; you can change the connection in Settings & rules.`;
    return 'Risk Warden is starting its connection; try again in a moment';
  }

  /** Starts with these settings; true once running. A failure is kept and retried until it works or other settings replace it. */
  start(source: OptionsSource): Promise<boolean> {
    return this.serial(() => this.startNow(source));
  }

  private async startNow(source: OptionsSource): Promise<boolean> {
    if (this.stopped) return false;
    this.source = source;
    this.cancelRetry();
    try {
      await this.launchFrom(source);
      return true;
    } catch (error) {
      this.fail(error as Error);
      return false;
    }
  }

  /**
   * Stops the running service and starts one with `next`. If it cannot start, `restore` puts the
   * previous settings back and they are started again; the error says what happened to both.
   */
  replace(next: OptionsSource, restore: () => void): Promise<void> {
    return this.serial(async () => {
      const previous = this.source;
      this.cancelRetry();
      await this.stopService();
      try {
        await this.launchFrom(next);
        this.source = next;
      } catch (error) {
        const why = (error as Error).message;
        restore();
        const back = previous ? await this.startNow(previous) : false;
        const fallback = back
          ? 'the previous settings are back in force'
          : `the previous settings are back but cannot connect either (${this.problem}); Risk Warden tries them again every ${Math.round(this.retryMs / 1000)} s`;
        throw new Error(`the new settings could not connect (${why}); ${fallback}`);
      }
    });
  }

  /** Waits for whatever is under way (a start being tried), then stops the service; nothing starts after. */
  stop(): Promise<void> {
    this.stopped = true;
    this.cancelRetry();
    return this.serial(() => this.stopService());
  }

  private serial<T>(operation: () => Promise<T>): Promise<T> {
    const result = this.queue.then(operation);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private get retryMs(): number {
    return this.deps.retryMs ?? RETRY_MS;
  }

  private async launchFrom(source: OptionsSource): Promise<void> {
    this.launched = await this.deps.launch(source());
    this.problem = null;
    this.deps.onChange(this.launched);
  }

  private fail(error: Error): void {
    this.problem = error.message;
    this.logger.error(`start failed: ${error.message}; retrying in ${this.retryMs} ms`);
    this.deps.onChange(null);
    if (this.stopped) return;
    this.retry = setTimeout(() => {
      this.retry = null;
      if (this.source) void this.start(this.source);
    }, this.retryMs);
  }

  private cancelRetry(): void {
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
  }

  private async stopService(): Promise<void> {
    const running = this.launched;
    this.launched = null;
    this.deps.onChange(null);
    // A service that fails to stop cleanly is gone all the same; what comes next must still start.
    await running?.stop().catch((error: Error) => this.logger.error(`stopping the service: ${error.message}`));
  }
}
