import { expect } from 'vitest';
import { ConfigError, parseConfig } from '../../src/main/config/loader';

/** The message a config file with these `rules:` lines is refused with (a ConfigError); fails if it is accepted. */
export function refusal(rules: string): string {
  try {
    parseConfig(`rules:\n${rules}`, '/home/trader/risk-config.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected the config to be refused');
}
