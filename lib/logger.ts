// Structured JSON logs (pino), one child logger per component. Request text is never logged unless
// MPR_LOG_TEXT is on: callers pass text through `redactText`.
import { pino, type Logger } from 'pino';

export type { Logger };

export interface LoggerOptions {
  level: string;
  component: string;
  /** Extra fields on every line (trace ids are added by the tracing module's mixin). */
  mixin?: () => Record<string, unknown>;
  destination?: pino.DestinationStream;
}

export function createLogger(options: LoggerOptions): Logger {
  const base = pino(
    {
      level: options.level,
      base: { component: options.component },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      ...(options.mixin ? { mixin: options.mixin } : {}),
    },
    options.destination ?? pino.destination({ fd: 1, sync: false }),
  );
  return base;
}

export function redactText(text: string, logText: boolean): string | { chars: number } {
  return logText ? text : { chars: text.length };
}
