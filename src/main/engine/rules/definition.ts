/** What the registry knows of a rule: where its config sits, its id, how its config is checked and how it is armed. */
import type { z } from 'zod';
import type { Rule } from '../rule';
import type { SessionClock } from '../../schedule/session-clock';

/** What a builder gets besides its own config. */
export interface ArmContext {
  /** The trading timezone of the config. */
  timezone: string;
  /** A rule that keeps trading hours hands over its session clock: locks until the next session start read it. */
  useSession(session: SessionClock): void;
}

/**
 * The dotted paths of a rule's settings that hold a `Leaf`, relative to the rule's key; `*` stands
 * for any one key of a map or group whose values are all `Leaf` (`instrument_limits.*`). A plain
 * `RuleDefinition` does not know its config, so any string passes there.
 */
export type SettingPath<Config, Leaf> = unknown extends Config ? string : PathsTo<Config, Leaf>;

type PathsTo<Config, Leaf> = {
  [K in keyof Config & string]-?: NonNullable<Config[K]> extends Leaf
    ? K
    : NonNullable<Config[K]> extends readonly unknown[]
      ? never
      : NonNullable<Config[K]> extends object
        ? `${K}.${GroupPaths<NonNullable<Config[K]>, Leaf>}`
        : never;
}[keyof Config & string];

type GroupPaths<Group, Leaf> =
  (NonNullable<Group[keyof Group]> extends Leaf ? '*' : never) | (string extends keyof Group ? never : PathsTo<Group, Leaf>);

/**
 * Which way a rule's settings tighten, so a config reload knows what applies at once and what
 * waits for the reset. A setting not named here (except `enabled`, on-is-stricter for every rule)
 * counts as loosened whenever it changes.
 */
export interface StrictnessDirections<Config = unknown> {
  /** Limits, targets, grace periods, tick distances. */
  readonly smallerIsStricter?: readonly SettingPath<Config, number>[];
  /** Loss limits closer to zero, longer cooldowns. */
  readonly largerIsStricter?: readonly SettingPath<Config, number>[];
  /** Switches that are stricter when on. */
  readonly onIsStricter?: readonly SettingPath<Config, boolean>[];
  /** Lists that are stricter when the new one keeps every old entry (blocked symbols). */
  readonly supersetIsStricter?: readonly SettingPath<Config, readonly unknown[]>[];
  /** Choices listed loosest first: a move to a later one is stricter (`count: [entries, executions]`). */
  readonly rankedChoices?: readonly { readonly path: SettingPath<Config, string>; readonly loosestFirst: readonly string[] }[];
}

export interface RuleDefinition<Key extends string = string, Schema extends z.ZodType = z.ZodType> {
  /** Its key under `rules:` in risk-config.yaml, and the armed rule's name. */
  readonly key: Key;
  readonly id: string;
  readonly schema: Schema;
  readonly strictness?: StrictnessDirections<z.output<Schema>>;
  /**
   * Its figure is a running total of the trading day (P&L, a count of trades), so an admin unlock
   * can resume it with a fresh limit counted from the unlock (see rule-overrides.ts); a rule
   * without it can only be suspended.
   */
  readonly resumable?: true;
  /** A method, not a function property: so a definition of any one rule still passes for a plain `RuleDefinition`. */
  build(config: z.output<Schema>, context: ArmContext): Rule;
}

/** Keeps the literal key and the schema's type, so the config schema derived from the registry stays precise. */
export function defineRule<Key extends string, Schema extends z.ZodType>(
  definition: RuleDefinition<Key, Schema>,
): RuleDefinition<Key, Schema> {
  return definition;
}
