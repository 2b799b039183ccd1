/**
 * The stand-in's OS keyring: what safeStorage seals with. Electron's real ciphertext is
 * "v10"/"v11" + AES-CBC under a key the OS keyring holds; this keeps that shape. A test seals a
 * key as an earlier run would have, or starts with another keyring to see a key that no longer opens.
 */
import crypto from 'node:crypto';
import type { SecretBox } from '../../../src/main/store/secret-box';

const VERSION = Buffer.from('v11');
const IV = Buffer.alloc(16, 0x20);

const keyOf = (keyring: string) => crypto.createHash('sha256').update(keyring).digest();

export function seal(keyring: string, plain: string): Buffer {
  const cipher = crypto.createCipheriv('aes-256-cbc', keyOf(keyring), IV);
  return Buffer.concat([VERSION, cipher.update(plain, 'utf8'), cipher.final()]);
}

/** Throws when the data was not sealed under this keyring. */
export function unseal(keyring: string, sealed: Buffer): string {
  const decipher = crypto.createDecipheriv('aes-256-cbc', keyOf(keyring), IV);
  return Buffer.concat([decipher.update(sealed.subarray(VERSION.length)), decipher.final()]).toString('utf8');
}

/** The settings store's SecretBox over this keyring, for unit tests that use the real store without Electron. */
export function keyringBox(keyring: string): SecretBox {
  return {
    description: keyring,
    available: () => true,
    encrypt: (plain) => seal(keyring, plain),
    decrypt: (sealed) => unseal(keyring, sealed),
  };
}
