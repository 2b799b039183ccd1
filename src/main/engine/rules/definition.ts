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

export interface RuleDefinition<Key extends string = string, Schema extends z.ZodType = z.ZodType> {
  /** Its key under `rules:` in risk-config.yaml, and the armed rule's name. */
  readonly key: Key;
  readonly id: string;
  readonly schema: Schema;
  /** A method, not a function property: so a definition of any one rule still passes for a plain `RuleDefinition`. */
  build(config: z.output<Schema>, context: ArmContext): Rule;
}

/** Keeps the literal key and the schema's type, so the config schema derived from the registry stays precise. */
export function defineRule<Key extends string, Schema extends z.ZodType>(
  definition: RuleDefinition<Key, Schema>,
): RuleDefinition<Key, Schema> {
  return definition;
}
