// A typed error as a clear message: what happened, what to do, and when a retry makes sense
// (429 and 503 carry Retry-After; the retry button waits it out).
import { GatewayError } from './api.ts';
import { focusApiKey } from './api-key.ts';
import { h, replaceChildren } from './dom.ts';
import { RECHECK_EVENT } from './readiness.ts';

const TITLES: Record<string, string> = {
  rate_limited: 'Too many requests',
  overloaded: 'The service is busy',
  unavailable: 'Service unavailable',
  deadline_exceeded: 'The request took too long',
  cancelled: 'The request was cancelled',
  text_too_large: 'The text is too long',
  batch_too_large: 'Too many items',
  empty_text: 'There is no text',
  invalid_text: 'The text cannot be read',
  invalid_argument: 'The request was not accepted',
  malformed_json: 'The request was not valid JSON',
  unsupported_schema: 'The schema is not supported',
  unknown_task: 'Unknown task',
  prompt_too_long: 'The text and instructions are too long for the model',
  model_error: 'The model failed',
  internal: 'Something went wrong on the server',
  network: 'No connection',
  stream_ended: 'The answer was cut off',
  unauthenticated: 'An API key is needed',
  permission_denied: 'This key may not do that',
  quota_exceeded: 'The key has used up its quota',
  unknown_adapter: 'Unknown adapter',
  schema_too_large: 'The schema is too large',
  json_too_deep: 'The request is nested too deeply',
};

const ADVICE: Record<string, string> = {
  rate_limited: 'You are sending requests faster than this client is allowed.',
  overloaded: 'The agents are at capacity.',
  unavailable: 'An agent is down or jw1 is restarting; the service runs degraded until it is back.',
  deadline_exceeded: 'Try a shorter text, or try again.',
  unauthenticated: 'Enter your key in the API key field at the top of the page, then try again.',
  permission_denied: 'Ask the service owner for a key that may use this task.',
  quota_exceeded: 'The quota starts again after the wait below.',
};

/** A server message as a sentence: capitalised, with its full stop. */
function sentence(message: string): string {
  const text = message.trim();
  if (text === '') return '';
  const capitalised = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(capitalised) ? capitalised : `${capitalised}.`;
}

let countdown: ReturnType<typeof setInterval> | undefined;

export function clearError(slot: HTMLElement): void {
  if (countdown !== undefined) clearInterval(countdown);
  countdown = undefined;
  replaceChildren(slot);
}

export function showError(slot: HTMLElement, error: unknown, retry: () => void): void {
  clearError(slot);
  const typed =
    error instanceof GatewayError ? error : new GatewayError(0, 'internal', (error as Error)?.message ?? String(error));
  // The header's readiness line may be out of date: an agent went down, or jw1 is gone.
  if (typed.status === 503 || typed.status === 0) document.dispatchEvent(new Event(RECHECK_EVENT));
  const status = typed.status > 0 ? `${typed.status} · ` : '';
  const advice = ADVICE[typed.code];
  const retryButton = h('button', { type: 'button', class: 'button secondary small' }, 'Try again');
  retryButton.addEventListener('click', retry);
  const keyButton =
    typed.code === 'unauthenticated'
      ? h('button', { type: 'button', class: 'button secondary small' }, 'Enter API key')
      : null;
  keyButton?.addEventListener('click', focusApiKey);
  const wait = h('span', { class: 'retry-wait' });
  if (typed.retryAfterSeconds !== undefined) {
    let remaining = Math.ceil(typed.retryAfterSeconds);
    const tick = () => {
      wait.textContent = remaining > 0 ? `Retry after ${remaining} s` : 'You can retry now';
      retryButton.disabled = remaining > 0;
      if (remaining <= 0 && countdown !== undefined) {
        clearInterval(countdown);
        countdown = undefined;
      }
      remaining -= 1;
    };
    tick();
    countdown = setInterval(tick, 1000);
  }
  replaceChildren(
    slot,
    h(
      'div',
      { class: 'alert', role: 'alert', 'data-code': typed.code, 'data-status': typed.status },
      h('p', { class: 'alert-title' }, TITLES[typed.code] ?? 'Request failed'),
      h('p', { class: 'alert-message' }, sentence(typed.message), advice ? ` ${advice}` : ''),
      h(
        'div',
        { class: 'alert-foot' },
        h('code', { class: 'alert-code' }, `${status}${typed.code}`),
        wait,
        keyButton,
        retryButton,
      ),
    ),
  );
}
