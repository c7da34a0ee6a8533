/**
 * Work started for no one to wait on (a server check, a call's counters), tracked so that
 * `settled()` can wait for whatever is still running (shutdown, a Lambda about to answer, tests).
 */
export class BackgroundWork {
  private readonly running = new Set<Promise<void>>();

  /** Starts tracking `work`; a failure goes to `onError`, never to whoever started it. */
  track(work: Promise<unknown>, onError: (error: Error) => void): void {
    const tracked: Promise<void> = work
      .then(() => undefined)
      .catch((error: unknown) => onError(error as Error))
      .finally(() => this.running.delete(tracked));
    this.running.add(tracked);
  }

  async settled(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }
}
