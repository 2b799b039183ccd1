import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/main/config/loader';
import { SEGMENT_SYMBOLS } from '../../../src/shared/symbols';
import { refusal } from '../../helpers/config-refusal';

const SEGMENTS = Object.entries(SEGMENT_SYMBOLS).map(([segment, symbol]) => ({ segment, symbol }));

/** A product segment of the contract id (TYA) never matches: Risk Warden matches the traded symbol (ZN). */
describe('config symbols that are contract id product segments', () => {
  it.each(SEGMENTS)('refuses $segment as a blocked symbol and names $symbol instead', ({ segment, symbol }) => {
    expect(refusal(`  symbol_blocks: { blocked_symbols: [MNQ, "${segment}"] }\n`)).toBe(
      `risk-config.yaml: rules.symbol_blocks.blocked_symbols.1 is the contract id's product segment; the traded symbol is ${symbol}, got "${segment}"`,
    );
  });

  it.each(SEGMENTS)('refuses $segment as a per-instrument limit key and names $symbol instead', ({ segment, symbol }) => {
    expect(refusal(`  max_contracts_per_instrument: { default_limit: 2, instrument_limits: { "${segment}": 1 } }\n`)).toBe(
      `risk-config.yaml: rules.max_contracts_per_instrument.instrument_limits.${segment} is the contract id's product segment; the traded symbol is ${symbol}, got "${segment}"`,
    );
  });

  it('lists every segment key of one file, each with its symbol', () => {
    const message = refusal(
      '  max_contracts_per_instrument: { default_limit: 2, instrument_limits: { ENQ: 1, MNQ: 2 } }\n' +
        '  symbol_blocks: { blocked_symbols: [TYA, EU6] }\n',
    );
    expect(message).toContain('instrument_limits.ENQ is the contract id\'s product segment; the traded symbol is NQ, got "ENQ"');
    expect(message).toContain('blocked_symbols.0 is the contract id\'s product segment; the traded symbol is ZN, got "TYA"');
    expect(message).toContain('blocked_symbols.1 is the contract id\'s product segment; the traded symbol is 6E, got "EU6"');
  });

  it('accepts every traded symbol those segments stand for, and symbols whose segment is the symbol', () => {
    const symbols = [...SEGMENTS.map((s) => s.symbol), 'MNQ', 'MES', 'M2K', 'MYM', 'RTY', 'YM', 'MGC'];
    const limits = symbols.map((s) => `"${s}": 1`).join(', ');
    const config = parseConfig(
      `rules:\n  max_contracts_per_instrument: { default_limit: 2, instrument_limits: { ${limits} } }\n` +
        `  symbol_blocks: { blocked_symbols: [${symbols.map((s) => `"${s}"`).join(', ')}] }\n`,
      'risk-config.yaml',
    );
    expect(Object.keys(config.rules.max_contracts_per_instrument?.instrument_limits ?? {})).toEqual(symbols);
    expect(config.rules.symbol_blocks?.blocked_symbols).toEqual(symbols);
  });
});
