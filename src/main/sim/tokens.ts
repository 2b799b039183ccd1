/** JWT-shaped session tokens with an `exp` claim, as the gateway issues (clients decode it). */
import { randomBytes } from 'node:crypto';

const TOKEN_LIFETIME_S = 24 * 60 * 60;

function base64url(value: string): string {
  return Buffer.from(value).toString('base64url');
}

export class TokenStore {
  private readonly valid = new Map<string, number>();

  issue(userName: string, nowMs = Date.now()): string {
    const exp = Math.floor(nowMs / 1000) + TOKEN_LIFETIME_S;
    const token = [
      base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' })),
      base64url(JSON.stringify({ sub: userName, exp })),
      randomBytes(16).toString('base64url'),
    ].join('.');
    this.valid.set(token, exp * 1000);
    return token;
  }

  isValid(token: string | null | undefined, nowMs = Date.now()): boolean {
    if (!token) return false;
    const expiresAt = this.valid.get(token);
    return expiresAt !== undefined && expiresAt > nowMs;
  }

  clear(): void {
    this.valid.clear();
  }
}

export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer\s+(.+)$/i.exec(header ?? '');
  return match ? match[1]!.trim() : null;
}
