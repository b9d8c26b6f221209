// When to re-run the analysis. Edits wait for typing to pause (debounce); opened files and disk changes run
// soon. Only the latest state is ever analysed: a run reads whatever the documents hold when it fires, so
// work for intermediate edits is never done at all.
export class AnalysisScheduler {
  private timer: NodeJS.Timeout | undefined;
  private urgent = false;

  constructor(
    private readonly run: () => void,
    /** Read on every edit, so it can be set after construction (from initializationOptions). */
    private readonly debounceMs: () => number,
  ) {}

  /** After an edit: (re)starts the wait, unless a sooner run is already due (it will see this edit too). */
  debounce(): void {
    if (this.timer && this.urgent) return;
    this.arm(this.debounceMs(), false);
  }

  /** A file opened or changed on disk: run on the next turn, batching whatever else arrives meanwhile. */
  soon(): void {
    if (this.timer && this.urgent) return;
    this.arm(0, true);
  }

  get pending(): boolean {
    return this.timer !== undefined;
  }

  cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.urgent = false;
  }

  private arm(delay: number, urgent: boolean): void {
    clearTimeout(this.timer);
    this.urgent = urgent;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.urgent = false;
      this.run();
    }, delay);
  }
}
