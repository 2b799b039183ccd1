/**
 * The config in force and its hot reload: a refused file leaves the config in force and says why;
 * a valid one applies its tightenings at once and holds its loosenings until the next reset.
 */
import { stringify } from 'yaml';
import type { ConfigView, Snapshot } from '../../shared/contract';
import { ConfigError, loadConfigFile } from '../config/loader';
import type { RiskConfig } from '../config/schema';
import { splitChange } from '../config/strictness';
import { RuleEngine } from '../engine/rule-engine';
import { NO_OVERRIDES, type OverrideLookup } from '../engine/rule-overrides';
import { armRules } from '../engine/rules';
import type { Journal } from '../enforcement/journal';
import type { Clock } from '../schedule/clock';
import type { LockCalendar } from '../schedule/lock-end';
import type { RiskStore } from '../store/risk-store';

export interface ConfigInForceDeps {
  store: RiskStore;
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
    config: RiskConfig,
    /** Where the config came from; null = built-in defaults. */
    file: string | null,
  ) {
    this.inForce = this.target = config;
    this.status = { file, error: null, pendingAtReset: [] };
    ({ engine: this.armedEngine, calendar: this.lockCalendar } = arm(config, this.deps.overrides));
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
    const { store, journal } = this.deps;
    const at = new Date(this.deps.clock.now()).toISOString();
    let next: RiskConfig;
    try {
      next = loadConfigFile(file);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      this.status = { ...this.status, error: error.message };
      store.audit(at, 'config', 'reload refused', null, error.message);
      journal.add('config', null, 'Config change refused — the previous config stays in force', error.message);
      return;
    }
    const { effective, pending } = splitChange(this.inForce, next);
    this.target = next;
    this.enforce(effective);
    this.status = { file, error: null, pendingAtReset: pending };
    const detail = pending.length ? `pending at reset: ${pending.join('; ')}` : 'all changes in force';
    store.audit(at, 'config', 'reload', null, detail);
    journal.add('config', null, 'Config reloaded', detail);
  }

  /** At the daily reset: the loosenings held since a reload come into force. */
  applyHeld(): void {
    if (this.status.pendingAtReset.length === 0) return;
    this.enforce(this.target);
    this.deps.journal.add('config', null, 'Held config changes now in force', this.status.pendingAtReset.join('; '));
    this.status = { ...this.status, pendingAtReset: [] };
  }

  private enforce(config: RiskConfig): void {
    if (JSON.stringify(config) === JSON.stringify(this.inForce)) return;
    this.inForce = config;
    ({ engine: this.armedEngine, calendar: this.lockCalendar } = arm(config, this.deps.overrides));
    this.deps.onChange(config);
  }
}

function arm(config: RiskConfig, overrides: OverrideLookup = NO_OVERRIDES): { engine: RuleEngine; calendar: LockCalendar } {
  const { rules, session } = armRules(config);
  return {
    engine: new RuleEngine(rules, overrides),
    calendar: { schedule: { timezone: config.timezone, resetTime: config.daily_reset }, session },
  };
}
