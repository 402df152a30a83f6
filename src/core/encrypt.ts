// Client-side encryption (Cloudinary's `encryption: {key, iv}`): AES-GCM through SubtleCrypto.
// The key and iv strings are taken as UTF-8 bytes; a key that is not 16 or 32 bytes long is
// stretched with SHA-256, so any passphrase gives a valid AES-256 key. See README for decryption.
import type { EncryptionOptions } from './engine-options.js';

async function importEncryptionKey(key: string): Promise<CryptoKey> {
  let bytes: Uint8Array<ArrayBuffer> = new TextEncoder().encode(key);
  if (bytes.length !== 16 && bytes.length !== 32) bytes = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return crypto.subtle.importKey('raw', bytes, 'AES-GCM', false, ['encrypt', 'decrypt']);
}

/** The encrypted file: ciphertext followed by the 16-byte GCM tag, as SubtleCrypto produces it. */
export async function encryptFile(file: File, encryption: EncryptionOptions): Promise<File> {
  const key = await importEncryptionKey(encryption.key);
  const iv = new TextEncoder().encode(encryption.iv);
  // SubtleCrypto has no streaming mode: the whole file is read once here.
  const cipher = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, await file.arrayBuffer());
  return new File([cipher], file.name, { type: 'application/octet-stream', lastModified: file.lastModified });
}
