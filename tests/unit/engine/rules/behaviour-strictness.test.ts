/** Which way a reload of the behaviour rules' settings goes: a tightening applies at once, a loosening waits for the reset. */
import { describe, expect, it } from 'vitest';
import { ruleStrictness } from '../../../../src/main/config/strictness';

describe('the behaviour rules tighten and loosen as a trader expects', () => {
  it.each([
    ['adding_to_loser', { loss: -100 }, { loss: -50 }, 'tighter'],
    ['adding_to_loser', { loss: -100 }, { loss: -200 }, 'looser'],
    ['revenge_reentry', { within: 300_000 }, { within: 600_000 }, 'tighter'],
    ['revenge_reentry', { within: 300_000 }, { within: 60_000 }, 'looser'],
    ['stop_moved_away', { remedy: 'warn' }, { remedy: 'refuse' }, 'tighter'],
    ['stop_moved_away', { remedy: 'refuse' }, { remedy: 'close' }, 'tighter'],
    ['adding_to_loser', { remedy: 'close' }, { remedy: 'cooldown' }, 'tighter'],
    ['adding_to_loser', { remedy: 'cooldown' }, { remedy: 'warn' }, 'looser'],
    ['revenge_reentry', { cooldown: 900_000 }, { cooldown: 1_800_000 }, 'tighter'],
    ['stop_moved_away', { cooldown: 900_000 }, { cooldown: 60_000 }, 'looser'],
    // Switching either narrowing option off would be stricter, a direction the table cannot say: both wait for the reset.
    ['revenge_reentry', { same_symbol_only: true }, { same_symbol_only: false }, 'looser'],
    ['revenge_reentry', { larger_size_only: false }, { larger_size_only: true }, 'looser'],
  ])('%s %j → %j is %s', (name, before, after, expected) => {
    expect(ruleStrictness(name, before, after)).toBe(expected);
  });
});
