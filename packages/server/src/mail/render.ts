import { MAIL_STRINGS, fill, mailLocale, type MailLocale, type MailStrings } from './strings.js';

/** What a mail is about; the payload is written with the action, so a mail sent again after a crash is the same. */
export type MailKind = 'reply' | 'announcement' | 'status' | 'incident' | 'ask';

export interface MailPayload {
  siteName: string;
  topic?: string;
  topicTitle?: string;
  /** reply: the team's text; announcement: its body; status/incident: the dated note */
  text?: string;
  /** announcement title */
  title?: string;
  /** reply author, e.g. "Priya, Customer care" */
  author?: string;
  /** the customer's own words (reply), shortened */
  original?: string;
  status?: string;
  expectedBy?: string;
}

/** One entry of a message: a digest has several. */
export interface MailPart {
  kind: MailKind;
  payload: MailPayload;
  at: string;
}

export interface MailLinks {
  /** the private thread link (reply, ask) */
  thread?: string;
  confirm?: string;
  reopen?: string;
  unsubscribeTopic?: string;
  unsubscribeAll: string;
  digest?: string;
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
  lang: MailLocale;
  dir: 'ltr' | 'rtl';
}

/** Escapes text for HTML: customer and team text is only ever text in a mail. */
export const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function formatDate(iso: string, lang: MailLocale): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(d);
}

/** Paragraphs of one part, as plain text lines (null = the place of a link). */
function partLines(part: MailPart, s: MailStrings, lang: MailLocale): { heading?: string; lines: string[] } {
  const p = part.payload;
  const topic = p.topicTitle ?? p.topic ?? '';
  const status = p.status ? (s.statuses[p.status] ?? p.status) : '';
  const expected = p.expectedBy ? [fill(s.expectedBy, { date: formatDate(p.expectedBy, lang) })] : [];
  switch (part.kind) {
    case 'reply':
      return {
        lines: [
          p.author ? fill(s.replyIntroNamed, { author: p.author }) : s.replyIntro,
          p.text ?? '',
          ...(p.original ? [s.youWrote, `“${p.original}”`] : []),
        ],
      };
    case 'announcement':
      return { heading: p.title, lines: [fill(s.announcementIntro, { topic }), p.text ?? '', ...expected] };
    case 'status':
      return { lines: [fill(s.statusIntro, { topic, status }), ...(p.text ? [p.text] : []), ...expected] };
    case 'incident':
      return { lines: [fill(s.incidentIntro, { topic, status }), ...(p.text ? [p.text] : [])] };
    case 'ask':
      return { lines: [fill(s.askIntro, { topic }), ...(p.text ? [p.text] : [])] };
  }
}

function subjectOf(parts: MailPart[], s: MailStrings): string {
  const first = parts[0];
  const p = first.payload;
  const topic = p.topicTitle ?? p.topic ?? '';
  const site = p.siteName;
  if (parts.length > 1) return fill(s.digestSubject, { site, topic });
  const status = p.status ? (s.statuses[p.status] ?? p.status) : '';
  switch (first.kind) {
    case 'reply':
      return fill(s.replySubject, { site });
    case 'announcement':
      return `${site}: ${p.title ?? topic}`;
    case 'status':
      return fill(s.statusSubject, { site, topic, status });
    case 'incident':
      return fill(s.incidentSubject, { site, topic, status });
    case 'ask':
      return fill(s.askSubject, { site });
  }
}

/** Plain, accessible HTML and a text part; no images, no tracking, links are plain URLs. */
export function renderMail(parts: MailPart[], links: MailLinks, locale: string | null | undefined): RenderedMail {
  const lang = mailLocale(locale);
  const s = MAIL_STRINGS[lang];
  const dir = lang === 'ar' ? 'rtl' : 'ltr';
  const site = parts[0].payload.siteName;
  const subject = subjectOf(parts, s).replace(/[\r\n]+/g, ' ');
  const blocks = parts.map((part) => partLines(part, s, lang));
  const topic = parts[0].payload.topicTitle ?? parts[0].payload.topic ?? '';
  const intro = parts.length > 1 ? [fill(s.digestIntro, { topic })] : [];

  const actions: Array<[string, string]> = [];
  if (links.confirm) actions.push([s.askYes, links.confirm]);
  if (links.reopen) actions.push([s.askNo, links.reopen]);
  if (links.thread) actions.push([s.threadLink, links.thread]);
  const footer: Array<[string, string]> = [];
  if (links.unsubscribeTopic) footer.push([s.unsubscribeTopic, links.unsubscribeTopic]);
  footer.push([fill(s.unsubscribeAll, { site }), links.unsubscribeAll]);
  if (links.digest) footer.push([s.dailyDigest, links.digest]);
  const why = fill(s.footerWhy, { site });

  const text = [
    ...intro,
    ...blocks.map((b) => [...(b.heading ? [b.heading] : []), ...b.lines].join('\n\n')),
    ...actions.map(([label, url]) => `${label}:\n${url}`),
    `-- \n${why}\n${footer.map(([label, url]) => `${label}: ${url}`).join('\n')}`,
  ].join('\n\n');

  const para = (t: string) => `<p>${escapeHtml(t).replace(/\n/g, '<br>')}</p>`;
  const html = `<!doctype html>
<html lang="${lang}" dir="${dir}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(subject)}</title></head>
<body>
<main>
${intro.map(para).join('\n')}
${blocks
  .map((b) => `<section>${b.heading ? `<h1>${escapeHtml(b.heading)}</h1>` : ''}${b.lines.map(para).join('')}</section>`)
  .join('\n<hr>\n')}
${actions.length ? `<ul>${actions.map(([label, url]) => `<li><a href="${escapeHtml(url)}">${escapeHtml(label)}</a></li>`).join('')}</ul>` : ''}
</main>
<footer>
<p>${escapeHtml(why)}</p>
<p>${footer.map(([label, url]) => `<a href="${escapeHtml(url)}">${escapeHtml(label)}</a>`).join(' · ')}</p>
</footer>
</body>
</html>
`;
  return { subject, text, html, lang, dir };
}
