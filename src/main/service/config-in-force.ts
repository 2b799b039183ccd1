/**
 * The config in force and its hot reload: a refused file leaves the config in force and says why;
 * a valid one applies its tightenings at once and holds its loosenings until the next reset.
 *
 * The config in force is stored with its trading day, so a restart cannot release what is held: at
 * start the given config is compared with the stored one through the same split (tightenings apply,
 * loosenings stay held until the reset); once the stored day is over the given config applies whole.
 */
import { stringify } from 'yaml';
import type { ConfigView, Snapshot } from '../../shared/contract';
import { clip, ConfigError, loadConfigFile } from '../config/loader';
import type { RiskConfig } from '../config/schema';
import { splitChange } from '../config/strictness';
import { RuleEngine } from '../engine/rule-engine';
import { NO_OVERRIDES, type OverrideLookup } from '../engine/rule-overrides';
import { armRules } from '../engine/rules';
import type { Recorder } from '../enforcement/executor';
import type { Journal } from '../enforcement/journal';
import type { Clock } from '../schedule/clock';
import type { LockCalendar } from '../schedule/lock-end';
import { dayLabel, tradingDayAt } from '../schedule/trading-day';
import type { RiskStore } from '../store/risk-store';

/** The meta row holding the config in force and its trading day (StoredConfig as JSON). */
export const CONFIG_IN_FORCE_KEY = 'config_in_force';
/** The most a refusal puts into the snapshot, the timeline and the audit log, in characters. */
const DETAIL_MAX_CHARS = 2000;

interface StoredConfig {
  config: RiskConfig;
  /** The trading day's date, for a reader of the database. */
  tradingDay: string;
  /** When that trading day ends (its reset), ISO: until then what the config holds stays held. */
  dayEnd: string;
}

export interface ConfigInForceDeps {
  /** Read at start; written through `recorder`. */
  store: Pick<RiskStore, 'meta'>;
  recorder: Recorder;
  journal: Journal;
  clock: Clock;
  /** A new config is in force: what depends on it is updated and the accounts judged again. */
  onChange(config: RiskConfig): void;
  /** Administrators' unlocks in force, which every engine armed here reads. */
  overrides?: OverrideLookup;
}

export class ConfigInForce {
  private inForce: RiskConfig;
  /** The latest valid file: in force once the held changes reach the reset. */
  private target: RiskConfig;
  private status: Snapshot['config'];
  private armedEngine: RuleEngine;
  private lockCalendar: LockCalendar;

  constructor(
    private readonly deps: ConfigInForceDeps,
    /** The config given at start (the file's, or the built-in defaults). */
    config: RiskConfig,
    /** Where the config came from; null = built-in defaults. */
    file: string | null,
  ) {
    this.target = config;
    const stored = this.storedToday();
    const { effective, pending } = stored ? splitChange(stored, config) : { effective: config, pending: [] };
    this.inForce = effective;
    this.status = { file, error: null, errorSummary: null, pendingAtReset: pending };
    ({ engine: this.armedEngine, calendar: this.lockCalendar } = arm(effective, this.deps.overrides));
    if (pending.length > 0) {
      const detail = `pending at reset: ${pending.join('; ')}`;
      this.audit('start: loosenings still held', detail);
      deps.journal.add('config', null, 'Config loosenings still held until the daily reset', heldText(pending));
    }
    this.save();
  }

  get config(): RiskConfig {
    return this.inForce;
  }

  get engine(): RuleEngine {
    return this.armedEngine;
  }

  get calendar(): LockCalendar {
    return this.lockCalendar;
  }

  /** The file, the last refused edit and what waits for the reset. */
  get state(): Snapshot['config'] {
    return this.status;
  }

  /** The configuration in force (defaults filled in), with the state. */
  view(): ConfigView {
    return { ...this.status, effective: stringify(this.inForce) };
  }

  applyFile(file: string): void {
    const { journal } = this.deps;
    let next: RiskConfig;
    try {
      next = loadConfigFile(file);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      // Shown in every snapshot and kept in the timeline and the audit log: bounded, whatever the file held.
      const why = clip(error.message, DETAIL_MAX_CHARS);
      this.status = { ...this.status, error: why, errorSummary: error.summary };
      this.audit('reload refused', why);
      journal.add('config', null, 'Config change refused: the previous config stays in force', error.summary, 'bad');
      return;
    }
    const { effective, pending } = splitChange(this.inForce, next);
    this.target = next;
    this.status = { file, error: null, errorSummary: null, pendingAtReset: pending };
    const detail = pending.length ? `pending at reset: ${pending.join('; ')}` : 'all changes in force';
    this.audit('reload', detail);
    // Told before the accounts are judged under it: a tightening that breaks a rule at once shows
    // in the timeline before the breach and the close it causes.
    journal.add('config', null, 'Config reloaded', pending.length ? heldText(pending) : 'Every change is in force now');
    this.enforce(effective);
    this.save();
  }

  /** At the daily reset: the loosenings held since a reload come into force. */
  applyHeld(): void {
    if (this.status.pendingAtReset.length > 0) {
      this.enforce(this.target);
      const applied = this.status.pendingAtReset.map((change) => change.replace(/ at the daily reset$/, ''));
      this.deps.journal.add('config', null, 'Held config changes now in force', `${applied.join('; ')}`, 'good');
      this.status = { ...this.status, pendingAtReset: [] };
    }
    // The new trading day starts with this config, held or not.
    this.save();
  }

  /** The config stored as in force, if its trading day is not over; null when none is, or it cannot be read. */
  private storedToday(): RiskConfig | null {
    const { store, journal } = this.deps;
    const text = store.meta(CONFIG_IN_FORCE_KEY);
    if (text === null) return null;
    let stored: StoredConfig;
    try {
      stored = JSON.parse(text) as StoredConfig;
      const dayEnd = Date.parse(stored.dayEnd);
      if (!Number.isFinite(dayEnd)) throw new Error(`no trading day end (${clip(String(stored.dayEnd))})`);
      if (this.deps.clock.now() >= dayEnd) return null;
      // A config this version cannot arm, or whose trading day it cannot compute, is not one to keep in force.
      const { calendar } = arm(stored.config);
      tradingDayAt(this.deps.clock.now(), calendar.schedule);
    } catch (error) {
      const detail = `${clip((error as Error).message)}; the config given at start applies whole`;
      this.audit('stored config in force unreadable', detail);
      journal.add('config', null, 'The stored config in force could not be read', detail);
      return null;
    }
    return stored.config;
  }

  /** Stores the config in force with the trading day it is in force for. */
  private save(): void {
    const { timezone } = this.inForce;
    const day = tradingDayAt(this.deps.clock.now(), this.lockCalendar.schedule);
    const stored: StoredConfig = {
      config: this.inForce,
      tradingDay: dayLabel(day, timezone),
      dayEnd: new Date(day.end).toISOString(),
    };
    const text = JSON.stringify(stored);
    this.deps.recorder.write('the config in force', (store) => store.setMeta(CONFIG_IN_FORCE_KEY, text), {
      keep: true,
      key: `meta:${CONFIG_IN_FORCE_KEY}`,
    });
  }

  private audit(action: string, detail: string): void {
    const at = new Date(this.deps.clock.now()).toISOString();
    this.deps.recorder.write(`the config audit record "${action}"`, (store) => store.audit(at, 'config', action, null, detail));
  }

  private enforce(config: RiskConfig): void {
    if (JSON.stringify(config) === JSON.stringify(this.inForce)) return;
    this.inForce = config;
    ({ engine: this.armedEngine, calendar: this.lockCalendar } = arm(config, this.deps.overrides));
    this.deps.onChange(config);
  }
}

/** What a reload holds back, in words: "These changes wait for the daily reset: Max contracts: 5 → 8". */
function heldText(pending: readonly string[]): string {
  const changes = pending.map((change) => change.replace(/ at the daily reset$/, ''));
  return `These changes wait for the daily reset: ${changes.join('; ')}`;
}

function arm(config: RiskConfig, overrides: OverrideLookup = NO_OVERRIDES): { engine: RuleEngine; calendar: LockCalendar } {
  const { rules, session } = armRules(config);
  return {
    engine: new RuleEngine(rules, overrides),
    calendar: { schedule: { timezone: config.timezone, resetTime: config.daily_reset }, session },
  };
}
