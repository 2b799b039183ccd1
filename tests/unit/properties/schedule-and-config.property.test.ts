import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../../src/main/config/loader';
import { tradingDayAt } from '../../../src/main/schedule/trading-day';

const HOUR = 3_600_000;
const instants = fc.integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2027-12-31T23:59:59Z') });
const zones = fc.constantFrom('America/Chicago', 'America/New_York');
const resets = fc.constantFrom('17:00', '16:00', '00:00', '02:30');

describe('the trading day (property)', () => {
  it('contains the instant, lasts 23, 24 or 25 hours, and never goes backwards, across every DST change', () => {
    fc.assert(
      fc.property(instants, fc.integer({ min: 0, max: 3 * 24 * HOUR }), zones, resets, (t, later, timezone, resetTime) => {
        const schedule = { timezone, resetTime };
        const day = tradingDayAt(t, schedule);
        expect(day.start <= t && t < day.end).toBe(true);
        expect([23 * HOUR, 24 * HOUR, 25 * HOUR]).toContain(day.end - day.start);
        const next = tradingDayAt(t + later, schedule);
        expect(next.start).toBeGreaterThanOrEqual(day.start);
        if (t + later >= day.end) expect(next.start).toBeGreaterThanOrEqual(day.end);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('the config loader (property)', () => {
  const refusedOrAccepted = (text: string) => {
    try {
      parseConfig(text, 'risk-config.yaml');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems.length).toBeGreaterThan(0);
      expect((error as Error).message.startsWith('risk-config.yaml: ')).toBe(true);
    }
  };

  it('throws nothing but an explained ConfigError for arbitrary text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), refusedOrAccepted), { numRuns: 1000 });
  });

  it('throws nothing but an explained ConfigError for arbitrary YAML documents', () => {
    const yamlish = fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify({ rules: value, timezone: 'America/Chicago' }));
    const nearMiss = fc
      .record(
        {
          max_contracts: fc.record(
            { limit: fc.jsonValue({ maxDepth: 1 }), count_type: fc.constantFrom('net', 'gross', 'both', 7) },
            { requiredKeys: [] },
          ),
          daily_realized_loss: fc.record({ limit: fc.oneof(fc.double(), fc.string(), fc.constant(null)) }, { requiredKeys: [] }),
        },
        { requiredKeys: [] },
      )
      .map((rules) => JSON.stringify({ rules }));
    fc.assert(
      fc.property(
        fc.oneof(
          yamlish,
          nearMiss,
          fc.jsonValue().map((v) => JSON.stringify(v)),
        ),
        refusedOrAccepted,
      ),
      { numRuns: 1000 },
    );
  });
});
