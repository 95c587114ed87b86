/**
 * English messages of the validation rules, keyed `field.rule` with `{name}` placeholders from the rule's params.
 * The server and Node code get these; browser builds get `messages.browser.ts` instead (package.json `browser`
 * field), because elements show their own localised string per `field.rule` and never this text.
 */
const MESSAGES: Record<string, string> = {
  'kind.required': 'Choose compliment, idea or complaint.',
  'kind.invalid': 'Kind must be compliment, idea or complaint.',
  'text.required': 'Tell us in your own words.',
  'text.too_long': 'Please keep it to {max} characters (now {length}).',
  'text.control': 'The text contains invisible control characters; please remove them.',
  'email.required': 'Enter your email address.',
  'email.too_long': 'An email address has at most {max} characters.',
  'email.invalid': 'Enter an email address like name@example.com.',
  'topic.invalid': 'A topic is a slug of lowercase letters, digits and single hyphens, at most {max} long.',
  'pageUrl.invalid': 'The page address is not a valid http(s) URL.',
  'locale.invalid': 'The locale is not a BCP 47 language tag.',
  'contact.invalid': 'Contact must be an object with email and consent.',
  'consent.required': 'Tick the box to let us use your email to tell you what we did.',
  'body.invalid': 'Send a JSON object with kind and text.',
  'meToo.invalid': 'Send a JSON object with key.',
  'since.invalid': 'since must be like 7d, 30d, 365d (at most {max} days) or all.',
  'since.oneOf': 'since is one of {values}.',
  'kinds.invalid': 'kinds is a comma-separated list of compliment, idea, complaint.',
  'limit.invalid': 'limit must be a whole number from 1 to {max}.',
  'before.invalid': 'before is the id of an update of this topic.',
  'term.invalid': 'term is the cloud term whose quotes you want: not blank, at most {max} characters.',
  'expectedBy.invalid': 'expectedBy is a calendar date like 2026-03-12.',
  'expectedBy.past': 'expectedBy cannot be in the past (the earliest is {min}).',
  'idempotencyKey.invalid': "The idempotency key must be {min}–{max} characters of letters, digits, '_' or '-'.",
};

/**
 * The English message of a failed rule.
 * @param id `field.rule`, or the rule's own name when the field varies (`idempotencyKey.invalid`, `meToo.invalid`)
 */
export function describeRule(id: string, params: Record<string, string | number>): string {
  const template = MESSAGES[id] ?? id;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
