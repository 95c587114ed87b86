import type { Store } from './store/index.js';

/**
 * Sample texts. They are marked by the site's name, the topics' titles and the demo page, not inside each text:
 * a word repeated in every text would become the biggest term of the cloud.
 */
const SAMPLES: Array<{ kind: 'compliment' | 'idea' | 'complaint'; text: string; topic?: string }> = [
  { kind: 'compliment', text: 'The delivery was fast and the packaging was lovely.', topic: 'delivery' },
  { kind: 'compliment', text: 'Friendly support team, quick answer by chat.' },
  { kind: 'idea', text: 'Please add a dark mode to the checkout page.', topic: 'checkout' },
  { kind: 'idea', text: 'A delivery time window would help me plan my day.', topic: 'delivery' },
  { kind: 'complaint', text: 'The delivery was late twice this month.', topic: 'delivery' },
  { kind: 'complaint', text: 'Checkout keeps failing with my card.', topic: 'checkout' },
];

/** Creates the development site `demo` (any http://localhost:* origin) with sample data, once. */
export async function seedDemo(store: Store): Promise<boolean> {
  if (await store.site('demo')) return false;
  let site;
  try {
    site = await store.createSite({
      key: 'demo',
      name: 'Demo shop (sample data)',
      origins: ['http://localhost:*', 'http://127.0.0.1:*'],
      sample: true,
    });
  } catch {
    return false; // another instance created it at the same moment
  }
  await store.createTopic('demo', { slug: 'delivery', title: 'Delivery (sample)' });
  await store.createTopic('demo', { slug: 'checkout', title: 'Checkout (sample)' });
  for (const [i, s] of SAMPLES.entries())
    await store.submit(site, { kind: s.kind, text: s.text, locale: 'en', ...(s.topic && { topic: s.topic }) }, `demo-sample-${i}`);
  await store.updateTopic('demo', 'delivery', {
    status: 'planned',
    message: 'Sample update: we are adding delivery time windows by next month.',
  });
  await store.announce('demo', {
    title: 'Sample announcement: delivery time windows are coming',
    body: 'This is sample data of the demo site. Choose a two-hour window at checkout from next month.',
    topic: 'delivery',
  });
  return true;
}
