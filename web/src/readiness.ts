// The header's readiness line: GET /readyz when the page opens, then polled while the page is visible
// (often while jw1 is not ready, so that recovery shows as soon as it happens).
import { byId } from './dom.ts';

interface Readiness {
  agents?: Record<string, string>;
}

type State = 'ready' | 'starting' | 'degraded' | 'down';

const POLL_MS = 15_000;
/** While not ready (starting, an agent down): show the recovery soon. */
const RECOVERY_POLL_MS = 2_000;

async function check(element: HTMLElement): Promise<State> {
  const text = element.querySelector('.readiness-text');
  let state: State;
  let message: string;
  try {
    const response = await fetch('readyz', { signal: AbortSignal.timeout(5000) });
    const body = (await response.json()) as Readiness;
    const down = Object.entries(body.agents ?? {})
      .filter(([, status]) => status !== 'SERVING')
      .map(([agent]) => agent);
    if (down.length > 0) [state, message] = ['degraded', `Degraded: ${down.join(' and ')} unavailable`];
    else if (response.ok) [state, message] = ['ready', 'All agents ready'];
    else [state, message] = ['starting', 'Starting up…'];
  } catch {
    [state, message] = ['down', 'jw1 unreachable'];
  }
  element.dataset.state = state;
  if (text) text.textContent = message;
  return state;
}

/** Ask for a fresh look now (after a 503, say) rather than at the next poll. */
export const RECHECK_EVENT = 'mpr:recheck-readiness';

export function watchReadiness(): void {
  const element = byId('readiness');
  document.addEventListener(RECHECK_EVENT, () => void check(element));
  const poll = async () => {
    const state = document.visibilityState === 'visible' ? await check(element) : element.dataset.state;
    setTimeout(poll, state === 'ready' ? POLL_MS : RECOVERY_POLL_MS);
  };
  void poll();
}
