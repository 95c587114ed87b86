import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** What `Load` needs of its element: `VocElement` is one. */
export interface LoadHost extends ReactiveControllerHost {
  /** Makes the element's `updateComplete` wait for `task` too. */
  track<T>(task: Promise<T>): Promise<T>;
}

/**
 * One piece of an element's async state (loading the feed, a thread, the quotes, the cloud, the pulse, submitting):
 * `run()` starts the job and aborts the run before it, whose late answer is then ignored; `status`, `value` and `error`
 * are what `render()` shows; the element's `updateComplete` waits for the run, so a test sees a settled state.
 * Chosen over `@lit/task` by weight (about 0.3 kB against 1 kB min+gzip) and because `updateComplete` waits for it.
 *
 * ```ts
 * #feed = new Load(this, (signal) => this.api.feed({ limit: 10 }, { signal }), (error) => this.fail(error, 'feed'));
 * render() { return this.#feed.status === 'ready' ? list(this.#feed.value) : loading(); }
 * ```
 */
export class Load<T, A extends unknown[] = []> implements ReactiveController {
  status: 'idle' | 'loading' | 'ready' | 'error' = 'idle';
  value?: T;
  error?: unknown;
  #host: LoadHost;
  #job: (signal: AbortSignal, ...args: A) => Promise<T>;
  #onError?: (error: unknown) => void;
  #untracked?: boolean;
  #run?: AbortController;

  /**
   * @param onError called with what a run threw (not for aborted runs)
   * @param untracked the element's `updateComplete` does not wait for a run (its render says it is loading)
   */
  constructor(
    host: LoadHost,
    job: (signal: AbortSignal, ...args: A) => Promise<T>,
    onError?: (error: unknown) => void,
    untracked?: boolean,
  ) {
    (this.#host = host).addController(this);
    this.#job = job;
    this.#onError = onError;
    this.#untracked = untracked;
  }

  /** Starts the job (aborting the previous run); resolves when it settled, true when it succeeded and is current. */
  run(...args: A): Promise<boolean> {
    this.abort();
    const run = (this.#run = new AbortController());
    this.status = 'loading';
    this.#host.requestUpdate();
    const current = () => this.#run === run && !run.signal.aborted;
    const settled = this.#job(run.signal, ...args).then(
      (value) => current() && ((this.value = value), (this.status = 'ready'), this.#host.requestUpdate(), true),
      (error: unknown) => {
        if (!current()) return false;
        this.error = error;
        this.status = 'error';
        this.#host.requestUpdate();
        this.#onError?.(error);
        return false;
      },
    );
    return this.#untracked ? settled : this.#host.track(settled);
  }

  /** Stops the current run: its answer, when it comes, changes nothing. */
  abort(): void {
    this.#run?.abort();
  }

  hostDisconnected(): void {
    this.abort();
  }
}
