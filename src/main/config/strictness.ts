/**
 * Is a config change a tightening (applies at once) or a loosening (held until the next reset)?
 * Each rule declares which way its settings tighten in its definition (the registry); a change
 * whose direction is not known is a loosening, so a rule is never relaxed mid-day by accident.
 */
import { money } from '../../shared/money';
import type { Rule } from '../engine/rule';
import { RULE_DEFINITIONS } from '../engine/rules';
import type { RuleDefinition, StrictnessDirections } from '../engine/rules/definition';
import type { RiskConfig, RuleWarnings } from './schema';

export type Strictness = 'unchanged' | 'tighter' | 'looser';

/**
 * A rule's declared setting paths as anchored patterns on the full path (`max_contracts.limit`);
 * a `*` segment is any one key of word characters.
 */
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const pattern = (key: string, path: string) =>
  new RegExp(
    `^${escape(key)}\\.${path
      .split('.')
      .map((part) => (part === '*' ? '\\w+' : escape(part)))
      .join('\\.')}$`,
  );

function declared(direction: Exclude<keyof StrictnessDirections, 'rankedChoices'>): RegExp[] {
  return RULE_DEFINITIONS.flatMap((definition: RuleDefinition) =>
    (definition.strictness?.[direction] ?? []).map((path) => pattern(definition.key, path)),
  );
}

/** Settings where a smaller number is stricter (limits, targets, grace periods, tick distances). */
const SMALLER_IS_STRICTER = declared('smallerIsStricter');
/** Settings where a larger number is stricter (loss limits closer to zero, longer cooldowns). */
const LARGER_IS_STRICTER = declared('largerIsStricter');
/** Switches that are stricter when on: every rule's `enabled`, and those the rules declare. */
const ON_IS_STRICTER = [/\.enabled$/, ...declared('onIsStricter')];
/** Lists that are stricter when the new one keeps every old entry (blocked symbols). */
const SUPERSET_IS_STRICTER = declared('supersetIsStricter');
/**
 * Every rule's `warnings:` ladder: the trader's own alarm, neither tighter nor looser, so a change
 * applies at once, even when the rule's other settings are held until the reset.
 */
const WARNING_LADDER = /^\w+\.warnings$/;
/** Choices ranked loosest first (`trade_frequency_limit.count`: entries, then executions). */
const RANKED_CHOICES = RULE_DEFINITIONS.flatMap((definition: RuleDefinition) =>
  (definition.strictness?.rankedChoices ?? []).map((ranked) => ({
    pattern: pattern(definition.key, ranked.path),
    order: ranked.loosestFirst,
  })),
);

function leaves(value: unknown, prefix: string, into: Map<string, unknown>): Map<string, unknown> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value)) leaves(child, prefix ? `${prefix}.${key}` : key, into);
  } else {
    into.set(prefix, value);
  }
  return into;
}

function leafStrictness(path: string, before: unknown, after: unknown): Strictness {
  if (JSON.stringify(before) === JSON.stringify(after) || WARNING_LADDER.test(path)) return 'unchanged';
  if (typeof before === 'number' && typeof after === 'number') {
    if (SMALLER_IS_STRICTER.some((p) => p.test(path))) return after < before ? 'tighter' : 'looser';
    if (LARGER_IS_STRICTER.some((p) => p.test(path))) return after > before ? 'tighter' : 'looser';
  }
  if (typeof before === 'boolean' && typeof after === 'boolean' && ON_IS_STRICTER.some((p) => p.test(path)))
    return after ? 'tighter' : 'looser';
  if (typeof before === 'string' && typeof after === 'string') {
    const ranked = RANKED_CHOICES.find((r) => r.pattern.test(path));
    const [from, to] = [ranked?.order.indexOf(before) ?? -1, ranked?.order.indexOf(after) ?? -1];
    if (from >= 0 && to >= 0) return to > from ? 'tighter' : 'looser';
  }
  if (Array.isArray(before) && Array.isArray(after) && SUPERSET_IS_STRICTER.some((p) => p.test(path))) {
    return before.every((s) => after.includes(s)) ? 'tighter' : 'looser';
  }
  return 'looser';
}

/** Compares one rule's settings; an added rule is a tightening, a removed one a loosening. */
export function ruleStrictness(name: string, before: object | undefined, after: object | undefined): Strictness {
  if (!before && !after) return 'unchanged';
  if (!before) return 'tighter';
  if (!after) return 'looser';
  const old = leaves(before, name, new Map());
  const next = leaves(after, name, new Map());
  let verdict: Strictness = 'unchanged';
  for (const path of new Set([...old.keys(), ...next.keys()])) {
    const leaf = leafStrictness(path, old.get(path), next.get(path));
    if (leaf === 'looser') return 'looser';
    if (leaf === 'tighter') verdict = 'tighter';
  }
  return verdict;
}

export interface ConfigChange {
  /** The config to enforce now: tightenings applied, loosenings not yet. */
  effective: RiskConfig;
  /** What waits for the next reset, in words a trader reads. */
  pending: string[];
}

/** Splits a new config into what applies now and what waits for the reset. */
export function splitChange(current: RiskConfig, next: RiskConfig): ConfigChange {
  const pending: string[] = [];
  const rules: Record<string, unknown> = {};
  const names = new Set([...Object.keys(current.rules), ...Object.keys(next.rules)]) as Set<keyof RiskConfig['rules']>;
  for (const name of names) {
    const verdict = ruleStrictness(name, current.rules[name], next.rules[name]);
    const chosen = verdict === 'looser' ? withLadderOf(next.rules[name], current.rules[name]) : next.rules[name];
    if (verdict === 'looser') pending.push(`${loosening(name, current, next)} at the daily reset`);
    if (chosen !== undefined) rules[name] = chosen;
  }
  const effective: RiskConfig = { ...current, rules: rules as RiskConfig['rules'] };
  if (next.enforcement.mode !== current.enforcement.mode) {
    if (next.enforcement.mode === 'live') effective.enforcement = next.enforcement;
    else pending.push('Enforcement: dry run (actions are logged, not sent) at the daily reset');
  }
  const schedule: string[] = [];
  if (next.timezone !== current.timezone) schedule.push(`timezone ${current.timezone} → ${next.timezone}`);
  if (next.daily_reset !== current.daily_reset) schedule.push(`daily reset ${current.daily_reset} → ${next.daily_reset}`);
  if (schedule.length > 0) pending.push(`Trading day: ${schedule.join(', ')} at the daily reset`);
  return { effective, pending };
}

/** A rule's settings held until the reset, with the new config's warning ladder, which applies at once. */
function withLadderOf<Held extends RuleWarnings>(next: RuleWarnings | undefined, held: Held | undefined): Held | undefined {
  if (!next || !held) return held;
  const adopted: RuleWarnings = { ...held, warnings: next.warnings };
  if (next.warnings === undefined) delete adopted.warnings;
  return adopted as Held;
}

/**
 * A rule's loosening in words with its figures: "Max contracts: 5 → 8", "Stop loss required: grace
 * seconds 10 → 30", "Blocked symbols: CL, NG → CL", "Max contracts: turned off", "Max contracts: removed".
 */
function loosening(name: keyof RiskConfig['rules'], current: RiskConfig, next: RiskConfig): string {
  const before = current.rules[name] as object | undefined;
  const after = next.rules[name] as object | undefined;
  const rule = armed(name, after ? next : current);
  const title = rule?.title ?? `${words(name).charAt(0).toUpperCase()}${words(name).slice(1)}`;
  if (!after) return `${title}: removed`;
  const old = leaves(before, name, new Map());
  const now = leaves(after, name, new Map());
  if (old.get(`${name}.enabled`) !== false && now.get(`${name}.enabled`) === false) return `${title}: turned off`;
  const changes: string[] = [];
  for (const path of new Set([...old.keys(), ...now.keys()])) {
    if (leafStrictness(path, old.get(path), now.get(path)) !== 'looser') continue;
    const setting = path.slice(name.length + 1);
    const unit = UNIT_SUFFIXES.find(([suffix]) => setting.endsWith(suffix))?.[1] ?? '';
    const asMoney = rule?.unit === 'usd' && setting === 'limit';
    const change = `${valueText(old.get(path), asMoney)}${unit} → ${valueText(now.get(path), asMoney)}${unit}`;
    const named = words(unit ? setting.slice(0, setting.lastIndexOf('_')) : setting);
    // The main setting goes without its name: "Max contracts: 5 → 8", "Blocked symbols: CL, NG → CL".
    changes.push(setting === 'limit' || named === title.toLowerCase() ? change : `${named} ${change}`);
  }
  return `${title}: ${changes.join(', ')}`;
}

/** Settings whose key names their unit: "grace_period_seconds 10" reads "grace period 10 s". */
const UNIT_SUFFIXES: readonly (readonly [string, string])[] = [
  ['_seconds', ' s'],
  ['_minutes', ' min'],
];

/** The rule this config arms under `name`, for its title and unit; null when it cannot be armed. */
function armed(name: string, config: RiskConfig): Rule | null {
  const definition = RULE_DEFINITIONS.find((d) => d.key === name) as RuleDefinition | undefined;
  const ruleConfig = config.rules[name as keyof RiskConfig['rules']];
  if (!definition || ruleConfig === undefined) return null;
  try {
    return definition.build(ruleConfig, { timezone: config.timezone, useSession() {} });
  } catch {
    return null;
  }
}

/** A setting's key in words: "grace_seconds" → "grace seconds", "instrument_limits.MNQ" → "instrument limits MNQ". */
function words(key: string): string {
  return key.replace(/[._]/g, ' ');
}

function valueText(value: unknown, asMoney: boolean): string {
  if (value === undefined) return 'none';
  if (typeof value === 'number') return asMoney ? money(value) : String(value);
  if (typeof value === 'boolean') return value ? 'on' : 'off';
  if (Array.isArray(value)) return value.length === 0 ? 'none' : value.map(String).join(', ');
  if (typeof value === 'string') return value.replace(/_/g, ' ');
  return JSON.stringify(value);
}
