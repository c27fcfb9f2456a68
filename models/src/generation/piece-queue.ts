// An unbounded single-consumer async queue: the decode loop pushes text pieces, a caller iterates them.

export class PieceQueue implements AsyncIterable<string> {
  private readonly items: string[] = [];
  private closed = false;
  private failure: unknown = null;
  private wake: (() => void) | null = null;

  push(piece: string): void {
    if (this.closed || piece.length === 0) return;
    this.items.push(piece);
    this.notify();
  }

  close(error?: unknown): void {
    if (this.closed) return;
    this.closed = true;
    if (error !== undefined) this.failure = error;
    this.notify();
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<string> {
    for (;;) {
      const next = this.items.shift();
      if (next !== undefined) {
        yield next;
        continue;
      }
      if (this.closed) {
        if (this.failure !== null) throw this.failure;
        return;
      }
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
    }
  }
}
