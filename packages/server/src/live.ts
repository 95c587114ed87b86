import type { ServerResponse } from 'node:http';
import type { LiveEvent } from '@voc-kit/protocol/model.js';
import { EVENTS_CHANNEL, type Store } from './store/index.js';
import type { SequencedBatch } from './store/events.js';

/** One open Server-Sent Events connection. */
interface Connection {
  res: ServerResponse;
  /** Last event id written to it. */
  last: bigint;
  /** Events that arrived while its backlog was being read. */
  buffer?: LiveEvent[];
}

interface SiteState {
  connections: Set<Connection>;
  /** Last event id read back for this site. */
  last: bigint;
  reading: boolean;
  again: boolean;
}

const MAX_BUFFERED = 1_000_000;
const frame = (e: LiveEvent) => `id: ${e.id}\ndata: ${JSON.stringify(e)}\n\n`;

/**
 * Live delivery. NOTIFY carries only `site:id`; on each notification this instance reads the site's new events
 * back from the events table once and writes them to every open connection of that site. So every instance
 * delivers every event, and a reconnect with Last-Event-ID resumes from the table.
 *
 * The events this instance's own sequencer gave ids come straight from it (`store.sequencedListeners`), without
 * waiting for the notification and reading them back: written at once when they follow the last event this hub
 * wrote for the site (the sequencing run tells the site's id before them), read back as above when they do not.
 * A notification of an id this hub already wrote reads nothing.
 */
export class LiveHub {
  private readonly sites = new Map<string, SiteState>();
  /** Sites whose last event id is being read for their first stream here. */
  private readonly starting = new Map<string, Promise<SiteState>>();
  private stopListening?: () => Promise<void>;
  private heartbeat?: NodeJS.Timeout;
  /** Batches written as the sequencer handed them, and read-backs of the events table (tests, benchmark). */
  readonly stats = { direct: 0, readBack: 0 };

  constructor(
    private readonly store: Store,
    private readonly heartbeatMs = 10_000,
  ) {}

  async start(): Promise<void> {
    this.stopListening = await this.store.db.listen(EVENTS_CHANNEL, (payload) => {
      const cut = payload.lastIndexOf(':');
      const site = payload.slice(0, cut);
      const seq = BigInt(payload.slice(cut + 1));
      // a run of this instance's sequencer under way may have given these ids (its notifications can come in
      // before its answer): once it handed its events over, only what is still missing is read back
      const check = () => {
        const state = this.sites.get(site);
        if (state && seq > state.last) void this.pull(site);
      };
      const running = this.store.sequencing;
      if (running) void running.then(check);
      else check();
    });
    this.store.sequencedListeners.add(this.sequenced);
    this.heartbeat = setInterval(() => {
      for (const state of this.sites.values()) for (const c of state.connections) c.res.write(': heartbeat\n\n');
    }, this.heartbeatMs);
    this.heartbeat.unref();
  }

  /** Number of open live connections on this instance. */
  get size(): number {
    let n = 0;
    for (const s of this.sites.values()) n += s.connections.size;
    return n;
  }

  /** Events this instance's sequencer just gave ids (committed): written at once when nothing is missing before them. */
  private readonly sequenced = (batches: SequencedBatch[]): void => {
    for (const { site, prev, events } of batches) {
      const state = this.sites.get(site);
      if (!state) continue;
      if (state.reading || state.last !== BigInt(prev)) {
        // a read is under way, or an event of another instance's run may lie between: read from the table
        if (BigInt(events.at(-1)!.id) > state.last) void this.pull(site);
        continue;
      }
      this.stats.direct++;
      this.deliver(state, events);
    }
  };

  /** Writes `events` (the site's next ones, oldest first) to every open connection of the site, once each. */
  private deliver(state: SiteState, events: LiveEvent[]): void {
    // one write per connection for the whole batch (hundreds of streams × every event would be as many writes)
    const frames = events.map(frame);
    const all = frames.join('');
    const first = BigInt(events[0].id);
    const last = BigInt(events.at(-1)!.id);
    state.last = last;
    for (const c of state.connections) {
      if (c.buffer) c.buffer.push(...events);
      else if (c.last < last) {
        // a reader that stopped reading is cut off; it reconnects and resumes from the table
        if (c.res.writableLength > MAX_BUFFERED) c.res.destroy();
        else {
          c.res.write(c.last < first ? all : frames.filter((_, i) => BigInt(events[i].id) > c.last).join(''));
          c.last = last;
        }
      }
    }
  }

  /** Reads a site's new events once and fans them out; notifications during the read trigger one more read. */
  private async pull(site: string): Promise<void> {
    const state = this.sites.get(site);
    if (!state) return;
    if (state.reading) {
      state.again = true;
      return;
    }
    state.reading = true;
    try {
      do {
        state.again = false;
        const events = await this.store.eventsAfter(site, state.last.toString());
        this.stats.readBack++;
        if (events.length) this.deliver(state, events);
        if (events.length === 1000) state.again = true;
      } while (state.again);
    } catch {
      // the next notification or reconnect reads again; nothing is lost, events stay in the table
    } finally {
      state.reading = false;
    }
  }

  /** Opens a stream on `res` for `site`, resuming after `after` (or from now). */
  async open(site: string, res: ServerResponse, after: string | undefined, headers: Record<string, string>): Promise<void> {
    res.writeHead(200, {
      ...headers,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write('retry: 2000\n\n');
    let state = this.sites.get(site);
    if (!state) {
      // the streams that open together on a site nobody follows here yet share one query
      let starting = this.starting.get(site);
      if (!starting) {
        starting = this.store
          .lastEventId(site)
          .then((last) => {
            const fresh: SiteState = { connections: new Set(), last: BigInt(last), reading: false, again: false };
            if (!this.sites.has(site)) this.sites.set(site, fresh);
            return this.sites.get(site)!;
          })
          .finally(() => this.starting.delete(site));
        this.starting.set(site, starting);
      }
      state = await starting;
    }
    const conn: Connection = { res, last: after !== undefined ? BigInt(after) : state.last, buffer: [] };
    state.connections.add(conn);
    const close = () => {
      const s = this.sites.get(site);
      s?.connections.delete(conn);
      if (s && s.connections.size === 0 && !s.reading) this.sites.delete(site);
    };
    res.on('close', close);
    try {
      if (after !== undefined) {
        // backlog straight from the table
        for (;;) {
          const events = await this.store.eventsAfter(site, conn.last.toString());
          for (const e of events) {
            res.write(frame(e));
            conn.last = BigInt(e.id);
          }
          if (events.length < 1000) break;
        }
      }
      for (const e of conn.buffer ?? [])
        if (BigInt(e.id) > conn.last) {
          res.write(frame(e));
          conn.last = BigInt(e.id);
        }
      // where this stream stands: EventSource reconnects with it as Last-Event-ID even before any event came,
      // and clients that listen for `position` learn it (it never reaches `onmessage`)
      res.write(`id: ${conn.last}\nevent: position\ndata: ${conn.last}\n\n`);
    } finally {
      conn.buffer = undefined;
    }
  }

  /** Ends every open stream on this instance; returns how many. Clients reconnect and resume by event id. */
  disconnectAll(): number {
    let n = 0;
    for (const state of this.sites.values())
      for (const c of state.connections) {
        c.res.end();
        n++;
      }
    return n;
  }

  /**
   * Stops: every open stream gets a `reconnect` event and a short retry, then ends. Clients (EventSource does
   * this by itself) reconnect, to another instance behind the balancer, and resume by Last-Event-ID.
   */
  async stop(): Promise<void> {
    this.store.sequencedListeners.delete(this.sequenced);
    clearInterval(this.heartbeat);
    await this.stopListening?.();
    for (const state of this.sites.values())
      for (const c of state.connections) c.res.end(`retry: 500\nevent: reconnect\ndata: {"reason":"shutdown"}\n\n`);
    this.sites.clear();
  }
}
