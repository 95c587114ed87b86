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

// one formatter per language: making one costs more than rendering the rest of a mail
const dateFormats = new Map<MailLocale, Intl.DateTimeFormat>();
function formatDate(iso: string, lang: MailLocale): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  let format = dateFormats.get(lang);
  if (!format) dateFormats.set(lang, (format = new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' })));
  return format.format(d);
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

const LINK_KEYS = ['thread', 'confirm', 'reopen', 'unsubscribeTopic', 'unsubscribeAll', 'digest'] as const;
type LinkKey = (typeof LINK_KEYS)[number];
/** Marks the place of a link in a rendered template; no text in a mail can hold it (PostgreSQL keeps no NUL in text or jsonb). */
const MARK = '\u0000';

/** A rendered mail with the places of its links: even entries are text, odd ones the name of the link that goes there. */
interface Template {
  subject: string;
  lang: MailLocale;
  dir: 'ltr' | 'rtl';
  text: string[];
  html: string[];
}

/**
 * Renders mails through a cache of templates: the mails of one announcement differ only in their links (each
 * recipient's own unsubscribe, digest, thread and confirm links), so the words are rendered once per message
 * content, language and set of links, and each mail only puts its links in.
 */
export class MailTemplates {
  private readonly templates = new Map<string, Template>();

  constructor(private readonly max = 500) {}

  render(parts: MailPart[], links: MailLinks, locale: string | null | undefined): RenderedMail {
    const present = LINK_KEYS.filter((k) => links[k]);
    const key = `${mailLocale(locale)}|${present.join(',')}|${parts.map((p) => `${p.kind}:${JSON.stringify(p.payload)}`).join('|')}`;
    let template = this.templates.get(key);
    if (!template) {
      const marked = Object.fromEntries(present.map((k) => [k, `${MARK}${k}${MARK}`])) as unknown as MailLinks;
      const mail = renderMail(parts, marked, locale);
      const text = mail.text.split(MARK);
      const html = mail.html.split(MARK);
      // a mark where no link was put (it cannot happen: see MARK) would send a wrong link: render this one plainly
      const sound = (pieces: string[]) => pieces.every((piece, i) => i % 2 === 0 || (present as string[]).includes(piece));
      if (!sound(text) || !sound(html) || mail.subject.includes(MARK)) return renderMail(parts, links, locale);
      template = { subject: mail.subject, lang: mail.lang, dir: mail.dir, text, html };
      if (this.templates.size >= this.max) this.templates.clear();
      this.templates.set(key, template);
    }
    const fill = (pieces: string[], escape: (s: string) => string) =>
      pieces.map((piece, i) => (i % 2 === 0 ? piece : escape(links[piece as LinkKey]!))).join('');
    return {
      subject: template.subject,
      lang: template.lang,
      dir: template.dir,
      text: fill(template.text, (s) => s),
      html: fill(template.html, escapeHtml),
    };
  }
}
