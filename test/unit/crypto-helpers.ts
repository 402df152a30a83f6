// Decryption as the README documents it for site owners: the same key derivation, independent of the widget's code.
export async function decryptForTest(cipher: Uint8Array, { key, iv }: { key: string; iv: string }): Promise<Uint8Array> {
  let keyBytes = new TextEncoder().encode(key);
  if (keyBytes.length !== 16 && keyBytes.length !== 32) keyBytes = new Uint8Array(await crypto.subtle.digest('SHA-256', keyBytes));
  const cryptoKey = await crypto.subtle.importKey('raw', keyBytes, 'AES-GCM', false, ['decrypt']);
  const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: new TextEncoder().encode(iv) }, cryptoKey, cipher as Uint8Array<ArrayBuffer>);
  return new Uint8Array(plain);
}
