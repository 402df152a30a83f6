// Random identifiers: upload ids (the server's X-Unique-Upload-Id) and restored items' ids.
export function randomHex(bytes: number): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(bytes)), (b) => b.toString(16).padStart(2, '0')).join('');
}
