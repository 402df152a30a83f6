// Which web addresses the "Web address" source accepts: absolute http(s) URLs only, since the
// server fetches them itself and every other scheme (ftp:, file:, javascript:, data:) is either
// unreachable for it or unsafe to hand on.
import { safeUrl } from '../core/protocol.js';

export type WebAddressCheck = { ok: true; url: string } | { ok: false; problem: 'invalid' | 'scheme' };

export function checkWebAddress(text: string): WebAddressCheck {
  const trimmed = text.trim();
  if (!trimmed) return { ok: false, problem: 'invalid' };
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return { ok: false, problem: 'invalid' };
  }
  // The one check of what may become a link or an image source (safeUrl). The href, not the text
  // as typed: spaces and non-ASCII come out percent-encoded, ready to fetch.
  const href = safeUrl(url.href);
  return href ? { ok: true, url: href } : { ok: false, problem: 'scheme' };
}
