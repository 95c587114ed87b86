/** The adapter conformance suite against the reference `MemoryAdapter`, under node:test. */
import { describe, it } from 'node:test';
import { MemoryAdapter } from './memory-adapter.js';
import { adapterConformance } from './testing/conformance.js';

adapterConformance(
  'MemoryAdapter',
  async () => {
    // a clock that moves on by 1 ms per reading, so no two writes share a time (as on a real server)
    let tick = 0;
    const adapter = new MemoryAdapter({ site: 'conformance', now: () => Date.now() + tick++ });
    return {
      adapter,
      fixtures: {
        createTopic: async (slug, title, incident) => void adapter.createTopic(slug, title, incident),
        setTopicStatus: async (slug, status, message, expectedBy) => void adapter.setTopicStatus(slug, status, message, expectedBy),
        reply: async (id, text) => adapter.reply(id, text),
        announce: async (title, body, topic) => void adapter.announce(title, body, topic),
        hide: async (id) => adapter.hide(id),
        age: async (days) => adapter.backdate(days),
      },
    };
  },
  { describe, it },
);
