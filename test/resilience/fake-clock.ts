import type { Clock } from "../../src/providers/resilience";

/**
 * A clock tests move by hand. `sleep` records what was asked and resolves at once by default, so a test counts the
 * waits instead of spending them; with `holdSleeps` it resolves only when `advance` passes the wake-up time.
 */
export class FakeClock implements Clock {
  readonly sleeps: number[] = [];
  private t = 1_000_000;
  private sleepers: Array<{ at: number; wake: () => void }> = [];

  constructor(private readonly holdSleeps = false) {}

  now(): number {
    return this.t;
  }

  sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    if (!this.holdSleeps) {
      this.t += ms;
      return Promise.resolve();
    }
    return new Promise((wake) => this.sleepers.push({ at: this.t + ms, wake }));
  }

  advance(ms: number): void {
    this.t += ms;
    const due = this.sleepers.filter((s) => s.at <= this.t);
    this.sleepers = this.sleepers.filter((s) => s.at > this.t);
    due.forEach((s) => s.wake());
  }
}
