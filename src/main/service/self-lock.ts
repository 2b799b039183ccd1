/**
 * The self-lockout: "lock me out until …". The trader picks the end (the end of the trading day, the
 * next session start, N hours, or a wall time in the trading timezone); main sets it from the
 * service's clock, says it in words before the trader confirms, then flattens and locks every chosen
 * account until then ('SELF-LOCK', an untilTime lock). Only an admin unlock lifts it early.
 */
import type { SelfLockPreview, SelfLockRequest, SelfLockUntil } from '../../shared/contract';
import { symbolOf, type ContractLookup } from '../../shared/symbols';
import { SELF_LOCK } from '../enforcement/lock-sources';
import type { AccountExposure } from '../enforcement/planner';
import type { Clock } from '../schedule/clock';
import { lockEnd, type LockCalendar } from '../schedule/lock-end';
import { lockEndText } from '../schedule/lock-end-text';
import { addDays, utcOfWallTime, wallTimeAt } from '../schedule/timezone';
import type { FlattenAndLock } from './flatten-and-lock';

const HOUR_MS = 3_600_000;
/** How far the end may move between the preview and the confirm (a choice of hours moves by the seconds it took to read). */
const PREVIEW_DRIFT_MS = 5 * 60_000;
/** The furthest a self-lockout may end: a week, so a typo cannot lock an account for a month. */
export const MAX_SELF_LOCK_MS = 7 * 24 * HOUR_MS;

/** A self-lockout main will not write, with why in words. */
export class SelfLockRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/**
 * When the chosen self-lockout ends (epoch ms). A wall time already passed today (or now) means that
 * time tomorrow: the preview names the day, so the trader sees it before confirming.
 */
export function selfLockEnd(until: SelfLockUntil, now: number, calendar: LockCalendar): number {
  const end = endOf(until, now, calendar);
  if (end <= now) throw new SelfLockRefused('That time has already passed: choose a later end');
  if (end - now > MAX_SELF_LOCK_MS) {
    const text = lockEndText(end, now, calendar.schedule.timezone, 'untilTime');
    throw new SelfLockRefused(`A self-lockout lasts at most 7 days; ${text} is further away: choose an earlier end`);
  }
  return end;
}

function endOf(until: SelfLockUntil, now: number, calendar: LockCalendar): number {
  switch (until.kind) {
    case 'endOfDay':
      return lockEnd({ kind: 'untilReset' }, now, calendar)!;
    case 'nextSession':
      return lockEnd({ kind: 'untilSessionStart' }, now, calendar)!;
    case 'hours':
      return now + until.hours * HOUR_MS;
    case 'time': {
      const zone = calendar.schedule.timezone;
      const [hour, minute] = until.at.split(':').map(Number) as [number, number];
      const today = { ...wallTimeAt(now, zone), hour, minute };
      const at = utcOfWallTime(today, zone);
      return at > now ? at : utcOfWallTime(addDays(today, 1), zone);
    }
  }
}

/** A guarded account as the self-lockout reads it: its exposure and its name. */
export interface GuardedAccount extends AccountExposure {
  account: { name: string };
}

export interface SelfLockDeps {
  flatten: FlattenAndLock;
  /** The accounts Risk Warden guards. */
  accounts(): Iterable<GuardedAccount>;
  calendar(): LockCalendar;
  clock: Clock;
  /** For the symbols the preview names. */
  contracts: ContractLookup;
  /** The locks changed: show them. */
  changed(): void;
}

export class SelfLock {
  constructor(private readonly deps: SelfLockDeps) {}

  preview(request: SelfLockRequest): SelfLockPreview {
    const now = this.deps.clock.now();
    const until = selfLockEnd(request.until, now, this.deps.calendar());
    const accounts = this.chosen(request.accountIds);
    const alreadyLocked = accounts.flatMap((account) => {
      const lock = this.deps.flatten.lockInForce(account.id);
      return lock ? [`${account.account.name} is already locked by ${this.deps.flatten.lockWords(lock, now)}`] : [];
    });
    return {
      until: new Date(until).toISOString(),
      untilText: this.untilText(until, now),
      accounts: accounts.map((a) => a.account.name),
      closes: accounts.flatMap((account) => this.exposureWords(account)),
      alreadyLocked,
    };
  }

  lock(request: SelfLockRequest): { message: string } {
    const now = this.deps.clock.now();
    const until = selfLockEnd(request.until, now, this.deps.calendar());
    if (request.previewedUntil !== undefined && Math.abs(until - Date.parse(request.previewedUntil)) > PREVIEW_DRIFT_MS) {
      const seen = this.untilText(Date.parse(request.previewedUntil), now);
      throw new Error(`Not locked: the end is now ${this.untilText(until, now)}, not ${seen} as shown. Look at it again and confirm.`);
    }
    const accounts = this.chosen(request.accountIds);
    const untilText = this.untilText(until, now);
    const names = accounts.map((a) => a.account.name).join(', ');
    const outcomes = this.deps.flatten.apply(
      accounts,
      { kind: 'untilTime', at: until },
      SELF_LOCK,
      `You locked yourself out until ${untilText}; only an administrator can unlock early`,
      now,
      { action: 'self-lockout', detail: `self-lockout until ${untilText} (${describeUntil(request.until)}): ${names}` },
    );
    this.deps.changed();
    const kept = outcomes.filter((o) => !o.created);
    const name = (accountId: number) => accounts.find((a) => a.id === accountId)!.account.name;
    const locked = outcomes.length - kept.length;
    const parts = [
      locked > 0 ? `Locked until ${untilText}; positions closed and orders cancelled.` : 'Positions closed and orders cancelled.',
      ...kept.map((o) => `${name(o.accountId)} was ${this.deps.flatten.keptWords(o.lock, now)}.`),
    ];
    return { message: parts.join(' ') };
  }

  /** The end as the lock banner will say it (a chosen time names no skipped day). */
  private untilText(until: number, now: number): string {
    return lockEndText(until, now, this.deps.calendar().schedule.timezone, 'untilTime');
  }

  /** The accounts asked for (none: every guarded one); an id Risk Warden does not guard is refused. */
  private chosen(accountIds: readonly number[]): GuardedAccount[] {
    const guarded = [...this.deps.accounts()];
    if (guarded.length === 0) throw new SelfLockRefused('No account is guarded yet: wait until Risk Warden is connected');
    if (accountIds.length === 0) return guarded;
    return accountIds.map((id) => {
      const account = guarded.find((a) => a.id === id);
      if (!account) throw new SelfLockRefused(`Account ${id} is not one Risk Warden guards`);
      return account;
    });
  }

  /** "PRAC-1: close MNQ (2 long), ES (1 short); cancel 3 orders", or nothing for a flat account without orders. */
  private exposureWords(account: GuardedAccount): string[] {
    const positions = account.positions().map((p) => {
      const symbol = symbolOf(this.deps.contracts, p.contractId);
      return `${symbol} (${Math.abs(p.size)} ${p.size > 0 ? 'long' : 'short'})`;
    });
    const orders = account.workingOrders().length;
    const parts = [
      ...(positions.length > 0 ? [`close ${positions.join(', ')}`] : []),
      ...(orders > 0 ? [`cancel ${orders} order${orders === 1 ? '' : 's'}`] : []),
    ];
    return parts.length === 0 ? [] : [`${account.account.name}: ${parts.join('; ')}`];
  }
}

/** The trader's choice as the audit log records it. */
function describeUntil(until: SelfLockUntil): string {
  switch (until.kind) {
    case 'endOfDay':
      return 'the end of the trading day';
    case 'nextSession':
      return 'the next session start';
    case 'hours':
      return `${until.hours} hour${until.hours === 1 ? '' : 's'}`;
    case 'time':
      return `chosen time ${until.at}`;
  }
}
