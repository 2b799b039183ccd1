import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfigFile } from '../../../src/main/config/loader';
import type { RiskConfig } from '../../../src/main/config/schema';
import type { Journal } from '../../../src/main/enforcement/journal';
import { ConfigInForce } from '../../../src/main/service/config-in-force';
import { FakeClock } from '../../helpers/fake-clock';
import { tempDir } from '../../helpers/harness';
import { openTestStore } from '../../helpers/store';
import { recorderOf } from './recorder-of';

const T0 = Date.parse('2026-11-24T15:00:00Z');
const START = 'rules:\n  max_contracts: { limit: 5 }\n  daily_realized_loss: { limit: -500 }\n';

/** Starts with risk-config.yaml holding `yaml`, as RiskService does with the file it was given. */
function setup(yaml = START) {
  const clock = new FakeClock(T0);
  const dir = tempDir();
  const file = path.join(dir, 'risk-config.yaml');
  fs.writeFileSync(file, yaml);
  const { store, db } = openTestStore(dir);
  const entries: string[] = [];
  const journal: Journal = { add: (kind, _accountId, title, detail) => entries.push(`${kind}: ${title} (${detail})`) };
  const changes: RiskConfig[] = [];
  const recorder = recorderOf(store);
  const config = new ConfigInForce(
    { store, recorder, journal, clock, onChange: (next) => void changes.push(next) },
    loadConfigFile(file),
    file,
  );
  /** Risk Warden starts again on the same data (after kill -9: nothing is written at stop) with the file as it is now. */
  const restart = () =>
    new ConfigInForce({ store, recorder, journal, clock, onChange: (next) => void changes.push(next) }, loadConfigFile(file), file);
  const audits = () => db.prepare(`SELECT ts, actor, action, detail FROM audit_log ORDER BY id`).all();
  /** The trader saves the file; the service's file watcher hands it over. */
  const edit = (text: string) => {
    fs.writeFileSync(file, text);
    config.applyFile(file);
  };
  return { clock, file, config, entries, changes, audits, edit, restart, store };
}

describe('config in force', () => {
  it.each([
    ['a half-written file', 'rules:\n  max_contracts: { limit: 3', /^risk-config\.yaml: invalid YAML: Flow map in block collection/],
    [
      'a value out of range',
      'rules:\n  max_contracts: { limit: -1 }\n',
      /^risk-config\.yaml: rules\.max_contracts\.limit must be at least 1, got -1$/,
    ],
    ['a misspelt setting', 'rules:\n  max_contract: { limit: 3 }\n', /^risk-config\.yaml: rules\.max_contract is not a known setting$/],
  ])('refuses %s, says why and keeps the config in force', (_case, text, why) => {
    const { config, entries, changes, audits, edit } = setup();
    const before = config.config;
    const engine = config.engine;
    edit(text);
    expect(config.state.error).toMatch(why);
    expect(config.config).toBe(before);
    expect(config.engine).toBe(engine);
    expect(config.config.rules.max_contracts?.limit).toBe(5);
    expect(changes).toEqual([]);
    expect(audits()).toEqual([{ ts: '2026-11-24T15:00:00.000Z', actor: 'config', action: 'reload refused', detail: config.state.error }]);
    expect(entries).toEqual([`config: Config change refused: the previous config stays in force (${config.state.errorSummary})`]);
    expect(config.state.errorSummary).not.toContain('\n');
    expect(config.state.errorSummary!.startsWith('risk-config.yaml: ')).toBe(true);
  });

  it('refuses a file that cannot be read', () => {
    const { config, file, changes } = setup();
    fs.rmSync(file);
    config.applyFile(file);
    expect(config.state.error).toMatch(/^risk-config\.yaml: cannot be read: ENOENT/);
    expect(config.config.rules.max_contracts?.limit).toBe(5);
    expect(changes).toEqual([]);
  });

  it('clears the refusal once a valid file is saved', () => {
    const { config, edit } = setup();
    edit('rules:\n  max_contracts: { limit: -1 }\n');
    edit('rules:\n  max_contracts: { limit: 4 }\n  daily_realized_loss: { limit: -500 }\n');
    expect(config.state.error).toBeNull();
    expect(config.config.rules.max_contracts?.limit).toBe(4);
  });

  it('tells the reload in the timeline before the accounts are judged under it, so a breach it causes comes after it', () => {
    const { file } = setup();
    const told: string[] = [];
    const { store } = openTestStore(tempDir());
    const config = new ConfigInForce(
      {
        store,
        recorder: recorderOf(store),
        journal: { add: (kind, _accountId, title) => void told.push(`${kind}: ${title}`) },
        clock: new FakeClock(T0),
        // What the service does on a change: judge the accounts, which may break a rule at once.
        onChange: () => void told.push('breach: Max contracts broken'),
      },
      loadConfigFile(file),
      file,
    );
    fs.writeFileSync(file, 'rules:\n  max_contracts: { limit: 2 }\n  daily_realized_loss: { limit: -500 }\n');
    config.applyFile(file);
    expect(told).toEqual(['config: Config reloaded', 'breach: Max contracts broken']);
  });

  it('applies a lower max_contracts limit at once and re-judges with it', () => {
    const { config, file, entries, changes, audits, edit } = setup();
    const engine = config.engine;
    edit('rules:\n  max_contracts: { limit: 2 }\n  daily_realized_loss: { limit: -500 }\n');
    expect(config.config.rules.max_contracts?.limit).toBe(2);
    expect(changes).toEqual([config.config]);
    expect(config.engine).not.toBe(engine);
    expect(config.state).toEqual({ file, error: null, errorSummary: null, pendingAtReset: [] });
    expect(audits()).toEqual([{ ts: '2026-11-24T15:00:00.000Z', actor: 'config', action: 'reload', detail: 'all changes in force' }]);
    expect(entries).toEqual(['config: Config reloaded (Every change is in force now)']);
  });

  it('arms a rule added to the file at once', () => {
    const { config, edit } = setup();
    edit(`${START}  symbol_blocks: { blocked_symbols: [CL] }\n`);
    expect(config.engine.rules.map((r) => r.id)).toContain('RULE-011');
    expect(config.state.pendingAtReset).toEqual([]);
  });

  it('holds a looser daily loss limit until the reset and says so', () => {
    const { config, entries, changes, audits, edit } = setup();
    const engine = config.engine;
    edit('rules:\n  max_contracts: { limit: 5 }\n  daily_realized_loss: { limit: -2000 }\n');
    expect(config.config.rules.daily_realized_loss?.limit).toBe(-500);
    expect(config.engine).toBe(engine);
    expect(changes).toEqual([]);
    expect(config.state.pendingAtReset).toEqual(['Daily realized loss: -$500.00 → -$2,000.00 at the daily reset']);
    expect(audits()).toEqual([
      {
        ts: '2026-11-24T15:00:00.000Z',
        actor: 'config',
        action: 'reload',
        detail: 'pending at reset: Daily realized loss: -$500.00 → -$2,000.00 at the daily reset',
      },
    ]);
    expect(entries).toEqual([
      'config: Config reloaded (These changes wait for the daily reset: Daily realized loss: -$500.00 → -$2,000.00)',
    ]);
  });

  it('applies the tightening of a mixed edit at once and holds its loosening', () => {
    const { config, changes, edit } = setup();
    edit('rules:\n  max_contracts: { limit: 4 }\n  daily_realized_loss: { limit: -2000 }\n');
    expect(config.config.rules.max_contracts?.limit).toBe(4);
    expect(config.config.rules.daily_realized_loss?.limit).toBe(-500);
    expect(changes).toHaveLength(1);
    expect(config.state.pendingAtReset).toEqual(['Daily realized loss: -$500.00 → -$2,000.00 at the daily reset']);
  });

  it('puts the held loosening in force at the reset and clears what was pending', () => {
    const { config, entries, changes, edit } = setup();
    edit('rules:\n  max_contracts: { limit: 5 }\n  daily_realized_loss: { limit: -2000 }\n');
    config.applyHeld();
    expect(config.config.rules.daily_realized_loss?.limit).toBe(-2000);
    expect(changes).toEqual([config.config]);
    expect(config.state.pendingAtReset).toEqual([]);
    expect(entries.at(-1)).toBe('config: Held config changes now in force (Daily realized loss: -$500.00 → -$2,000.00)');
  });

  it('holds a new reset time until the reset, then puts it in the calendar', () => {
    const { config, edit } = setup();
    edit(`daily_reset: '16:00'\n${START}`);
    expect(config.state.pendingAtReset).toEqual(['Trading day: daily reset 17:00 → 16:00 at the daily reset']);
    expect(config.calendar.schedule).toEqual({ timezone: 'America/Chicago', resetTime: '17:00' });
    config.applyHeld();
    expect(config.calendar.schedule).toEqual({ timezone: 'America/Chicago', resetTime: '16:00' });
  });

  it('keeps what is held when a later edit is refused', () => {
    const { config, edit } = setup();
    edit('rules:\n  max_contracts: { limit: 5 }\n  daily_realized_loss: { limit: -2000 }\n');
    edit('rules:\n  max_contracts: { limit: -1 }\n');
    expect(config.state.pendingAtReset).toEqual(['Daily realized loss: -$500.00 → -$2,000.00 at the daily reset']);
    config.applyHeld();
    expect(config.config.rules.daily_realized_loss?.limit).toBe(-2000);
  });

  it('holds nothing once the loosening is taken back before the reset', () => {
    const { config, changes, edit } = setup();
    edit('rules:\n  max_contracts: { limit: 5 }\n  daily_realized_loss: { limit: -2000 }\n');
    edit(START);
    expect(config.state.pendingAtReset).toEqual([]);
    config.applyHeld();
    expect(config.config.rules.daily_realized_loss?.limit).toBe(-500);
    expect(changes).toEqual([]);
  });

  it('does nothing at the reset when nothing is held', () => {
    const { config, entries, changes, audits } = setup();
    const before = config.config;
    config.applyHeld();
    expect(config.config).toBe(before);
    expect(changes).toEqual([]);
    expect(entries).toEqual([]);
    expect(audits()).toEqual([]);
  });

  it('does not re-judge the accounts when the same config is saved again', () => {
    const { config, changes, edit } = setup();
    const engine = config.engine;
    edit(START);
    edit(START.replace('limit: 5', 'limit:    5'));
    expect(changes).toEqual([]);
    expect(config.engine).toBe(engine);
  });

  it('shows the config in force with its defaults filled in', () => {
    const { config, file } = setup();
    const view = config.view();
    expect(view).toMatchObject({ file, error: null, pendingAtReset: [] });
    expect(view.effective).toContain('daily_reset: 17:00');
    expect(view.effective).toContain('stale_after_seconds: 15');
  });

  it('bounds a refusal shown in the snapshot, the timeline and the audit log, whatever the file holds', () => {
    const { config, entries, audits, edit } = setup();
    const values = Array.from({ length: 40 }, (_, i) => `  setting_${i}: ${'v'.repeat(20_000)}\n`).join('');
    edit(`timezone: ${'z'.repeat(100_000)}\nrules:\n  max_contracts: { limit: 5 }\n${values}`);
    expect(config.state.error).toMatch(/^risk-config\.yaml: timezone must be an IANA timezone such as America\/Chicago, got "z{199}…; /);
    expect(config.state.error!.length).toBeLessThanOrEqual(2001);
    expect(entries.at(-1)!.length).toBeLessThan(2100);
    expect((audits().at(-1) as { detail: string }).detail).toBe(config.state.error);
    expect(config.config.rules.max_contracts?.limit).toBe(5);
  });
});

const LOOSENED = 'rules:\n  max_contracts: { limit: 50 }\n  daily_realized_loss: { limit: -500 }\n';

describe('the config in force across a restart', () => {
  it('keeps a held loosening held when started again the same trading day', () => {
    const { config, edit, restart, entries } = setup();
    edit(LOOSENED);
    expect(config.config.rules.max_contracts?.limit).toBe(5);
    const again = restart();
    expect(again.config.rules.max_contracts?.limit).toBe(5);
    expect(again.state.pendingAtReset).toEqual(['Max contracts: 5 → 50 at the daily reset']);
    expect(entries.at(-1)).toBe(
      'config: Config loosenings still held until the daily reset (These changes wait for the daily reset: Max contracts: 5 → 50)',
    );
    again.applyHeld();
    expect(again.config.rules.max_contracts?.limit).toBe(50);
  });

  it('applies a tightening made while stopped at once, and still holds the loosening', () => {
    const { file, edit, restart } = setup();
    edit(LOOSENED);
    fs.writeFileSync(file, 'rules:\n  max_contracts: { limit: 50 }\n  daily_realized_loss: { limit: -300 }\n');
    const again = restart();
    expect(again.config.rules.max_contracts?.limit).toBe(5);
    expect(again.config.rules.daily_realized_loss?.limit).toBe(-300);
  });

  it('holds a loosening made while stopped, against the config that was in force', () => {
    const { file, restart } = setup();
    fs.writeFileSync(file, LOOSENED);
    const again = restart();
    expect(again.config.rules.max_contracts?.limit).toBe(5);
    expect(again.state.pendingAtReset).toEqual(['Max contracts: 5 → 50 at the daily reset']);
  });

  it('applies the file whole once the stored trading day is over', () => {
    const { clock, edit, restart } = setup();
    edit(LOOSENED);
    clock.set(Date.parse('2026-11-24T23:00:01Z')); // 17:00:01 in Chicago: the next trading day
    const again = restart();
    expect(again.config.rules.max_contracts?.limit).toBe(50);
    expect(again.state.pendingAtReset).toEqual([]);
  });

  it('holds a loosening made after a reset seen running until the next reset, across a restart', () => {
    const { clock, config, edit, restart } = setup();
    clock.set(Date.parse('2026-11-24T23:00:01Z'));
    config.applyHeld(); // the reset, nothing held
    clock.set(Date.parse('2026-11-25T15:00:00Z'));
    edit(LOOSENED);
    const again = restart();
    expect(again.config.rules.max_contracts?.limit).toBe(5);
  });

  it.each([
    ['broken JSON', () => '{"config": 1'],
    ['an unknown timezone', (stored: string) => stored.replace('America/Chicago', 'Mars/Olympus')],
    ['no trading day', (stored: string) => stored.replace(/"dayEnd":"[^"]+"/, '"dayEnd":"soon"')],
  ])('says so and applies the file whole when the stored config has %s', (_case, damage) => {
    const { store, file, entries, restart } = setup();
    fs.writeFileSync(file, LOOSENED);
    store.setMeta('config_in_force', damage(store.meta('config_in_force')!));
    const again = restart();
    expect(again.config.rules.max_contracts?.limit).toBe(50);
    expect(entries.at(-1)).toMatch(
      /^config: The stored config in force could not be read \(.+; the config given at start applies whole\)$/,
    );
  });
});
