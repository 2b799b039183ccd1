/**
 * The gateway session: the login, its renewal through Auth/validate five minutes before the token's
 * `exp`, and one new login for the calls that meet an expired token.
 */
import type { Clock, TimerHandle } from '../schedule/clock';
import { GatewayUnauthorizedError } from './errors';
import type { ProjectXApi } from './projectx-api';

const REFRESH_BEFORE_EXPIRY_MS = 5 * 60_000;
/** Node fires a longer timer at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** The `exp` claim of a JWT in ms, or null when the token does not carry one. */
export function jwtExpiry(token: string): number | null {
  const payload = token.split('.')[1];
  if (!payload) return null;
  try {
    const exp = (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: unknown }).exp;
    return typeof exp === 'number' ? exp * 1000 : null;
  } catch {
    return null;
  }
}

export interface SessionDeps {
  api: Pick<ProjectXApi, 'loginKey' | 'validate'>;
  credentials: { username: string; apiKey: string };
  clock: Clock;
  /** A new login failed: the gateway refuses every call until one succeeds. */
  onLoggedOut(detail: string): void;
  /** Auth/validate handed out a new token: what authenticated with the old one starts again. */
  onNewToken(): void;
}

export class Session {
  private relogin: Promise<void> | null = null;
  private refreshTimer: TimerHandle | null = null;

  constructor(private readonly deps: SessionDeps) {}

  async login(): Promise<void> {
    const { api, credentials } = this.deps;
    this.scheduleRefresh(await api.loginKey(credentials.username, credentials.apiKey));
  }

  /**
   * A 401 means the gateway did not process the call, so even a mutating call is safe to repeat
   * once after a new login: an expired token must never make a close fail.
   */
  async authed<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof GatewayUnauthorizedError)) throw error;
      await this.renew();
      return call();
    }
  }

  stop(): void {
    this.refreshTimer?.cancel();
  }

  /** One re-login at a time, however many calls hit the expired token together. */
  private renew(): Promise<void> {
    this.relogin ??= this.login()
      .catch((error: unknown) => {
        this.deps.onLoggedOut(`the session could not be renewed: ${(error as Error).message}`);
        throw error;
      })
      .finally(() => {
        this.relogin = null;
      });
    return this.relogin;
  }

  private scheduleRefresh(token: string): void {
    this.refreshTimer?.cancel();
    const expiresAt = jwtExpiry(token);
    if (expiresAt === null) return;
    const wait = Math.max(0, expiresAt - this.deps.clock.now() - REFRESH_BEFORE_EXPIRY_MS);
    this.refreshTimer = this.deps.clock.setTimeout(() => this.refresh(token), Math.min(wait, MAX_TIMER_MS));
  }

  /** Auth/validate renews the token; a new login if that fails. */
  private refresh(token: string): void {
    this.deps.api.validate().then(
      (fresh) => {
        this.scheduleRefresh(fresh);
        if (fresh !== token) this.deps.onNewToken();
      },
      () => void this.renew().catch(() => undefined),
    );
  }
}
