/** The adapter conformance suite against `LocalAdapter` on this browser's IndexedDB, under mocha. */
import { createStore, entries, setMany } from 'idb-keyval';
import { adapterConformance } from '@voc-kit/protocol/testing';
import type { StoredFeedback } from '@voc-kit/protocol/adapter-logic.js';
import { randomToken } from '@voc-kit/protocol/random.js';
import { LocalAdapter } from './index.js';

const database = 'voc-conformance';

adapterConformance(
  'LocalAdapter',
  async () => {
    const site = randomToken(8);
    // a clock that moves on by 1 ms per reading, so no two writes share a time (as on a real server)
    let tick = 0;
    const adapter = new LocalAdapter({ site, database, now: () => Date.now() + tick++ });
    const store = createStore(database, 'kv');
    return {
      adapter,
      fixtures: {
        createTopic: async (slug, title, incident) => void (await adapter.createTopic(slug, title, incident)),
        setTopicStatus: async (slug, status, message, expectedBy) => void (await adapter.setTopicStatus(slug, status, message, expectedBy)),
        reply: (id, text) => adapter.reply(id, text),
        announce: async (title, body, topic) => void (await adapter.announce(title, body, topic)),
        hide: (id) => adapter.hide(id),
        // time passing: this site's stored items move back by whole days, straight in IndexedDB
        age: async (days) => {
          const back = (at: string) => new Date(Date.parse(at) - days * 86_400_000).toISOString();
          const mine = (await entries<IDBValidKey[], StoredFeedback>(store)).filter(([k]) => k[0] === 'feedback' && k[1] === site);
          for (const [, s] of mine) s.feedback.createdAt = back(s.feedback.createdAt);
          await setMany(mine, store);
        },
      },
    };
  },
  { describe, it },
);
