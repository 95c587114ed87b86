import addressparser from 'nodemailer/lib/addressparser';
import { foldLines } from 'nodemailer/lib/mime-funcs';
import MimeNode from 'nodemailer/lib/mime-node';

/** What a message carries, whatever its transport. */
export interface MimeMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  headers: Record<string, string>;
}

/** An address that goes into a header as it is: ASCII, no display name, nothing to quote or encode. */
const PLAIN_ADDRESS = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/;
/** Header values we write ourselves must be printable ASCII (a URL, a token): no line breaks, no encoding. */
const PLAIN_VALUE = /^[\x20-\x7e]*$/;

/** Base64 in lines of 76 characters (RFC 2045). */
function base64Lines(text: string): string {
  const b64 = Buffer.from(text.replace(/\r?\n/g, '\r\n')).toString('base64');
  const lines: string[] = [];
  for (let i = 0; i < b64.length; i += 76) lines.push(b64.slice(i, i + 76));
  return lines.join('\r\n');
}

/**
 * Builds the MIME source of the worker's messages (multipart/alternative: a text part and an HTML part, both UTF-8
 * in base64), so the pooled SMTP transport only sends bytes. Composing each message with nodemailer's own composer
 * cost several times more CPU than the SMTP conversation itself; the headers that need encoding (the sender's name,
 * the subject) are still encoded by nodemailer, once per distinct value. A message whose address or headers are not
 * plain ASCII is left to nodemailer (`build` answers undefined).
 */
export class MimeBuilder {
  private readonly fromLine: string;
  /** The sender's address alone, for the SMTP envelope. */
  readonly envelopeFrom: string;
  private readonly subjects = new Map<string, string>();
  private date = { second: -1, value: '' };

  constructor(from: string) {
    this.fromLine = foldLines(`From: ${MimeNode.encodeHeaderValue('From', from)}`, 76);
    const [first] = addressparser(from, { flatten: true });
    this.envelopeFrom = first?.address ?? from;
  }

  private subjectLine(subject: string): string {
    let line = this.subjects.get(subject);
    if (line === undefined) {
      line = foldLines(`Subject: ${MimeNode.encodeHeaderValue('Subject', subject)}`, 76);
      if (this.subjects.size >= 500) this.subjects.clear();
      this.subjects.set(subject, line);
    }
    return line;
  }

  private dateValue(): string {
    const now = Date.now();
    const second = Math.floor(now / 1000);
    if (second !== this.date.second) this.date = { second, value: new Date(now).toUTCString().replace(/GMT/, '+0000') };
    return this.date.value;
  }

  build(mail: MimeMail): Buffer | undefined {
    if (!PLAIN_ADDRESS.test(mail.to) || !/^<[\x21-\x7e]+>$/.test(mail.messageId)) return undefined;
    const extra = Object.entries(mail.headers);
    if (!extra.every(([k, v]) => /^[A-Za-z0-9-]+$/.test(k) && PLAIN_VALUE.test(v))) return undefined;
    // base64 parts never hold "-" or "_", so the boundary cannot occur in them; the row's id keeps it unique
    const boundary = `--_voc_${mail.messageId.replace(/[^A-Za-z0-9]/g, '').slice(0, 40)}`;
    const head = [
      this.fromLine,
      `To: ${mail.to}`,
      this.subjectLine(mail.subject),
      `Message-ID: ${mail.messageId}`,
      `Date: ${this.dateValue()}`,
      'MIME-Version: 1.0',
      ...extra.map(([k, v]) => `${k}: ${v}`),
      `Content-Type: multipart/alternative; boundary="${boundary}"`,
    ];
    return Buffer.from(
      `${head.join('\r\n')}\r\n\r\n` +
        `--${boundary}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n${base64Lines(mail.text)}\r\n` +
        `--${boundary}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n${base64Lines(mail.html)}\r\n` +
        `--${boundary}--\r\n`,
    );
  }
}
