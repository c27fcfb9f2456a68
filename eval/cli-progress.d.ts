// The subset of cli-progress (which ships no types) that eval/progress.ts uses.
declare module 'cli-progress' {
  interface BarOptions {
    format?: string;
    stream?: NodeJS.WritableStream;
    hideCursor?: boolean;
    clearOnComplete?: boolean;
    etaBuffer?: number;
  }
  export class SingleBar {
    constructor(options: BarOptions, preset?: unknown);
    start(total: number, startValue: number, payload?: Record<string, unknown>): void;
    increment(step?: number): void;
    stop(): void;
  }
  export const Presets: { shades_classic: unknown };
}
