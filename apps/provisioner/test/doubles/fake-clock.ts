import type { ProvisioningDeps } from '../../src/services/provisioning/deps.js';

/** One wait the flows asked for: what, how long they allowed, and how many times the condition was checked. */
export interface RecordedWait {
  what: string;
  timeoutMs: number;
  checks: number;
}

/**
 * Time that moves only when a test or a wait moves it. `waitFor` polls like services/wait-for.ts, but each poll
 * advances this clock by a second instead of sleeping, so a condition that never holds times out at once, with the
 * real message, and the steps' times show how long the wait would have taken.
 */
export class FakeClock {
  readonly waits: RecordedWait[] = [];
  private ms: number;

  constructor(start = new Date('2026-01-05T09:00:00Z')) {
    this.ms = start.getTime();
  }

  /** The current fake time (ProvisioningDeps.now). */
  readonly now = (): Date => new Date(this.ms);

  advance(ms: number): void {
    this.ms += ms;
  }

  /** ProvisioningDeps.waitFor on fake time: the same polling, deadline and message as the real one. */
  readonly waitFor: ProvisioningDeps['waitFor'] = async (what, check, timeoutMs) => {
    const wait: RecordedWait = { what, timeoutMs, checks: 0 };
    this.waits.push(wait);
    const deadline = this.ms + timeoutMs;
    for (;;) {
      wait.checks += 1;
      const value = await check();
      if (value !== undefined) return value;
      if (this.ms > deadline) {
        throw new Error(`timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what}`);
      }
      this.advance(1000);
    }
  };
}
