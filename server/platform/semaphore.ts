// Heavy work (decoding images, parsing and importing spreadsheets) runs a
// few jobs at a time per process, so one upload cannot take every core and
// all the memory while health checks and ordinary requests wait behind it.
// Callers over the limit wait in order; past `maxWaiting` they are refused
// at once with BUSY (503) instead of piling up requests that hold buffers.
import { AppError } from './errors.ts';

export class Semaphore {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    readonly max: number,
    readonly maxWaiting: number,
    private readonly busyMessage: string,
  ) {}

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.running >= this.max) {
      if (this.waiting.length >= this.maxWaiting) throw new AppError('BUSY', this.busyMessage);
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running++;
    }
    try {
      return await fn();
    } finally {
      // Hand the slot straight to the next waiter (the count stays), or free it.
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }

  get busy() {
    return { running: this.running, waiting: this.waiting.length };
  }
}
