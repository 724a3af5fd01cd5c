// The demo's history played in time order: steps (a service call as one
// person would make it) are added with their moment, in any order, and played
// earliest first, each as of its moment (History.on: the clock pinned there,
// SQL's now() stamps moved to it) and in a savepoint of its own, so a step
// that fails leaves nothing behind and the rest plays on. Steps may add
// steps while the timeline plays (a 回头看 falls due once its problem closes).
import type { Db } from '../db/pool.ts';
import type { History } from './history.ts';

interface Step {
  at: Date;
  seq: number;
  label: string;
  run: () => Promise<unknown>;
}

export class Timeline {
  private steps: Step[] = [];
  private seq = 0;
  played = 0;

  /** Steps at or after `end` are dropped: the history stops there. */
  constructor(
    private readonly q: Db,
    private readonly end: Date,
  ) {}

  add(at: Date, label: string, run: () => Promise<unknown>): void {
    if (at.getTime() >= this.end.getTime()) return;
    this.steps.push({ at, seq: this.seq++, label, run });
  }

  /** Play every step. Returns the steps that failed. */
  async play(history: History): Promise<{ label: string; error: unknown }[]> {
    const failures: { label: string; error: unknown }[] = [];
    while (this.steps.length) {
      let next = 0;
      for (let i = 1; i < this.steps.length; i++) {
        const a = this.steps[i],
          b = this.steps[next];
        if (a.at.getTime() < b.at.getTime() || (a.at.getTime() === b.at.getTime() && a.seq < b.seq)) next = i;
      }
      const [step] = this.steps.splice(next, 1);
      try {
        await history.on(step.at, () => this.q.transaction(() => step.run()));
        this.played++;
      } catch (error) {
        failures.push({ label: step.label, error });
      }
    }
    return failures;
  }
}
