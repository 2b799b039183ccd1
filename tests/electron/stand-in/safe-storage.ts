/**
 * safeStorage, as shell/browser/api/electron_api_safe_storage.cc decides availability and errors;
 * what it seals with is the stand-in's OS keyring (keyring.ts).
 */
import { app } from './app';
import { script } from './context';
import { seal, unseal } from './keyring';

export const safeStorage = {
  isEncryptionAvailable(): boolean {
    if (!app.isReady()) return false;
    return script.safeStorage.available;
  },
  getSelectedStorageBackend(): string {
    if (script.platform !== 'linux') throw new TypeError('safeStorage.getSelectedStorageBackend is not a function');
    return app.isReady() ? script.safeStorage.backend : 'unknown';
  },
  encryptString(plain: string): Buffer {
    if (!safeStorage.isEncryptionAvailable()) {
      if (!app.isReady()) throw new Error('safeStorage cannot be used before app is ready');
      throw new Error('Error while encrypting the text provided to safeStorage.encryptString. Encryption is not available.');
    }
    return seal(script.safeStorage.keyring, plain);
  },
  decryptString(sealed: Buffer): string {
    if (!safeStorage.isEncryptionAvailable()) {
      if (!app.isReady()) throw new Error('safeStorage cannot be used before app is ready');
      throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString. Decryption is not available.');
    }
    try {
      return unseal(script.safeStorage.keyring, sealed);
    } catch {
      throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    }
  },
};
