/**
 * AdminUnlock over the real lock book and store; only the OS prompt (the process boundary) is
 * scripted, and held open where a test needs something to happen while it is on screen.
 */
import { describe, expect, it, vi } from 'vitest';
import type { ElevationOutcome, ElevationRequest, Elevator } from '../../../src/main/elevation/elevator';
import type { Journal } from '../../../src/main/enforcement/journal';
import { Lockouts } from '../../../src/main/enforcement/lockouts';
import { RuleOverrides } from '../../../src/main/engine/rule-overrides';
import { AdminUnlock } from '../../../src/main/service/admin-unlock';
import { FakeClock } from '../../helpers/fake-clock';
import { openTestStore } from '../../helpers/store';
import { recorderOf } from './recorder-of';

const T0 = Date.parse('2026-11-24T15:00:00Z');
const RESET = Date.parse('2026-11-24T23:00:00Z');
const calendar = { schedule: { timezone: 'America/Chicago', resetTime: '17:00' }, session: null };
const ACCOUNT = 7001;

/** The OS prompt, held open until the test answers it. */
class HeldPrompt implements Elevator {
  readonly name = 'scripted prompt';
  readonly asked: ElevationRequest[] = [];
  private answer: ((outcome: ElevationOutcome) => void) | null = null;

  elevate(request: ElevationRequest): Promise<ElevationOutcome> {
    this.asked.push(request);
    return new Promise((resolve) => (this.answer = resolve));
  }

  approve(): void {
    this.answer!({ kind: 'approved', proof: 'riskwarden-elevated 00 uid=0' });
  }

  answerWith(kind: 'denied' | 'cancelled' | 'unavailable', message: string): void {
    this.answer!({ kind, message });
  }
}

function setUp() {
  const { store, db } = openTestStore();
  const clock = new FakeClock(T0);
  const lockouts = new Lockouts(store, recorderOf(store), () => calendar);
  const prompt = new HeldPrompt();
  const titles: string[] = [];
  const told: { accountId: number | null; title: string; tone: string | undefined }[] = [];
  const journal: Journal = {
    add: (_kind, accountId, title, _detail, tone) => {
      titles.push(title);
      told.push({ accountId, title, tone });
    },
  };
  const unlocked = vi.fn();
  const unlock = new AdminUnlock({
    elevator: prompt,
    lockouts,
    store,
    journal,
    clock,
    dayEnd: () => RESET,
    overrides: new RuleOverrides([]),
    freshLimit: () => null,
    timeZone: () => 'America/Chicago',
    unlocked,
  });
  const audit = () =>
    db.prepare('SELECT actor, action, account_id AS accountId, detail FROM audit_log WHERE actor = ? ORDER BY id').all('admin') as {
      action: string;
      accountId: number;
      detail: string;
    }[];
  return { store, lockouts, prompt, unlock, audit, titles, told, unlocked };
}

describe('admin unlock', () => {
  it('audits an attempt on an account that is not locked, without asking the OS', async () => {
    const { unlock, prompt, audit } = setUp();
    expect(await unlock.request(ACCOUNT, 'just in case', 'suspend')).toEqual({
      outcome: 'notLocked',
      message: `account ${ACCOUNT} is not locked`,
    });
    expect(prompt.asked).toEqual([]);
    expect(audit()).toEqual([{ actor: 'admin', action: 'unlock not locked', accountId: ACCOUNT, detail: 'reason given: just in case' }]);
  });

  it('audits an attempt made while a prompt is already open, and keeps the first one going', async () => {
    const { unlock, lockouts, prompt, audit } = setUp();
    lockouts.lock(ACCOUNT, { kind: 'untilReset' }, 'RULE-003', 'P&L −550', T0);
    const first = unlock.request(ACCOUNT, 'desk approved', 'suspend');
    expect(await unlock.request(ACCOUNT, 'second click', 'suspend')).toEqual({
      outcome: 'busy',
      message: 'an elevation prompt is already open; answer it first',
    });
    expect(prompt.asked).toHaveLength(1);
    prompt.approve();
    expect((await first).outcome).toBe('approved');
    expect(audit().map((row) => row.action)).toEqual(['unlock busy', 'unlock approved', 'unlock']);
    expect(audit()[0]!.detail).toBe('an elevation prompt was already open; reason given: second click');
  });

  it('lifts only the lock it was asked about: a stronger lock that came while the prompt was open stays, and the result says so', async () => {
    const { unlock, lockouts, prompt, audit, unlocked, store } = setUp();
    lockouts.lock(ACCOUNT, { kind: 'cooldown', durationMs: 15 * 60_000 }, 'RULE-006', 'too many trades', T0);
    const pending = unlock.request(ACCOUNT, 'desk approved', 'suspend');
    lockouts.lock(ACCOUNT, { kind: 'untilAdmin' }, 'RULE-008', 'account balance below the floor', T0 + 1000);
    prompt.approve();
    const result = await pending;
    expect(result).toEqual({
      outcome: 'refused',
      message:
        'The administrator approved, but the lock changed while the prompt was open: a lock until an admin unlock by RULE-008 (account balance below the floor) replaced the cooldown by RULE-006 you asked about. It stays; ask again to unlock it.',
    });
    expect(lockouts.current(ACCOUNT)).toMatchObject({ kind: 'untilAdmin', ruleId: 'RULE-008' });
    expect(store.overridesInForce(new Date(T0).toISOString())).toEqual([]);
    expect(unlocked).not.toHaveBeenCalled();
    expect(audit().map((row) => row.action)).toEqual(['unlock not applied']);
    expect(audit()[0]!.detail).toMatch(
      /^scripted prompt proved elevation .+; the lock changed while the prompt was open: .+ RULE-008 .+ stays/,
    );
  });

  it('lifts only the lock it was asked about: another lock of the same kind and rule is a different lock', async () => {
    const { unlock, lockouts, prompt } = setUp();
    const asked = lockouts.lock(ACCOUNT, { kind: 'cooldown', durationMs: 60_000 }, 'RULE-006', 'too many trades', T0).lock;
    const pending = unlock.request(ACCOUNT, 'desk approved', 'suspend');
    lockouts.expire(T0 + 60_000);
    const next = lockouts.lock(ACCOUNT, { kind: 'cooldown', durationMs: 60_000 }, 'RULE-006', 'too many trades again', T0 + 61_000).lock;
    prompt.approve();
    expect((await pending).outcome).toBe('refused');
    expect(lockouts.current(ACCOUNT)?.id).toBe(next.id);
    expect(next.id).not.toBe(asked.id);
  });

  it('lifts the lock it was asked about when nothing changed while the prompt was open', async () => {
    const { unlock, lockouts, prompt, unlocked, titles } = setUp();
    lockouts.lock(ACCOUNT, { kind: 'untilReset' }, 'RULE-003', 'P&L −550', T0);
    const pending = unlock.request(ACCOUNT, 'desk approved', 'suspend');
    prompt.approve();
    expect((await pending).outcome).toBe('approved');
    expect(prompt.asked).toEqual([{ accountId: ACCOUNT, purpose: `unlock account ${ACCOUNT}` }]);
    expect(lockouts.current(ACCOUNT)).toBeNull();
    expect(unlocked).toHaveBeenCalledOnce();
    expect(titles).toEqual(['Unlocked by an administrator']);
  });

  it('tells an approved unlock as good news', async () => {
    const { unlock, lockouts, prompt, told } = setUp();
    lockouts.lock(ACCOUNT, { kind: 'untilReset' }, 'RULE-003', 'P&L −550', T0);
    const pending = unlock.request(ACCOUNT, 'desk approved', 'suspend');
    prompt.approve();
    await pending;
    expect(told).toEqual([{ accountId: ACCOUNT, title: 'Unlocked by an administrator', tone: 'good' }]);
  });

  it.each([
    ['denied', 'Admin unlock denied: the account stays locked'],
    ['cancelled', 'Admin unlock cancelled: the account stays locked'],
    ['unavailable', 'Admin unlock not available: the account stays locked'],
  ] as const)('tells a prompt that was %s as bad news, in words, and keeps the lock', async (kind, title) => {
    const { unlock, lockouts, prompt, told } = setUp();
    lockouts.lock(ACCOUNT, { kind: 'untilReset' }, 'RULE-003', 'P&L −550', T0);
    const pending = unlock.request(ACCOUNT, 'desk approved', 'suspend');
    prompt.answerWith(kind, 'the administrator said no');
    expect((await pending).outcome).toBe(kind);
    expect(lockouts.current(ACCOUNT)).not.toBeNull();
    expect(told).toEqual([{ accountId: ACCOUNT, title, tone: 'bad' }]);
  });
});
