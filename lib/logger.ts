// Structured JSON logs (pino), one child logger per component. Request text is never logged unless
// MPR_LOG_TEXT is on: callers pass text through `redactText`.
import { pino, type Logger } from 'pino';
import { traceLogFields } from './telemetry/log-fields.ts';

export type { Logger };

export interface LoggerOptions {
  level: string;
  /** Component name on every line. Leave it out on a root whose children name their own component:
   * pino repeats a bound key rather than replacing it. */
  component?: string;
  /** Extra fields on every line; defaults to the trace id, span id and request id of the active work. */
  mixin?: () => Record<string, unknown>;
  destination?: pino.DestinationStream;
}

export function createLogger(options: LoggerOptions): Logger {
  const base = pino(
    {
      level: options.level,
      base: options.component ? { component: options.component } : {},
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin: options.mixin ?? traceLogFields,
    },
    options.destination ?? pino.destination({ fd: 1, sync: false }),
  );
  return base;
}

export function redactText(text: string, logText: boolean): string | { chars: number } {
  return logText ? text : { chars: text.length };
}
