/** A real SMTP server on loopback (smtp-server) that keeps every message it accepts, parsed by mailparser. */
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface CaughtMail {
  to: string;
  messageId: string;
  subject: string;
  text: string;
  html: string;
  headers: ParsedMail['headers'];
  /** every header line as sent, by lower-case name */
  lines: Record<string, string>;
  /** the URL in the List-Unsubscribe header */
  listUnsubscribe?: string;
}

export interface Catcher {
  url: string;
  mails: CaughtMail[];
  /** Answers RCPT TO for this address with a permanent failure (a bounce). */
  rejectRecipient(address: string): void;
  /** Resolves when at least `n` mails arrived; rejects after `ms`. */
  waitFor(n: number, ms?: number): Promise<CaughtMail[]>;
  close(): Promise<void>;
}

export async function startCatcher(): Promise<Catcher> {
  const mails: CaughtMail[] = [];
  const rejected = new Set<string>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    // many clients at once, like a real relay
    maxClients: 100,
    onRcptTo(address, _session, callback) {
      if (rejected.has(address.address.toLowerCase())) {
        const error = new Error('No such user here') as Error & { responseCode: number };
        error.responseCode = 550;
        return callback(error);
      }
      callback();
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const to = session.envelope.rcptTo.map((r) => r.address).join(',');
          const lines = Object.fromEntries(parsed.headerLines.map((h) => [h.key, h.line.replace(/^[^:]*:\s*/, '')]));
          const lu = lines['list-unsubscribe'];
          mails.push({
            to,
            messageId: parsed.messageId ?? '',
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : '',
            headers: parsed.headers,
            lines,
            listUnsubscribe: lu?.replace(/^<|>$/g, ''),
          });
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  // a client that dies mid-conversation (the crash test kills the server) is the client's problem, not the catcher's
  server.on('error', () => {});
  const port = await new Promise<number>((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve((server.server.address() as { port: number }).port));
  });
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    rejectRecipient: (address) => rejected.add(address.toLowerCase()),
    async waitFor(n, ms = 30_000) {
      const deadline = Date.now() + ms;
      while (mails.length < n) {
        if (Date.now() > deadline) throw new Error(`expected ${n} mails within ${ms} ms, got ${mails.length}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      return mails;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
