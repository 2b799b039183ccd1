/** The API key sealed by the OS keychain through Electron safeStorage (DPAPI, Keychain, libsecret/kwallet). */
import { safeStorage } from 'electron';
import type { SecretBox } from '../store/secret-box';

export function safeStorageBox(): SecretBox {
  // On Linux without a keyring Electron falls back to a hard-coded key: that is plain text in disguise.
  const backend = process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : null;
  return {
    description: `Electron safeStorage (${backend ?? (process.platform === 'darwin' ? 'macOS Keychain' : 'Windows DPAPI')})`,
    available: () => safeStorage.isEncryptionAvailable() && backend !== 'basic_text' && backend !== 'unknown',
    encrypt: (plain) => safeStorage.encryptString(plain),
    decrypt: (sealed) => safeStorage.decryptString(sealed),
  };
}
