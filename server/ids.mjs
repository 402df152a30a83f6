import { randomBytes, randomInt } from 'node:crypto';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** Random `[a-z0-9]` string, the shape of Cloudinary's generated public ids. */
export function randomId(length = 20) {
  let s = '';
  for (let i = 0; i < length; i++) s += ALPHABET[randomInt(ALPHABET.length)];
  return s;
}

/** 32 hex characters (asset_id, version_id). */
export const randomHex32 = () => randomBytes(16).toString('hex');
