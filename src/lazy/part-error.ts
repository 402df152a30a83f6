// A lazy part that could not be loaded, as a problem the widget words in its language
// ("Part of the widget could not be loaded: <address>") rather than the browser's import() text.
import { ProblemError } from '../core/problems.js';

/** The problem for a failed import(): its address is `url`, else the first address in the browser's message, else `part`. */
export function partNotLoaded(cause: unknown, part: string, url?: string): ProblemError {
  const found = /\b(?:https?|file):\/\/[^\s'"`]+/.exec(String((cause as Error)?.message ?? cause))?.[0];
  return new ProblemError({ code: 'part-not-loaded', url: url ?? found ?? part });
}
