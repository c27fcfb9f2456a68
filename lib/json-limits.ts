// Nesting depth of JSON text, measured before it is parsed. V8's JSON.parse copes with deep input, but
// whatever walks the value afterwards (schema validation, JSON.stringify, the describer's schema
// compiler) recurses and can exhaust the stack: a few kilobytes of `[[[[…` would crash or stall the
// request. A linear scan (strings and escapes skipped) refuses such a text first.
import { MprError } from './errors.ts';

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** Deepest nesting of objects and arrays in `text` (0 for a scalar), or stops once past `limit`. */
export function jsonDepth(text: string, limit = Number.POSITIVE_INFINITY): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === BACKSLASH) i++;
      else if (code === QUOTE) inString = false;
    } else if (code === QUOTE) {
      inString = true;
    } else if (code === OPEN_BRACE || code === OPEN_BRACKET) {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > limit) return deepest;
      }
    } else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
      depth--;
    }
  }
  return deepest;
}

/** Throws json_too_deep when `text` nests objects and arrays deeper than `maxDepth`. */
export function assertJsonDepth(text: string, maxDepth: number, what = 'request body'): void {
  if (jsonDepth(text, maxDepth) > maxDepth) {
    throw new MprError('json_too_deep', `${what} nests objects and arrays deeper than ${maxDepth} levels`);
  }
}
