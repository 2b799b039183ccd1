/**
 * The key that seals Risk Warden's records (record-chain.ts): 32 random bytes kept outside the
 * database, so that whoever edits riskwarden.db cannot make an edit verify. On the desktop it is
 * sealed by the OS keychain through Electron safeStorage; the web host (and a desktop without a
 * keychain) keeps it in a file only the trader can read.
 *
 * Against the trader's own account this is evidence, not prevention: a process of the same user can
 * read the file or ask the keychain. What it gives is that an edit made with a database tool, a copy
 * of an older file or a row inserted by hand is found at the next start (README, "Security model").
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { SecretBox } from './secret-box';
import { writePrivateFile } from './data-folder';

const KEY_BYTES = 32;
const KEY_FILE = 'records.key';
const SEALED_KEY_FILE = 'records.key.sealed';

export interface RecordKeySource {
  /** Where the key lives, for messages: "records.key (readable by this user only)". */
  readonly description: string;
  /** The key; null when there is none yet (a new folder) or it cannot be read any more. */
  load(): Buffer | null;
  /** Makes a new key and keeps it, replacing one that could not be read. */
  create(): Buffer;
}

/** The key source for this data folder: sealed by `box` when the OS offers one, else a 0600 file. */
export function recordKeySource(folder: string, box: SecretBox | null = null): RecordKeySource {
  if (box?.available()) return sealedKey(path.join(folder, SEALED_KEY_FILE), box);
  return fileKey(path.join(folder, KEY_FILE));
}

function fileKey(file: string): RecordKeySource {
  return {
    description: `${file} (readable by this user only)`,
    load: () => decodeKey(readIfPresent(file)?.toString('utf8') ?? null),
    create() {
      const key = randomBytes(KEY_BYTES);
      writePrivateFile(file, key.toString('hex'));
      return key;
    },
  };
}

function sealedKey(file: string, box: SecretBox): RecordKeySource {
  return {
    description: `${file} (sealed by ${box.description})`,
    load() {
      const sealed = readIfPresent(file);
      if (!sealed) return null;
      try {
        return decodeKey(box.decrypt(sealed));
      } catch {
        // Another user's keychain, or a keychain reset: the records can no longer be checked.
        return null;
      }
    },
    create() {
      const key = randomBytes(KEY_BYTES);
      writePrivateFile(file, box.encrypt(key.toString('hex')));
      return key;
    },
  };
}

function decodeKey(text: string | null): Buffer | null {
  const hex = text?.trim() ?? '';
  return /^[0-9a-f]{64}$/.test(hex) ? Buffer.from(hex, 'hex') : null;
}

function readIfPresent(file: string): Buffer | null {
  try {
    return fs.readFileSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
