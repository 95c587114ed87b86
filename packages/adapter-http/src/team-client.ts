/**
 * The typed client of the team API (`/v1/team`), used by `<voc-team-console>`. Same-origin by default: the session
 * is an HttpOnly cookie the browser sends by itself, so no token is ever kept in script or storage. Automation can
 * pass `token` instead (a bearer token with a role).
 */
import { NetworkError } from '@voc-kit/protocol/errors.js';
import { readAnswer } from './answer.js';
import type { Announcement, Feedback, IncidentStatus, Kind, ThreadEntry, Thread, Topic, TopicStatus } from '@voc-kit/protocol/model.js';
import type { AuditEntry, InboxFlag, TeamActor, TeamMember, TeamRole } from '@voc-kit/protocol/team.js';

/** Feedback as the team sees it (with the contact e-mail when the customer consented). */
export interface TeamItem extends Feedback {
  contact?: { email: string };
}

export interface InboxQuery extends Partial<Record<InboxFlag, boolean>> {
  q?: string;
  kind?: Kind;
  status?: string;
  topic?: string;
  term?: string;
  cursor?: string;
  limit?: number;
}

export interface TeamSite {
  key: string;
  name: string;
  origins: string[];
}

export interface TeamToken {
  id: string;
  name: string;
  role: TeamRole;
  createdAt?: string;
}

export interface TeamWebhook {
  id: string;
  url: string;
  events: string[];
  pending?: number;
  failed?: number;
}

/** A mail in the development mailbox (user text: show as text, never as markup). */
export interface DevMail {
  id: string;
  site: string;
  to: string;
  subject: string;
  text: string;
  html?: string;
  createdAt: string;
}

/** Whom a GDPR request is about. */
export type Person = { email: string } | { receipt: string };

export interface Suggestion {
  term: string;
  ids: string[];
  shared: string[];
  score: number;
}

export interface TeamClientOptions {
  /** Server origin; '' (the default) is this page's origin. */
  base?: string;
  /** A bearer token for automation; without it the session cookie is used. */
  token?: string;
  fetch?: typeof fetch;
}

const query = (q: object): string => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== '' && v !== false) p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
};

export class TeamClient {
  private readonly base: string;
  private readonly token?: string;
  private readonly fetchImpl: typeof fetch;

  constructor(options: TeamClientOptions = {}) {
    this.base = (options.base ?? '').replace(/\/$/, '');
    this.token = options.token;
    this.fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    let res: Response;
    try {
      res = await this.fetchImpl(this.base + path, {
        method,
        headers,
        credentials: 'same-origin',
        ...(body !== undefined && { body: JSON.stringify(body) }),
      });
    } catch (error) {
      throw new NetworkError(undefined, { cause: error });
    }
    return readAnswer<T>(res);
  }

  /** The site's live event stream (public: ids and public data only), for an EventSource. */
  eventsUrl(site: string): string {
    return `${this.base || location.origin}/v1/sites/${encodeURIComponent(site)}/events`;
  }

  private site(site: string): string {
    return `/v1/team/sites/${encodeURIComponent(site)}`;
  }

  // sign-in
  signIn(token: string): Promise<{ member: TeamMember; expiresAt: string }> {
    return this.call('POST', '/v1/team/session', { token });
  }
  /** Who is signed in; rejects with UnauthorizedError when nobody is. */
  me(): Promise<{ actor: TeamActor; member?: TeamMember }> {
    return this.call('GET', '/v1/team/session');
  }
  signOut(): Promise<void> {
    return this.call('DELETE', '/v1/team/session');
  }

  // members, tokens, audit (owners)
  members(): Promise<{ members: TeamMember[] }> {
    return this.call('GET', '/v1/team/members');
  }
  invite(input: { name: string; title?: string; role: TeamRole }): Promise<{ member: TeamMember; invite: { token: string; url: string } }> {
    return this.call('POST', '/v1/team/members', input);
  }
  updateMember(id: string, patch: { name?: string; title?: string; role?: TeamRole }): Promise<TeamMember> {
    return this.call('PATCH', `/v1/team/members/${id}`, patch);
  }
  removeMember(id: string): Promise<void> {
    return this.call('DELETE', `/v1/team/members/${id}`);
  }
  signOutMember(id: string): Promise<{ revoked: number }> {
    return this.call('DELETE', `/v1/team/members/${id}/sessions`);
  }
  audit(before?: string): Promise<{ entries: AuditEntry[]; next?: string }> {
    return this.call('GET', `/v1/team/audit${query({ before })}`);
  }

  // reads
  sites(): Promise<{ sites: TeamSite[] }> {
    return this.call('GET', '/v1/team/sites');
  }
  inbox(site: string, q: InboxQuery = {}): Promise<{ items: TeamItem[]; next?: string }> {
    return this.call('GET', `${this.site(site)}/inbox${query(q)}`);
  }
  terms(site: string, q: InboxQuery = {}): Promise<{ terms: Array<{ term: string; count: number; counts: Record<Kind, number> }> }> {
    return this.call('GET', `${this.site(site)}/terms${query(q)}`);
  }
  suggestions(site: string): Promise<{ suggestions: Suggestion[] }> {
    return this.call('GET', `${this.site(site)}/suggestions`);
  }
  item(site: string, id: string): Promise<Thread & { feedback: TeamItem; earlier: TeamItem[] }> {
    return this.call('GET', `${this.site(site)}/items/${id}`);
  }
  topics(site: string): Promise<{ topics: Topic[] }> {
    return this.call('GET', `${this.site(site)}/topics`);
  }

  // triage and answers (agents)
  act(site: string, id: string, action: 'heard' | 'hide' | 'restore' | 'approve'): Promise<TeamItem> {
    return this.call('POST', `${this.site(site)}/items/${id}/${action}`);
  }
  reply(site: string, id: string, text: string): Promise<ThreadEntry> {
    return this.call('POST', `${this.site(site)}/items/${id}/replies`, { text });
  }
  group(
    site: string,
    input: { topic: string; title?: string; ids?: string[]; term?: string; q?: string },
  ): Promise<{ topic: Topic; grouped: number }> {
    return this.call('POST', `${this.site(site)}/group`, input);
  }
  moveTopic(
    site: string,
    topic: string,
    patch: { status?: TopicStatus | IncidentStatus; message?: string; title?: string; expectedBy?: string | null },
  ): Promise<Topic> {
    return this.call('PATCH', `${this.site(site)}/topics/${encodeURIComponent(topic)}`, patch);
  }
  /** Merges `topic` into `into`: its items, followers (each once) and announcements move; it stays as "merged into". */
  mergeTopic(
    site: string,
    topic: string,
    into: string,
  ): Promise<{ from: Topic; into: Topic; moved: { items: number; followers: number; announcements: number } }> {
    return this.call('POST', `${this.site(site)}/topics/${encodeURIComponent(topic)}/merge`, { into });
  }
  announce(
    site: string,
    topic: string,
    input: { title: string; body: string },
  ): Promise<{ announcement: Announcement; followers: number }> {
    return this.call('POST', `${this.site(site)}/topics/${encodeURIComponent(topic)}/announcements`, input);
  }
  openIncident(site: string, input: { slug: string; title: string; status?: IncidentStatus; message?: string }): Promise<Topic> {
    return this.call('POST', `${this.site(site)}/incidents`, input);
  }

  // settings (owners)
  tokens(): Promise<{ tokens: TeamToken[] }> {
    return this.call('GET', '/v1/team/tokens');
  }
  createToken(input: { name: string; role: TeamRole }): Promise<TeamToken & { token: string }> {
    return this.call('POST', '/v1/team/tokens', input);
  }
  revokeToken(id: string): Promise<void> {
    return this.call('DELETE', `/v1/team/tokens/${encodeURIComponent(id)}`);
  }
  setOrigins(site: string, origins: string[]): Promise<TeamSite> {
    return this.call('PATCH', this.site(site), { origins });
  }
  webhooks(site: string): Promise<{ webhooks: TeamWebhook[] }> {
    return this.call('GET', `${this.site(site)}/webhooks`);
  }
  addWebhook(site: string, url: string): Promise<TeamWebhook & { secret: string }> {
    return this.call('POST', `${this.site(site)}/webhooks`, { url });
  }
  removeWebhook(site: string, id: string): Promise<void> {
    return this.call('DELETE', `${this.site(site)}/webhooks/${encodeURIComponent(id)}`);
  }
  /** Development without SMTP: the mails the server would have sent, newest first. */
  devMailbox(): Promise<{ enabled: boolean; mails: DevMail[] }> {
    return this.call('GET', '/v1/team/mail/dev-mailbox');
  }

  // GDPR (owners): everything about one person, by contact e-mail or receipt
  exportData(who: Person): Promise<{ feedback: Array<Record<string, unknown>>; follows: Array<{ site: string; topic: string }> }> {
    return this.call('GET', `/v1/team/export${query(who)}`);
  }
  deleteData(who: Person): Promise<{ deleted: number }> {
    return this.call('DELETE', `/v1/team/data${query(who)}`);
  }
}
