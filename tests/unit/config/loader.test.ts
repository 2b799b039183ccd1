import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfigFile, parseConfig } from '../../../src/main/config/loader';
import { DEFAULT_CONFIG } from '../../../src/main/config/schema';
import { armRules } from '../../../src/main/engine/rules';
import { tempDir } from '../../helpers/harness';

function refusal(yaml: string): string {
  try {
    parseConfig(yaml, '/home/trader/risk-config.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected the config to be refused');
}

describe('config loader', () => {
  it('reads the shipped example as the built-in defaults', () => {
    expect(loadConfigFile(path.resolve('config/risk-config.example.yaml'))).toEqual(DEFAULT_CONFIG);
  });

  it.each([
    [
      'a positive loss limit',
      'rules:\n  daily_realized_loss:\n    limit: 500\n',
      'risk-config.yaml: rules.daily_realized_loss.limit must be negative (a loss in USD, e.g. -500), got 500',
    ],
    [
      'a limit given as text',
      'rules:\n  max_contracts:\n    limit: five\n',
      'rules.max_contracts.limit Invalid input: expected number, received string, got "five"',
    ],
    ['a missing limit', 'rules:\n  max_contracts:\n    enabled: true\n', 'rules.max_contracts.limit is required, got nothing'],
    ['a misspelt rule', 'rules:\n  max_contract:\n    limit: 5\n', 'rules.max_contract is not a known setting'],
    ['a misspelt key', 'rules:\n  max_contracts:\n    limt: 5\n    limit: 5\n', 'rules.max_contracts.limt is not a known setting'],
    ['an unknown count type', 'rules:\n  max_contracts:\n    limit: 5\n    count_type: both\n', 'rules.max_contracts.count_type'],
    ['a bad reset time', 'daily_reset: "5pm"\nrules: {}\n', 'daily_reset must be a 24-hour time HH:MM such as 17:00, got "5pm"'],
    ['an unknown timezone', 'timezone: Chicago\nrules: {}\n', 'timezone must be an IANA timezone such as America/Chicago, got "Chicago"'],
    ['an unknown enforcement mode', 'enforcement:\n  mode: paper\nrules: {}\n', 'enforcement.mode'],
    ['no rules section', 'timezone: America/Chicago\n', 'rules is required, got nothing'],
    ['broken YAML', 'rules:\n  max_contracts: [\n', 'invalid YAML'],
    ['an alias with no anchor', 'rules: *missing\n', 'invalid YAML'],
  ])('refuses %s, naming the key, the value and the reason', (_, yaml, expected) => {
    expect(refusal(yaml)).toContain(expected);
  });

  it('reports every problem at once', () => {
    const message = refusal('rules:\n  max_contracts:\n    limit: 0\n  daily_realized_loss:\n    limit: 10\n');
    expect(message).toContain('rules.max_contracts.limit');
    expect(message).toContain('rules.daily_realized_loss.limit');
  });

  it('says when the file cannot be read', () => {
    expect(() => loadConfigFile(path.join(tempDir(), 'missing.yaml'))).toThrow(/missing\.yaml: cannot be read/);
  });

  it('applies defaults for what the file leaves out', () => {
    const dir = tempDir();
    const file = path.join(dir, 'risk.yaml');
    fs.writeFileSync(file, 'rules:\n  max_contracts:\n    limit: 3\n');
    expect(loadConfigFile(file)).toEqual({
      timezone: 'America/Chicago',
      daily_reset: '17:00',
      enforcement: { mode: 'live' },
      market_data: { stale_after_seconds: 15 },
      rules: { max_contracts: { enabled: true, limit: 3, count_type: 'net', action: 'close_position' } },
    });
  });
});

describe('the all-rules example', () => {
  it('arms all twenty rules, each with its documented example values', () => {
    const config = loadConfigFile(path.resolve('config/risk-config.all-rules.yaml'));
    expect(armRules(config).rules.map((r) => r.id)).toEqual(Array.from({ length: 20 }, (_, i) => `RULE-${String(i + 1).padStart(3, '0')}`));
    expect(config.rules.trade_frequency_limit?.cooldowns).toEqual({ per_minute: 60_000, per_hour: 1_800_000, per_session: 3_600_000 });
  });
});
