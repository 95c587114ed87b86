import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { LiveEvent, Unsubscribe, VocAdapter } from '@voc-kit/protocol';

/**
 * An element's live subscription to its backend, the one pattern of the cloud, the status feed and the pulse:
 * `use(adapter)` subscribes (once per adapter; another adapter ends the subscription to the one before), `online`
 * says whether the connection is up (the element renders again when it changes), and `onBack` runs when it comes
 * back after a drop, for the element to catch up on what it missed. The subscription ends with `stop()` or when the
 * element leaves the page.
 *
 * ```ts
 * #live = new Live(this, (event) => this.#onLive(event), () => this.reload());
 * render() { return this.#live.online ? nothing : html`<p>${this.#i18n.t('offline')}</p>`; }
 * ```
 */
export class Live implements ReactiveController {
  /** Whether the connection is up: false from a drop until it is back. */
  online = true;
  #host: ReactiveControllerHost;
  #onEvent: (event: LiveEvent) => void;
  #onBack?: () => void;
  #adapter?: VocAdapter;
  #stop?: Unsubscribe;

  constructor(host: ReactiveControllerHost, onEvent: (event: LiveEvent) => void, onBack?: () => void) {
    (this.#host = host).addController(this);
    this.#onEvent = onEvent;
    this.#onBack = onBack;
  }

  /** Subscribes to `adapter`'s live events, unless already subscribed to it; throws what `subscribe` throws. */
  use(adapter: VocAdapter): void {
    if (adapter === this.#adapter) return;
    this.stop();
    this.#stop = adapter.subscribe(this.#onEvent, {
      onConnection: (up) => {
        if (up === this.online) return;
        if (up) this.#onBack?.();
        this.online = up;
        this.#host.requestUpdate();
      },
    });
    this.#adapter = adapter;
  }

  /** Ends the subscription. */
  stop(): void {
    this.#stop?.();
    this.#stop = this.#adapter = undefined;
  }

  hostDisconnected(): void {
    this.stop();
  }
}
