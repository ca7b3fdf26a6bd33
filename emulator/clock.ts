// The emulator's clock: every timestamp the Admin API reports (createdAt, updatedAt, publishedAt, completedAt…)
// and every time-dependent rule (scheduled publishing, what the storefront shows) reads it, so tests can move
// time forward instead of waiting. It follows the real time, shifted by what tests advanced, until frozen.
//
// Token expiry, media processing and webhook retries stay on real time on purpose: the Shopify libraries in the
// app keep their own real clock, and an emulator token that expired because a test jumped a day ahead would
// fail requests that Shopify would have accepted.

export class EmulatorClock {
  private offsetMs = 0;
  private frozenAt: number | null = null;

  constructor(private readonly realNow: () => number = () => Date.now()) {}

  /** Milliseconds since the epoch, emulator time. */
  now(): number {
    return this.frozenAt ?? this.realNow() + this.offsetMs;
  }

  /** The current emulator time as an ISO 8601 string (Shopify's DateTime format). */
  iso(): string {
    return new Date(this.now()).toISOString();
  }

  /** Moves time forward (a negative value is refused: Shopify's time never runs backwards). */
  advance(ms: number): number {
    if (!Number.isFinite(ms) || ms < 0)
      throw new RangeError(
        `clock.advance needs a non-negative duration, got ${ms}`,
      );
    if (this.frozenAt !== null) this.frozenAt += ms;
    else this.offsetMs += ms;
    return this.now();
  }

  /** Sets the time (e.g. a launch's go-live); it keeps running from there unless frozen. */
  set(at: Date | string | number): number {
    const target = new Date(at).getTime();
    if (Number.isNaN(target))
      throw new RangeError(`clock.set: invalid date ${String(at)}`);
    if (this.frozenAt !== null) this.frozenAt = target;
    else this.offsetMs = target - this.realNow();
    return this.now();
  }

  /** Stops time where it is (or at `at`): timestamps become fully deterministic. */
  freeze(at?: Date | string | number): number {
    this.frozenAt = at === undefined ? this.now() : new Date(at).getTime();
    return this.now();
  }

  /** Lets time run again from the frozen instant. */
  unfreeze(): number {
    if (this.frozenAt !== null) {
      this.offsetMs = this.frozenAt - this.realNow();
      this.frozenAt = null;
    }
    return this.now();
  }

  get frozen(): boolean {
    return this.frozenAt !== null;
  }
}

export interface ClockCommand {
  advanceMs?: number;
  set?: string;
  freeze?: boolean;
}

/** `POST /__emulator/clock` with `{advanceMs}`, `{set}` and/or `{freeze}`; `GET` reads it. */
export function applyClockCommand(
  clock: EmulatorClock,
  command: ClockCommand,
): { now: string; frozen: boolean } {
  if (command.set !== undefined) clock.set(command.set);
  if (command.freeze === true) clock.freeze();
  if (command.freeze === false) clock.unfreeze();
  if (command.advanceMs !== undefined) clock.advance(Number(command.advanceMs));
  return { now: clock.iso(), frozen: clock.frozen };
}
