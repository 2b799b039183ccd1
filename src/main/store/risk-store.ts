/** Repositories over the SQLite store: prepared once, synchronous, one transaction per decision. */
import type { Fill } from '../../shared/domain';
import type { AuditEntry, LockoutKind } from '../../shared/contract';
import type { StoredFill } from '../engine/week-totals';
import type { Db } from './database';
import { readMeta, writeMeta } from './meta';
import { SEALED_META_KEYS, type SealedTable } from './record-chain';
import type { Records } from './records';

/** An override's grant and the audit row of its approval are written within the same unlock request. */
const APPROVAL_WINDOW_MS = 60_000;

export type ActionStatus = 'sent' | 'done' | 'not_needed' | 'failed' | 'dry_run';

/** An action recorded 'sent' whose answer was never recorded: the process ended in between. */
export interface InterruptedAction {
  id: number;
  sentAt: string;
  accountId: number;
  ruleId: string;
  action: string;
  target: string;
}

export interface LockoutRecord {
  id: number;
  accountId: number;
  kind: LockoutKind;
  ruleId: string;
  reason: string;
  since: string;
  until: string | null;
}

/** An administrator's suspension: the rule that locked may not lock the account again until `until`. */
export interface AdminOverride {
  accountId: number;
  ruleId: string;
  until: string;
}

/** An administrator's unlock as stored: a suspension, or a resume with the figures its fresh limit counts from. */
export interface OverrideRecord extends AdminOverride {
  mode: 'suspend' | 'resume';
  grantedAt: string;
  reason: string;
  /** Resume only: the engine's Baseline, as stored JSON reads back. */
  baseline: { at: number; value: number; realized: number; unrealized: number; trades: number } | null;
}

interface OverrideRow {
  account_id: number;
  rule_id: string;
  mode: 'suspend' | 'resume';
  granted_at: string;
  until: string;
  reason: string;
  baseline: string | null;
}

interface LockoutRow {
  id: number;
  account_id: number;
  kind: LockoutKind;
  rule_id: string;
  reason: string;
  since: string;
  until: string | null;
}

/**
 * Lockouts, admin overrides and audit rows are sealed in the transaction that writes them
 * (record-chain.ts); a row written any other way shows at the next start (records.ts).
 */
export class RiskStore {
  private readonly statements;

  constructor(
    private readonly db: Db,
    private readonly records: Pick<Records, 'chain' | 'sealed'>,
  ) {
    this.statements = {
      insertFill: db.prepare(
        `INSERT OR IGNORE INTO fills (id, account_id, contract_id, order_id, ts, price, size, profit_and_loss, fees, trading_day)
         VALUES (@id, @accountId, @contractId, @orderId, @timestamp, @price, @size, @profitAndLoss, @fees, @tradingDay)`,
      ),
      fillsOfDays: db.prepare(
        `SELECT order_id AS orderId, profit_and_loss AS profitAndLoss, fees, trading_day AS tradingDay
         FROM fills WHERE account_id = ? AND trading_day >= ? AND trading_day < ? ORDER BY id`,
      ),
      insertViolation: db.prepare(
        `INSERT INTO violations (ts, account_id, rule_id, rule_name, message, value, limit_value)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ),
      insertAction: db.prepare(
        `INSERT INTO enforcement_actions (ts, account_id, rule_id, action, target, status, detail) VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ),
      updateAction: db.prepare(`UPDATE enforcement_actions SET status = ?, detail = COALESCE(?, detail) WHERE id = ?`),
      sentActions: db.prepare(
        `SELECT id, ts AS sentAt, account_id AS accountId, rule_id AS ruleId, action, target FROM enforcement_actions WHERE status = 'sent' ORDER BY id`,
      ),
      interruptAction: db.prepare(
        `UPDATE enforcement_actions SET status = 'interrupted', detail = COALESCE(detail || ' — ', '') || ? WHERE id = ? AND status = 'sent'`,
      ),
      insertLockout: db.prepare(`INSERT INTO lockouts (account_id, kind, rule_id, reason, since, until) VALUES (?, ?, ?, ?, ?, ?)`),
      clearLockout: db.prepare(`UPDATE lockouts SET cleared_at = ?, cleared_by = ? WHERE id = ? AND cleared_at IS NULL`),
      activeLockouts: db.prepare(
        `SELECT id, account_id, kind, rule_id, reason, since, until FROM lockouts WHERE cleared_at IS NULL ORDER BY id`,
      ),
      insertOverride: db.prepare(
        `INSERT INTO admin_overrides (account_id, rule_id, granted_at, until, reason, mode, baseline) VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ),
      overridesInForce: db.prepare(
        `SELECT account_id, rule_id, mode, granted_at, until, reason, baseline FROM admin_overrides WHERE until > ? ORDER BY id`,
      ),
      latestAudit: db.prepare(
        `SELECT id, ts AS at, actor, action, account_id AS accountId, detail FROM audit_log ORDER BY id DESC LIMIT ?`,
      ),
      insertAudit: db.prepare(`INSERT INTO audit_log (ts, actor, action, account_id, detail) VALUES (?, ?, ?, ?, ?)`),
      auditDetails: db.prepare(`SELECT detail FROM audit_log WHERE action = ? AND ts >= ? ORDER BY id`).pluck(),
      approvals: db.prepare(`SELECT ts FROM audit_log WHERE account_id = ? AND action = 'unlock approved'`).pluck(),
      metaRowid: db.prepare(`SELECT rowid FROM meta WHERE key = ?`).pluck(),
      getRuleState: db.prepare(`SELECT state FROM rule_state WHERE account_id = ? AND rule_id = ?`).pluck(),
      setRuleState: db.prepare(
        `INSERT INTO rule_state (account_id, rule_id, state) VALUES (?, ?, ?) ON CONFLICT (account_id, rule_id) DO UPDATE SET state = excluded.state`,
      ),
    };
  }

  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  recordFill(fill: Fill, tradingDay: string): void {
    this.statements.insertFill.run({ ...fill, tradingDay });
  }

  /** The account's fills booked on trading days from `firstDay` up to, not including, `beforeDay` ("2026-11-23"): a week's earlier days. */
  fillsOfDays(accountId: number, firstDay: string, beforeDay: string): StoredFill[] {
    return this.statements.fillsOfDays.all(accountId, firstDay, beforeDay) as StoredFill[];
  }

  recordViolation(
    at: string,
    v: { accountId: number; ruleId: string; ruleName: string; message: string; value: number; limit: number },
  ): void {
    this.statements.insertViolation.run(at, v.accountId, v.ruleId, v.ruleName, v.message, v.value, v.limit);
  }

  recordAction(
    at: string,
    a: { accountId: number; ruleId: string; action: string; target: string; status: ActionStatus; detail?: string },
  ): number {
    return Number(
      this.statements.insertAction.run(at, a.accountId, a.ruleId, a.action, a.target, a.status, a.detail ?? null).lastInsertRowid,
    );
  }

  updateAction(id: number, status: ActionStatus, detail: string | null): void {
    this.statements.updateAction.run(status, detail, id);
  }

  /**
   * Marks every action still 'sent' as 'interrupted', adding `why` to its detail, and returns them.
   * Only at start, before anything is sent: a 'sent' row then has no call in flight.
   */
  interruptSentActions(why: string): InterruptedAction[] {
    return this.transaction(() => {
      const sent = this.statements.sentActions.all() as InterruptedAction[];
      for (const action of sent) this.statements.interruptAction.run(why, action.id);
      return sent;
    });
  }

  saveLockout(lock: Omit<LockoutRecord, 'id'>): LockoutRecord {
    const id = this.sealed('lockouts', () =>
      Number(
        this.statements.insertLockout.run(lock.accountId, lock.kind, lock.ruleId, lock.reason, lock.since, lock.until).lastInsertRowid,
      ),
    );
    return { id, ...lock };
  }

  clearLockout(id: number, at: string, by: string): void {
    this.transaction(() => {
      if (this.statements.clearLockout.run(at, by, id).changes > 0) this.records.chain.seal('lockouts', id);
    });
    this.records.sealed();
  }

  activeLockouts(): LockoutRecord[] {
    return (this.statements.activeLockouts.all() as LockoutRow[]).map((row) => ({
      id: row.id,
      accountId: row.account_id,
      kind: row.kind,
      ruleId: row.rule_id,
      reason: row.reason,
      since: row.since,
      until: row.until,
    }));
  }

  saveOverride(override: OverrideRecord): void {
    const { accountId, ruleId, grantedAt, until, reason, mode, baseline } = override;
    this.sealed('admin_overrides', () =>
      Number(
        this.statements.insertOverride.run(accountId, ruleId, grantedAt, until, reason, mode, baseline ? JSON.stringify(baseline) : null)
          .lastInsertRowid,
      ),
    );
  }

  /** Every override in force at `at`, suspended or resumed, oldest first. */
  overridesInForce(at: string): OverrideRecord[] {
    return (this.statements.overridesInForce.all(at) as OverrideRow[]).map((row) => ({
      accountId: row.account_id,
      ruleId: row.rule_id,
      mode: row.mode,
      grantedAt: row.granted_at,
      until: row.until,
      reason: row.reason,
      baseline: row.baseline === null ? null : (JSON.parse(row.baseline) as OverrideRecord['baseline']),
    }));
  }

  /** State a rule keeps between events that must survive a restart (JSON). */
  ruleState(accountId: number, ruleId: string): unknown {
    const text = this.statements.getRuleState.get(accountId, ruleId) as string | undefined;
    return text === undefined ? null : JSON.parse(text);
  }

  setRuleState(accountId: number, ruleId: string, state: unknown): void {
    this.statements.setRuleState.run(accountId, ruleId, JSON.stringify(state));
  }

  meta(key: string): string | null {
    return readMeta(this.db, key);
  }

  /** The keys a restart must not loosen (SEALED_META_KEYS) are sealed as they are written. */
  setMeta(key: string, value: string): void {
    if (!(SEALED_META_KEYS as readonly string[]).includes(key)) {
      writeMeta(this.db, key, value);
      return;
    }
    this.sealed('meta', () => {
      writeMeta(this.db, key, value);
      return this.statements.metaRowid.get(key) as number;
    });
  }

  audit(at: string, actor: string, action: string, accountId: number | null, detail: string | null): void {
    this.sealed('audit_log', () => Number(this.statements.insertAudit.run(at, actor, action, accountId, detail).lastInsertRowid));
  }

  /** Whether an "unlock approved" audit row of the account was written within a minute of `at` (an override's grant). */
  approvedAround(accountId: number, at: string): boolean {
    const grant = Date.parse(at);
    return this.statements.approvals.all(accountId).some((ts) => Math.abs(grant - Date.parse(ts as string)) <= APPROVAL_WINDOW_MS);
  }

  /**
   * Writes a row of a sealed table and seals it in one transaction. The head follows shortly for what
   * can loosen (locks, overrides, the config in force); audit rows wait for the periodic checkpoint.
   */
  private sealed(table: SealedTable, write: () => number): number {
    const id = this.transaction(() => {
      const written = write();
      this.records.chain.seal(table, written);
      return written;
    });
    if (table !== 'audit_log') this.records.sealed();
    return id;
  }

  /** The details of the audit rows of `action` written since `since`, oldest first. */
  auditDetails(action: string, since: string): string[] {
    return this.statements.auditDetails.all(action, since) as string[];
  }

  /** The newest audit entries first. */
  latestAudit(limit: number): AuditEntry[] {
    return this.statements.latestAudit.all(limit) as AuditEntry[];
  }
}
