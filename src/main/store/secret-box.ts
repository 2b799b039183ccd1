/** Where the API key is kept: encrypted by the OS (Electron safeStorage) on the desktop. */
export interface SecretBox {
  /** Named in the settings view so the trader knows where the key is. */
  readonly description: string;
  /** False when the OS offers no encryption; the key is then refused rather than written in plain text. */
  available(): boolean;
  encrypt(plain: string): Buffer;
  decrypt(sealed: Buffer): string;
}
