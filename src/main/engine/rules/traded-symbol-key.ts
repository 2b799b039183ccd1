/** A symbol in the config (a per-instrument limit's key, a blocked symbol): the symbol a trader types. */
import { z } from 'zod';
import { symbolForSegment } from '../../../shared/symbols';

/**
 * Upper case letters and digits, and not a contract id's product segment: `TYA` would silently
 * never match, since Risk Warden matches the traded symbol (ZN) read from the contract's name.
 */
export function tradedSymbolKey(example: string) {
  return z
    .string()
    .regex(/^[A-Z0-9]+$/, `symbol roots are upper case, e.g. ${example}`)
    .superRefine((key, context) => {
      const symbol = symbolForSegment(key);
      if (symbol !== undefined)
        context.addIssue({ code: 'custom', message: `is the contract id's product segment; the traded symbol is ${symbol}` });
    });
}
