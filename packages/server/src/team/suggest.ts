/** Suggested groupings: items that share rare-enough terms, scored TF-IDF style, each with why. A person confirms. */

export interface Suggestion {
  /** The term the items share, offered as the topic's name. */
  term: string;
  ids: string[];
  /** Other terms most of these items also use: the reason shown beside the suggestion. */
  shared: string[];
  score: number;
}

export function suggestGroups(items: ReadonlyArray<{ id: string; terms: readonly string[] }>, max = 8): Suggestion[] {
  const n = items.length;
  if (n < 2) return [];
  const byTerm = new Map<string, string[]>();
  for (const item of items) for (const term of new Set(item.terms)) byTerm.set(term, [...(byTerm.get(term) ?? []), item.id]);
  const termsOf = new Map(items.map((i) => [i.id, new Set(i.terms)]));
  const candidates: Suggestion[] = [];
  for (const [term, ids] of byTerm) {
    // a term on one item groups nothing; a term on most items tells nothing apart
    if (ids.length < 2 || (n >= 6 && ids.length > n / 2)) continue;
    const idf = Math.log(n / ids.length) + 1;
    // phrases ("late delivery") say more than single words
    const score = ids.length * idf * (term.includes(' ') ? 1.5 : 1);
    const together = new Map<string, number>();
    for (const id of ids) for (const t of termsOf.get(id) ?? []) if (t !== term) together.set(t, (together.get(t) ?? 0) + 1);
    const shared = [...together]
      .filter(([, c]) => c >= Math.max(2, ids.length / 2))
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, 5)
      .map(([t]) => t);
    candidates.push({ term, ids, shared, score: Math.round(score * 100) / 100 });
  }
  candidates.sort((a, b) => b.score - a.score || (a.term < b.term ? -1 : 1));
  // no two suggestions for (nearly) the same items
  const out: Suggestion[] = [];
  for (const c of candidates) {
    const same = out.some((o) => c.ids.filter((id) => o.ids.includes(id)).length > c.ids.length * 0.7);
    if (!same) out.push(c);
    if (out.length >= max) break;
  }
  return out;
}
