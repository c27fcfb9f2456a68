// What both tabs do around one call to jw1: a new submit aborts the call before it, Stop aborts the
// current one, the form is busy while it runs, and an error other than the user's own abort shows as a
// typed message whose retry submits the form again.
import { h, replaceChildren } from './dom.ts';
import { clearError, showError } from './error-view.ts';

export interface RunParts {
  form: HTMLFormElement;
  submit: HTMLButtonElement;
  cancel: HTMLButtonElement;
  output: HTMLElement;
  errorSlot: HTMLElement;
  busy(on: boolean): void;
}

export interface RunWork {
  /** The call for this submit, or undefined when the form cannot be sent (the problem is shown by it). */
  prepare(): ((signal: AbortSignal) => Promise<void>) | undefined;
  /** After a failed call, before its message shows: clear what belongs to an earlier text. */
  failed(): void;
}

export function wireRunControls(parts: RunParts, work: RunWork): void {
  const { form, submit, cancel, output, errorSlot, busy } = parts;
  let controller: AbortController | undefined;
  const run = async () => {
    const call = work.prepare();
    if (!call) return;
    controller?.abort();
    const current = new AbortController();
    controller = current;
    clearError(errorSlot);
    busy(true);
    try {
      await call(current.signal);
    } catch (error) {
      if ((error as Error).name === 'AbortError') {
        if (controller === current) replaceChildren(output, h('p', { class: 'empty' }, 'Stopped.'));
      } else {
        work.failed();
        showError(errorSlot, error, () => form.requestSubmit());
      }
    } finally {
      if (controller === current) busy(false);
    }
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void run();
  });
  cancel.addEventListener('click', () => {
    controller?.abort();
    submit.focus();
  });
}
