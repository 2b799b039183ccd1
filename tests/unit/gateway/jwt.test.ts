import { describe, expect, it } from 'vitest';
import { jwtExpiry } from '../../../src/main/gateway/session';

describe('session tokens', () => {
  it('reads the expiry of a JWT, and none from a token without one', () => {
    const exp = Math.floor(Date.parse('2026-11-25T17:00:00Z') / 1000);
    const token = ['h', Buffer.from(JSON.stringify({ exp })).toString('base64url'), 's'].join('.');
    expect(jwtExpiry(token)).toBe(exp * 1000);
    expect(jwtExpiry('opaque-token')).toBeNull();
    expect(jwtExpiry('a.not-base64-json.c')).toBeNull();
  });
});
