/**
 * Browser builds' stand-in for `messages.ts` (package.json `browser` field): elements show their own localised
 * string per `field.rule`, so a rule's message here is only for developers, e.g. `text.too_long (max 4000, length 4012)`.
 * The English sentences stay on the server, which sends them with every refusal.
 */
export function describeRule(id: string, params: Record<string, string | number>): string {
  const values = Object.entries(params).map(([name, value]) => `${name} ${value}`);
  return values.length ? `${id} (${values.join(', ')})` : id;
}
