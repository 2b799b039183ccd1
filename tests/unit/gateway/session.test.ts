import { describe, expect, it } from 'vitest';
import { GatewayNetworkError, GatewayUnauthorizedError } from '../../../src/main/gateway/errors';
import { Session } from '../../../src/main/gateway/session';
import { FakeClock, flushMicrotasks } from '../../helpers/fake-clock';

// Far from the real time: a refresh measured on Date.now() would fire at once or never.
const T0 = Date.parse('2031-03-10T14:00:00Z');
const MINUTE = 60_000;

let issued = 0;
/** A JWT-shaped token expiring at `expiresAt` (ms); each one distinct. */
function jwt(expiresAt: number): string {
  const claims = { sub: 'trader', exp: Math.floor(expiresAt / 1000), n: issued++ };
  return ['h', Buffer.from(JSON.stringify(claims)).toString('base64url'), 's'].join('.');
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** A session over a scripted Auth API: `login` and `validate` answer what the test queues. */
function setup() {
  const clock = new FakeClock(T0);
  const logins: (() => Promise<string>)[] = [];
  const validations: (() => Promise<string>)[] = [];
  const calls = { loginKey: 0, validate: 0 };
  const reports = { loggedOut: [] as string[], newTokens: 0 };
  const next = (queue: (() => Promise<string>)[], name: string) => {
    const answer = queue.shift();
    if (!answer) throw new Error(`unexpected ${name}`);
    return answer();
  };
  const session = new Session({
    api: {
      loginKey: () => {
        calls.loginKey++;
        return next(logins, 'Auth/loginKey');
      },
      validate: () => {
        calls.validate++;
        return next(validations, 'Auth/validate');
      },
    },
    credentials: { username: 'trader', apiKey: 'key' },
    clock,
    onLoggedOut: (detail) => reports.loggedOut.push(detail),
    onNewToken: () => reports.newTokens++,
  });
  return { clock, session, logins, validations, calls, reports };
}

describe('gateway session', () => {
  it('validates the token five minutes before its exp, as the injected clock measures it', async () => {
    const { clock, session, logins, validations, calls } = setup();
    logins.push(async () => jwt(T0 + 60 * MINUTE));
    await session.login();
    validations.push(async () => jwt(T0 + 24 * 60 * MINUTE));
    await clock.advance(55 * MINUTE - 1);
    expect(calls.validate).toBe(0);
    await clock.advance(1);
    expect(calls.validate).toBe(1);
  });

  it('schedules the next refresh from the renewed token, and says when the token changed', async () => {
    const { clock, session, logins, validations, calls, reports } = setup();
    logins.push(async () => jwt(T0 + 10 * MINUTE));
    await session.login();
    const renewed = jwt(T0 + 65 * MINUTE);
    validations.push(async () => renewed);
    await clock.advance(5 * MINUTE);
    expect(reports.newTokens).toBe(1);
    validations.push(async () => jwt(T0 + 24 * 60 * MINUTE));
    await clock.advance(55 * MINUTE - 1);
    expect(calls.validate).toBe(1);
    await clock.advance(1);
    expect([calls.validate, reports.newTokens]).toEqual([2, 2]);
  });

  it('logs in again when the refresh is refused', async () => {
    const { clock, session, logins, validations, calls } = setup();
    logins.push(async () => jwt(T0 + 10 * MINUTE));
    await session.login();
    validations.push(() => Promise.reject(new GatewayUnauthorizedError('Auth/validate')));
    logins.push(async () => jwt(T0 + 60 * MINUTE));
    await clock.advance(5 * MINUTE);
    expect(calls.loginKey).toBe(2);
  });

  it('validates a token that outlives the longest timer when that timer fires, and keeps it', async () => {
    const { clock, session, logins, validations, calls, reports } = setup();
    const token = jwt(T0 + 60 * 24 * 60 * MINUTE);
    logins.push(async () => token);
    await session.login();
    validations.push(async () => token);
    await clock.advance(2 ** 31 - 2);
    expect(calls.validate).toBe(0);
    await clock.advance(1);
    expect([calls.validate, reports.newTokens]).toEqual([1, 0]);
  });

  it('stops refreshing once stopped', async () => {
    const { clock, session, logins, calls } = setup();
    logins.push(async () => jwt(T0 + 10 * MINUTE));
    await session.login();
    session.stop();
    await clock.advance(10 * MINUTE);
    expect(calls.validate).toBe(0);
  });

  it('repeats a call refused with 401 once after a new login; other failures pass through', async () => {
    const { session, logins, calls } = setup();
    logins.push(async () => jwt(T0 + 60 * MINUTE));
    let attempts = 0;
    const close = () =>
      attempts++ === 0 ? Promise.reject(new GatewayUnauthorizedError('Position/closeContract')) : Promise.resolve('closed');
    await expect(session.authed(close)).resolves.toBe('closed');
    expect([attempts, calls.loginKey]).toEqual([2, 1]);
    const network = new GatewayNetworkError('Order/cancel', new Error('reset'));
    await expect(session.authed(() => Promise.reject(network))).rejects.toBe(network);
    expect(calls.loginKey).toBe(1);
  });

  it('makes a second 401 during a renewal wait for the same login', async () => {
    const { session, logins, calls } = setup();
    const login = deferred<string>();
    logins.push(() => login.promise);
    const tokenOk = { current: false };
    const call = (name: string) => () =>
      tokenOk.current ? Promise.resolve(name) : Promise.reject(new GatewayUnauthorizedError('Position/closeContract'));
    const first = session.authed(call('first'));
    const second = session.authed(call('second'));
    await flushMicrotasks();
    expect(calls.loginKey).toBe(1);
    tokenOk.current = true;
    login.resolve(jwt(T0 + 60 * MINUTE));
    await expect(Promise.all([first, second])).resolves.toEqual(['first', 'second']);
    expect(calls.loginKey).toBe(1);
  });

  it('reports the session logged out when the new login fails, and fails the calls waiting for it', async () => {
    const { session, logins, reports } = setup();
    logins.push(() => Promise.reject(new Error('Auth/loginKey: rejected with InvalidCredentials (3)')));
    const refused = () => Promise.reject(new GatewayUnauthorizedError('Order/cancel'));
    const calls = [session.authed(refused), session.authed(refused)];
    await expect(Promise.all(calls)).rejects.toThrow('InvalidCredentials');
    await Promise.allSettled(calls);
    expect(reports.loggedOut).toEqual(['the session could not be renewed: Auth/loginKey: rejected with InvalidCredentials (3)']);
  });
});
