import { z } from 'zod';

const UNITS_MS = { s: 1000, m: 60_000, h: 3_600_000 } as const;

/** "60s", "30m", "1h" in the config → milliseconds. */
export const durationSchema = z
  .string()
  .regex(/^\d+(s|m|h)$/, 'must be a duration such as 60s, 30m or 1h')
  .transform((text) => Number(text.slice(0, -1)) * UNITS_MS[text.at(-1) as keyof typeof UNITS_MS])
  .refine((ms) => ms > 0, 'must be longer than zero');
