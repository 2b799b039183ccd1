/**
 * What the tray shows for a snapshot: one of four icons and a tooltip with today's P&L and the
 * lock state, and any rule an administrator suspended. A lock outranks everything (it is still
 * enforced after a reconnect), then a gateway that is not live, then any rule on the warning
 * ladder (a step of its own ladder reached; none with `warnings: off`), breached or suspended. Where the platform caps the tooltip
 * (Windows: WINDOWS_TOOLTIP_MAX) it is cut between words, most important facts first.
 */
import type { AccountView, ConnectionState, Snapshot } from '../../shared/contract';
import { signedMoney } from '../../shared/money';
import { wallClock } from '../../shared/time-format';

export type TrayIcon = 'ok' | 'warning' | 'locked' | 'disconnected';

export interface TrayState {
  icon: TrayIcon;
  tooltip: string;
}

export interface TrayView extends TrayState {
  /** The hover text: the menu lines joined, or with `maxTooltip` fitted to that many characters. */
  tooltip: string;
  /** The heading and one line per account, complete and in account order (the tray menu shows them). */
  menu: string[];
}

export interface TrayStateOptions {
  /** Longest tooltip the platform shows, in UTF-16 code units; WINDOWS_TOOLTIP_MAX on Windows. */
  maxTooltip?: number;
}

/**
 * Windows keeps a tray tooltip in NOTIFYICONDATAW.szTip, 128 WCHARs including the terminating
 * null (Shell_NotifyIcon docs: "a maximum of 128 characters, including the terminating null
 * character"). Electron's NotifyIcon::SetToolTip (shell/browser/ui/win/notify_icon.cc) converts the
 * text to UTF-16 and copies at most N - 1 = 127 code units (CopyStringToBuf), silently dropping the
 * rest mid-word (electron/electron#3290: longer tooltips once crashed the app on Windows).
 * JavaScript string length counts the same UTF-16 code units.
 */
export const WINDOWS_TOOLTIP_MAX = 127;

const CONNECTION_LABEL: Record<ConnectionState, string> = {
  connecting: 'connecting to the gateway',
  live: 'live',
  reconnecting: 'gateway connection lost, reconnecting',
  stale: 'market data stale',
  loggedOut: 'logged out by the gateway',
  failed: 'gateway connection failed',
};

export function trayState(snapshot: Snapshot | null, options: TrayStateOptions = {}): TrayView {
  if (!snapshot) {
    const heading = 'Risk Warden — starting';
    return { icon: 'disconnected', tooltip: options.maxTooltip ? fitTooltip(heading, [], options.maxTooltip) : heading, menu: [heading] };
  }
  const { accounts, connection, tradingDay } = snapshot;
  const facts = accounts.map((account) => {
    const lock = account.lockout;
    const lockText = lockState(account, tradingDay.timezone, Date.parse(snapshot.generatedAt));
    const pnlText = `${signedMoney(account.pnl.total)} today`;
    // A cut tooltip names a lock before the P&L, so that a line cut short still says LOCKED.
    return { line: `${account.name}: ${pnlText} · ${lockText}`, lockFirst: lock ? `${account.name}: ${lockText} · ${pnlText}` : null };
  });
  const lines = facts.map((fact) => fact.line);
  const icon = iconOf(accounts, connection.state);
  const heading = `Risk Warden${snapshot.mode === 'demo' ? ' (demo)' : ''}${snapshot.enforcementMode === 'dry_run' ? ' — DRY RUN' : ''} — ${CONNECTION_LABEL[connection.state]}`;
  const menu = [heading, ...(lines.length ? lines : ['no accounts yet'])];
  const full = menu.join('\n');
  if (!options.maxTooltip || full.length <= options.maxTooltip) return { icon, tooltip: full, menu };
  // Cut: locked accounts first (their lock before their P&L), then those with a rule at warning or
  // breached, then the rest; the menu keeps every line whole.
  const byImportance = accounts
    .map((account, index) => ({ rank: rank(account), index }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index);
  const important = byImportance.map(({ index }) => facts[index]!.lockFirst ?? facts[index]!.line);
  return { icon, tooltip: fitTooltip(heading, important.length ? important : menu.slice(1), options.maxTooltip), menu };
}

function lockState(account: AccountView, timeZone: string, now: number): string {
  const lock = account.lockout;
  if (!lock) return ['trading allowed', ...suspensions(account)].join(' · ');
  if (lock.until) return `LOCKED until ${lock.untilText ?? wallClock(lock.until, timeZone, now)} (${lock.ruleId})`;
  return `LOCKED until admin unlock (${lock.ruleId})`;
}

/** "Daily realized loss suspended until 17:00 CST (admin unlock at 10:42 CST, reason: …)" for each rule an administrator suspended. */
function suspensions(account: AccountView): string[] {
  return account.rules.flatMap((rule) => (rule.override?.mode === 'suspended' ? [`${rule.title} ${rule.override.text}`] : []));
}

/** A rule on the warning ladder (any step reached), breached or suspended. */
function atRisk(account: AccountView): boolean {
  return account.rules.some((r) => r.state === 'warning' || r.state === 'breached' || r.state === 'suspended');
}

/** Locked by a lock in force, or by a rule whose card says it locked the account. */
function isLocked(account: AccountView): boolean {
  return account.lockout !== null || account.rules.some((r) => r.state === 'locked');
}

function iconOf(accounts: readonly AccountView[], connection: ConnectionState): TrayIcon {
  if (accounts.some(isLocked)) return 'locked';
  if (connection !== 'live') return 'disconnected';
  if (accounts.some(atRisk)) return 'warning';
  return 'ok';
}

/** Where an account comes in a cut tooltip: locked, then at risk, then the rest. */
function rank(account: AccountView): number {
  if (isLocked(account)) return 0;
  if (atRisk(account)) return 1;
  return 2;
}

const ELLIPSIS = '…';
/** Below this even the heading's first words cannot be shown whole. */
export const MIN_TOOLTIP = 16;

/**
 * The heading and as many of `facts` (most important first) as fit in `max` UTF-16 code units,
 * one per line. Text is only ever cut between words: the last fact shown may end in "…" (if at
 * least two of its words fit), and a last line "+N more" counts the facts left out entirely.
 * Returns the text unchanged when it fits.
 */
export function fitTooltip(heading: string, facts: readonly string[], max: number): string {
  if (max < MIN_TOOLTIP) throw new RangeError(`a tooltip needs at least ${MIN_TOOLTIP} characters, got ${max}`);
  const whole = [heading, ...facts].join('\n');
  if (whole.length <= max) return whole;
  const marker = (left: number) => (left > 0 ? [`+${left} more`] : []);
  const fits = (lines: string[]) => lines.join('\n').length <= max;
  // The heading is cut only if it does not fit beside the shortest possible rest, "+N more"; once
  // the rest is known it takes whatever room is left.
  const headingCut = !fits([heading, ...marker(facts.length)]);
  const head = headingCut ? cutWords(heading, max - (facts.length ? `\n+${facts.length} more`.length : 0), 1) : heading;
  const finish = (rest: string[]) => {
    if (!headingCut) return [heading, ...rest].join('\n');
    const room = max - rest.reduce((total, line) => total + 1 + line.length, 0);
    return [heading.length <= room ? heading : cutWords(heading, room, 1), ...rest].join('\n');
  };
  const kept: string[] = [];
  for (let i = 0; i < facts.length; i += 1) {
    const fact = facts[i]!;
    const after = facts.length - i - 1;
    if (fits([head, ...kept, fact, ...marker(after)])) {
      kept.push(fact);
      continue;
    }
    // The fact does not fit whole: show its first words if two or more fit, else count it as left out.
    const room = max - [head, ...kept, '', ...marker(after)].join('\n').length;
    const partial = cutWords(fact, room, 2);
    return finish(partial ? [...kept, partial, ...marker(after)] : [...kept, ...marker(after + 1)]);
  }
  return finish(kept);
}

/**
 * The longest run of `text`'s first words that, with "…", fits in `room`, keeping at least
 * `minWords` words; a separator left dangling at the cut (· — : ,) is dropped. '' when none fits.
 */
function cutWords(text: string, room: number, minWords: number): string {
  const words = text.split(' ');
  for (let count = words.length - 1; count >= minWords; count -= 1) {
    const cut = `${words
      .slice(0, count)
      .join(' ')
      .replace(/[\s·—:,]+$/u, '')}${ELLIPSIS}`;
    if (cut.length <= room) return cut;
  }
  return '';
}
