// Validation of user text shared by every entry point (HTTP, gRPC, CLI): one set of rules, one set of codes.
import { MprError } from './errors.ts';

export const DEFAULT_MAX_TEXT_BYTES = 64 * 1024;

// C0 controls other than tab, line feed and carriage return, DEL, and C1 controls have no place in prose
// and are a common sign of binary or corrupted input.
const FORBIDDEN_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u;
// A lone surrogate means the text was not valid Unicode (bad UTF-8 decoded leniently upstream).
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u;

export interface TextLimits {
  maxBytes: number;
  allowEmpty?: boolean;
}

/** Throws a typed MprError when `text` is not acceptable input; returns it unchanged otherwise. */
export function validateText(text: unknown, limits: TextLimits, field = 'text'): string {
  if (typeof text !== 'string') throw new MprError('invalid_argument', `${field} must be a string`);
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > limits.maxBytes) {
    throw new MprError('text_too_large', `${field} is ${bytes} bytes; the limit is ${limits.maxBytes}`);
  }
  if (!limits.allowEmpty && text.trim().length === 0) throw new MprError('empty_text', `${field} is empty`);
  const control = FORBIDDEN_CONTROL.exec(text);
  if (control) {
    const code = control[0].codePointAt(0)!.toString(16).padStart(4, '0');
    throw new MprError('invalid_text', `${field} contains the control character U+${code} at offset ${control.index}`);
  }
  const surrogate = LONE_SURROGATE.exec(text);
  if (surrogate)
    throw new MprError('invalid_text', `${field} is not valid Unicode (lone surrogate at offset ${surrogate.index})`);
  return text;
}

// One decoder for every body: decode() without `stream` keeps no state between calls, and building a
// TextDecoder costs more than decoding a short body.
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes bytes as strict UTF-8, with a typed error instead of silent U+FFFD replacement. */
export function decodeUtf8Strict(bytes: Uint8Array): string {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    throw new MprError('invalid_text', 'body is not valid UTF-8');
  }
}
