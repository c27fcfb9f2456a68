// The caller's API key, for a jw1 that requires one (MPR_AUTH_REQUIRED). It lives in the header's
// password field and in this tab's sessionStorage only (gone when the tab closes; never in localStorage,
// a URL or a log), and goes to jw1 as `Authorization: Bearer <key>`. Empty: no header, as a jw1 with
// authentication off expects.
import { byId } from './dom.ts';

const STORAGE_KEY = 'mpr-api-key';
const FIELD_ID = 'api-key';

function field(): HTMLInputElement {
  return byId<HTMLInputElement>(FIELD_ID);
}

export function setupApiKey(): void {
  const input = field();
  input.value = sessionStorage.getItem(STORAGE_KEY) ?? '';
  input.addEventListener('input', () => {
    const key = input.value.trim();
    if (key) sessionStorage.setItem(STORAGE_KEY, key);
    else sessionStorage.removeItem(STORAGE_KEY);
  });
}

/** The header to send with every /v1 call. */
export function authorizationHeaders(): Record<string, string> {
  const key = field().value.trim();
  return key ? { authorization: `Bearer ${key}` } : {};
}

/** Moves the keyboard to the key field (after a 401, so that the user can type one at once). */
export function focusApiKey(): void {
  field().focus();
}
