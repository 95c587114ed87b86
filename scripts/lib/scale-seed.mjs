// Shared by scripts/bench-scale.mjs and scripts/bench-pulse.mjs: a site of realistic feedback written through a
// bulk path, and sequential timing. Plain SQL over the server's tables; the caller passes the analyzer (`words`,
// `terms` from packages/protocol/src/text/analyze.ts), since these scripts load TypeScript sources under tsx.
import { createHash } from 'node:crypto';

const sha256 = (s) => createHash('sha256').update(s).digest('hex');

/**
 * The seeding helpers for `analyzer` ({ words, terms }): `vocab` (3,000 words the analyzer keeps as they are),
 * `seed(db, site, from, count)`, `seedTeam(db, site, count)`, `checkTerms(db, site)` and `receiptFor(db, site)`.
 */
export function seeder({ words, terms: termsOf }) {
  // ——— realistic text: 8–40 words, a 3,000-word vocabulary (Zipf-like), stop words between, 30 topics ———

  const SYL =
    'ba be bi bo bu da de di do du fa fe fi fo fu ga ge gi go gu ka ke ki ko ku la le li lo lu ma me mi mo mu na ne ni no nu pa pe pi po pu ra re ri ro ru ta te ti to tu va ve vi vo vu za ze zi zo zu'.split(
      ' ',
    );
  const vocab = [];
  for (let i = 0; vocab.length < 3000; i++) {
    const w = SYL[i % 60] + SYL[Math.floor(i / 60) % 60] + SYL[(Math.floor(i / 3600) + i * 7) % 60];
    // only words the analyzer keeps as they are (no stop word, no plural folding)
    const kept = words(w, { locale: 'en' });
    if (kept.length === 1 && kept[0] === w && !vocab.includes(w)) vocab.push(w);
  }
  const STOP = ['the', 'and', 'was', 'with', 'for', 'but', 'not', 'very', 'again', 'too'];

  /**
   * Bulk path: `count` items for `site`, created over the last 365 days, written with one statement per chunk into
   * feedback, followers and thread_entries, and their terms into cloud_terms (per day, kind and topic), as the
   * live path's sequencer would fold them. Terms are the analyzer's: distinct kept words plus two-word phrases of
   * adjacent kept words (checked against core's `terms()` on a sample below).
   */
  async function seed(db, site, from, count) {
    const CHUNK = 50_000;
    for (let start = from; start < from + count; start += CHUNK) {
      const n = Math.min(CHUNK, from + count - start);
      await db.exec('DROP TABLE IF EXISTS bench_items');
      await db.query(
        `CREATE TABLE bench_items AS
         SELECT g, gen_random_uuid() AS id, (ARRAY['compliment', 'idea', 'complaint'])[1 + g % 3] AS kind,
           CASE WHEN g % 10 < 3 THEN 'topic-' || (1 + (g * 7) % 30) END AS topic,
           now() - (random() * 365 * 86400) * interval '1 second' AS created_at,
           CASE WHEN g % 100 < 50 THEN 'received' WHEN g % 100 < 70 THEN 'heard' WHEN g % 100 < 90 THEN 'replied'
             WHEN g % 100 < 97 THEN (CASE WHEN g % 3 = 2 THEN 'resolved' ELSE 'replied' END) ELSE 'hidden' END AS status,
           w
         FROM (
           SELECT g, ARRAY(
             SELECT CASE WHEN random() < 0.4 THEN ($3::text[])[1 + floor(random() * 10)::int]
               ELSE ($4::text[])[1 + floor(3000 * power(random(), 2.5))::int] END
             FROM generate_series(1, 8 + (g * 13) % 33) AS k WHERE g > 0) AS w
           FROM generate_series($1::int, $1::int + $2::int - 1) AS g
         ) x`,
        [start, n, STOP, vocab],
      );
      await db.query(
        `INSERT INTO feedback (id, site, kind, text, topic, locale, status, receipt_hash, terms, created_at, updated_at)
         SELECT id, $1, kind, initcap(array_to_string(w, ' ')), topic, 'en', status, md5(id::text || 'r') || md5(id::text), ARRAY(
           SELECT DISTINCT t FROM (
             SELECT w[i] AS t FROM generate_subscripts(w, 1) AS i WHERE w[i] <> ALL($2)
             UNION ALL
             SELECT w[i - 1] || ' ' || w[i] FROM generate_subscripts(w, 1) AS i
             WHERE i > 1 AND w[i] <> ALL($2) AND w[i - 1] <> ALL($2) AND w[i - 1] <> w[i]
           ) y ORDER BY 1), created_at, created_at
         FROM bench_items`,
        [site, STOP],
      );
      // each item's idempotency claim, as a submission through HTTP leaves it (random hashes: the index a large site
      // inserts into at random pages)
      await db.query(
        `INSERT INTO idempotency (site, key_hash, body_hash, nonce, feedback_id, created_at)
         SELECT $1, encode(sha256(convert_to(id::text || 'k', 'UTF8')), 'hex'), encode(sha256(convert_to(id::text || 'b', 'UTF8')), 'hex'),
           md5(id::text || 'n'), id, created_at
         FROM bench_items`,
        [site],
      );
      await db.query(
        `INSERT INTO topics (site, slug, title) SELECT DISTINCT $1, topic, initcap(replace(topic, '-', ' ')) FROM bench_items
         WHERE topic IS NOT NULL ON CONFLICT DO NOTHING`,
        [site],
      );
      await db.query(
        `INSERT INTO followers (site, topic, who, feedback_id) SELECT $1, topic, 'feedback:' || id, id FROM bench_items WHERE topic IS NOT NULL`,
        [site],
      );
      // replies 0–95 h after submission; complaints confirmed resolved 1–200 h after (never in the future)
      await db.query(
        `INSERT INTO thread_entries (id, feedback_id, type, at, text)
         SELECT gen_random_uuid(), id, 'reply', least(now(), created_at + (g % 96) * interval '1 hour' + interval '5 minutes'), 'Thanks'
         FROM bench_items WHERE status IN ('replied', 'resolved')`,
      );
      await db.query(
        `INSERT INTO thread_entries (id, feedback_id, type, at, resolved)
         SELECT gen_random_uuid(), id, 'confirmation', least(now(), created_at + (1 + g % 200) * interval '1 hour'), true
         FROM bench_items WHERE status = 'resolved'`,
      );
      await db.query(
        `INSERT INTO cloud_terms AS c (site, day, kind, topic, term, count)
         SELECT f.site, (f.created_at AT TIME ZONE 'UTC')::date, f.kind, coalesce(f.topic, ''), t, count(*)
         FROM feedback f JOIN bench_items b ON b.id = f.id, unnest(f.terms) AS t
         WHERE f.status NOT IN ('hidden', 'pending', 'withdrawn') GROUP BY 1, 2, 3, 4, 5
         ON CONFLICT (site, day, kind, topic, term) DO UPDATE SET count = c.count + EXCLUDED.count`,
      );
      await db.exec('DROP TABLE bench_items');
    }
  }

  /** Team activity that grows with the site: announcements and topic moves over the year. */
  async function seedTeam(db, site, count) {
    await db.query(
      `INSERT INTO announcements (id, site, topic, at, title, body)
       SELECT gen_random_uuid(), $1, CASE WHEN g % 2 = 0 THEN 'topic-' || (1 + g % 30) END, now() - random() * interval '365 days',
         'Update ' || g, 'What we changed, number ' || g FROM generate_series(1, $2::int) AS g`,
      [site, count],
    );
    await db.query(
      `INSERT INTO topic_updates (id, site, topic, at, status, message)
       SELECT gen_random_uuid(), $1, 'topic-' || (1 + g % 30), now() - random() * interval '365 days',
         (ARRAY['planned', 'in-progress', 'done'])[1 + g % 3], 'Step ' || g FROM generate_series(1, $2::int) AS g
       WHERE EXISTS (SELECT 1 FROM topics WHERE site = $1 AND slug = 'topic-' || (1 + g % 30))`,
      [site, count],
    );
  }

  /** Checks the bulk path's terms against the analyzer on a sample: the bulk path must fill what the live path would. */
  async function checkTerms(db, site) {
    const rows = await db.query('SELECT text, terms FROM feedback WHERE site = $1 LIMIT 200', [site]);
    for (const r of rows) {
      const want = [...new Set(termsOf(r.text, { locale: 'en' }))].sort();
      const got = [...r.terms].sort();
      if (JSON.stringify(want) !== JSON.stringify(got)) throw new Error(`bulk terms differ for "${r.text}": ${got} vs ${want}`);
    }
  }

  /** A receipt for one seeded item with a topic (bulk rows get random receipt hashes). */
  async function receiptFor(db, site) {
    const receipt = `benchReceipt${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
    await db.query(
      `UPDATE feedback SET receipt_hash = $2 WHERE id = (SELECT id FROM feedback WHERE site = $1 AND topic IS NOT NULL AND status = 'replied' LIMIT 1)`,
      [site, sha256(receipt)],
    );
    return receipt;
  }
  return { vocab, STOP, seed, seedTeam, checkTerms, receiptFor };
}

/** The `p` quantile of sorted numbers. */
export const quantile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];

/** p50 and p95 (ms) of `samples` sequential calls of `fn`, after one warm-up call. */
export async function timeIt(fn, samples) {
  await fn(); // warm: plans, caches
  const ms = [];
  for (let i = 0; i < samples; i++) {
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  return { p50: quantile(ms, 0.5), p95: quantile(ms, 0.95) };
}
