// Finds stop strings in streamed text and says how much text is safe to emit: a tail that could still
// grow into a stop string is held back until the next token settles it.

export interface StopScan {
  /** Index where the earliest stop string starts, or null. */
  stopIndex: number | null;
  /** Text before this index can be emitted now. */
  safeEnd: number;
}

export class StopStringMatcher {
  private readonly stops: string[];
  private readonly longest: number;

  constructor(stops: readonly string[]) {
    this.stops = stops.filter((s) => s.length > 0);
    this.longest = Math.max(0, ...this.stops.map((s) => s.length));
  }

  get active(): boolean {
    return this.stops.length > 0;
  }

  /** `appendedFrom` is the text length before the latest token; only matches touching new text are new. */
  scan(text: string, appendedFrom: number): StopScan {
    let stopIndex: number | null = null;
    for (const stop of this.stops) {
      const at = text.indexOf(stop, Math.max(0, appendedFrom - stop.length + 1));
      if (at >= 0 && (stopIndex === null || at < stopIndex)) stopIndex = at;
    }
    if (stopIndex !== null) return { stopIndex, safeEnd: stopIndex };
    let held = 0;
    for (let k = Math.min(this.longest - 1, text.length); k > 0 && held === 0; k--) {
      const tail = text.slice(text.length - k);
      if (this.stops.some((s) => s.startsWith(tail))) held = k;
    }
    return { stopIndex: null, safeEnd: text.length - held };
  }
}
