/** The per-endpoint errorCode enums of wire.ts against PROJECTX.md §5.7, read both ways. */
import { describe, expect, it } from 'vitest';
import {
  ERROR_CODES,
  errorCode,
  errorCodeName,
  sharedErrorCode,
  type ErrorCodeEndpoint,
  type ErrorCodeName,
} from '../../../src/main/gateway/wire';

/** A row of PROJECTX.md §5.7; its name is checked against its endpoint's enum when the test compiles. */
const pin = <E extends ErrorCodeEndpoint>(endpoint: E, name: ErrorCodeName<E>, code: number) => ({
  endpoint,
  name,
  code,
  mapped: () => errorCode(endpoint, name),
});

describe('the errorCode tables', () => {
  it.each([
    pin('Auth/loginKey', 'InvalidCredentials', 3),
    pin('Auth/loginKey', 'ApiKeyAuthenticationDisabled', 10),
    pin('Auth/validate', 'ExpiredToken', 3),
    pin('Contract/searchById', 'ContractNotFound', 1),
    pin('Order/place', 'OrderRejected', 2),
    pin('Order/place', 'ContractNotFound', 8),
    pin('Order/place', 'AccountRejected', 10),
    pin('Order/modify', 'ContractNotFound', 7),
    pin('Order/cancel', 'OrderNotFound', 2),
    pin('Order/cancel', 'Rejected', 3),
    pin('Order/searchById', 'OrderNotFound', 1),
    pin('Trade/search', 'AccountNotFound', 1),
    pin('Position/closeContract', 'PositionNotFound', 2),
    pin('Position/closeContract', 'OrderRejected', 5),
    pin('Position/partialCloseContract', 'InvalidCloseSize', 5),
    pin('Position/partialCloseContract', 'OrderRejected', 6),
  ])('gives $endpoint $name the number $code of PROJECTX.md', ({ endpoint, name, code, mapped }) => {
    expect(mapped()).toBe(code);
    expect(errorCodeName(endpoint, code)).toBe(name);
  });

  it('round-trips every name of every endpoint', () => {
    for (const endpoint of Object.keys(ERROR_CODES) as ErrorCodeEndpoint[]) {
      const names: readonly string[] = ERROR_CODES[endpoint];
      expect(names[0]).toBe('Success');
      names.forEach((name, code) => {
        expect(errorCode(endpoint, name as never)).toBe(code);
        expect(errorCodeName(endpoint, code)).toBe(name);
      });
    }
  });

  it.each([
    ['Order/place', 11],
    ['Order/place', -1],
    ['Auth/logout', 1],
    ['Nope/nothing', 0],
    ['constructor', 0],
  ])('names %s code %i by its number when the table has no name for it', (endpoint, code) => {
    expect(errorCodeName(endpoint, code)).toBe(`errorCode ${code}`);
  });

  it('refuses, at compile time and at run time, a name the endpoint does not have', () => {
    // @ts-expect-error a misspelt name
    expect(() => errorCode('Order/place', 'ContractNotFund')).toThrow('Order/place has no errorCode named ContractNotFund');
    // @ts-expect-error Order/searchById has no AccountNotFound
    expect(() => errorCode('Order/searchById', 'AccountNotFound')).toThrow('Order/searchById has no errorCode named AccountNotFound');
    const endpoint = 'Position/closeContract' as 'Position/closeContract' | 'Position/partialCloseContract';
    expect(errorCode(endpoint, 'PositionNotFound')).toBe(2);
    // @ts-expect-error a name only one of the two endpoints has
    expect(() => errorCode(endpoint, 'InvalidCloseSize')).toThrow();
  });
});

describe('a code several endpoints share', () => {
  it('is the one number all of them give their names', () => {
    expect(
      sharedErrorCode({ 'Order/place': 'AccountNotFound', 'Order/searchById': 'OrderNotFound', 'Trade/search': 'AccountNotFound' }),
    ).toBe(1);
  });

  it('throws when the endpoints give their names different numbers', () => {
    expect(() => sharedErrorCode({ 'Order/place': 'ContractNotFound', 'Position/closeContract': 'ContractNotFound' })).toThrow(
      'do not share one errorCode (8, 3)',
    );
    expect(() => sharedErrorCode({})).toThrow('do not share one errorCode ()');
  });

  it('checks each name against its own endpoint', () => {
    // @ts-expect-error Order/searchById has no AccountNotFound
    expect(() => sharedErrorCode({ 'Order/place': 'AccountNotFound', 'Order/searchById': 'AccountNotFound' })).toThrow();
    // @ts-expect-error no such endpoint
    expect(() => sharedErrorCode({ 'Order/plac': 'AccountNotFound' })).toThrow();
  });
});
