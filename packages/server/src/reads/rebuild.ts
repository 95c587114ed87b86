import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MIGRATIONS_DIR, type Db } from '../db.js';
import { markChanged } from './cache.js';
import { FOLD_LOCK } from './cloud.js';

/**
 * The backfill migrations: the one definition of every read model as a recount of the stored rows (042 recounts
 * the pulse's duration histograms by protocol's rule, replacing 041's; 064 sums them by month; 067 the cloud windows,
 * per topic too).
 */
export const BACKFILL_MIGRATIONS = [
  '041_backfill_read_models.sql',
  '042_pulse_rule.sql',
  '064_pulse_duration_months.sql',
  '067_cloud_windows_recount.sql',
];

/**
 * Recomputes every read model from the stored rows, in one transaction: after a bulk load that wrote feedback,
 * thread entries and per-day cloud terms directly (scripts/bench-scale.mjs), or to check the incremental path
 * (the tests compare the two). Pending cloud deltas are folded first.
 */
export async function rebuildReadModels(db: Db): Promise<void> {
  const backfill = BACKFILL_MIGRATIONS.map((f) => readFileSync(join(MIGRATIONS_DIR, f), 'utf8'));
  const changed = await db.tx(async (sql) => {
    // the sequencing's lock (migrations/060) and the fold's
    await sql.query('SELECT pg_advisory_xact_lock(7260042), pg_advisory_xact_lock($1)', [FOLD_LOCK]);
    await sql.query(
      `WITH d AS (DELETE FROM cloud_deltas RETURNING site, day, kind, topic, terms, delta)
       INSERT INTO cloud_terms AS t (site, day, kind, topic, term, count)
       SELECT site, day, kind, topic, x, sum(delta)::int FROM d, unnest(d.terms) AS x GROUP BY 1, 2, 3, 4, 5
       ON CONFLICT (site, day, kind, topic, term) DO UPDATE SET count = t.count + EXCLUDED.count`,
    );
    // each whole file as one script, as the migration runner runs it
    for (const script of backfill) await sql.exec(script);
    const sites = await sql.query<{ key: string }>(
      "SELECT key, pg_notify('voc_reads', key || ':' || nextval('read_versions')::text) FROM sites",
    );
    return sites.map((s) => s.key);
  });
  // this instance's cached answers go at once (other instances' at the notification)
  for (const site of changed) markChanged(site);
}
