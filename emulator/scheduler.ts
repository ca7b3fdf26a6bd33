// The emulator's background work (media processing, bulk operations, webhook deliveries): tracked so tests can
// wait until everything has settled (`idle()`) and a closing emulator leaves no timer behind.
export class TaskScheduler {
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly pending = new Set<Promise<unknown>>();

  /** Runs `task` after `ms`, tracked so `idle()` can wait for it and `cancelAll()` can cancel it. */
  later(ms: number, task: () => unknown): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.track(Promise.resolve().then(task));
    }, ms);
    timer.unref();
    this.timers.add(timer);
  }

  track<T>(promise: Promise<T>): Promise<T> {
    this.pending.add(promise);
    void promise
      .finally(() => this.pending.delete(promise))
      .catch(() => undefined);
    return promise;
  }

  /** Resolves when no task is scheduled or running. */
  async idle(): Promise<void> {
    while (this.timers.size > 0 || this.pending.size > 0) {
      await Promise.allSettled([...this.pending]);
      if (this.timers.size > 0)
        await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  /** Cancels every scheduled task (running ones finish). */
  cancelAll(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}
