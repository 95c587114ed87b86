import { randomUUID } from 'node:crypto';
import { ValidationError } from '@voc-kit/protocol/errors.js';
import type { Kind } from '@voc-kit/protocol/model.js';
import { INVITE_TTL_MS, SESSION_TTL_MS, TEAM_ROLES, type AuditEntry, type TeamMember, type TeamRole } from '@voc-kit/protocol/team.js';
import type { Db, Sql } from '../db.js';
import type { InboxItem } from '../store/index.js';
import { toInbox as toItem, type FeedbackRow } from '../store/rows.js';
import { iso, randomToken, sha256 } from '../util.js';

interface MemberRow {
  id: string;
  name: string;
  title: string;
  role: TeamRole;
  created_at: Date | string;
}
interface AuditRow {
  id: string;
  at: Date | string;
  actor: string;
  action: string;
  site: string | null;
  target: string | null;
}

export const toMember = (r: MemberRow): TeamMember => ({
  id: r.id,
  name: r.name,
  title: r.title,
  role: r.role,
  createdAt: iso(r.created_at),
});

/** Every configuration a search is tried in: the stemmers the index knows, and plain words. */
const SEARCH_QUERY = `(websearch_to_tsquery('simple', $Q) || websearch_to_tsquery('english', $Q) || websearch_to_tsquery('german', $Q)
  || websearch_to_tsquery('french', $Q) || websearch_to_tsquery('spanish', $Q) || websearch_to_tsquery('arabic', $Q))`;

export interface InboxFilter {
  q?: string;
  kind?: Kind;
  status?: string;
  topic?: string;
  contact?: boolean;
  awaiting?: boolean;
  reopened?: boolean;
  /** Items whose terms include this term or phrase (as the cloud counts them). */
  term?: string;
}

/** WHERE clause and parameters of an inbox filter (params start at $2; $1 is the site). */
function where(f: InboxFilter, params: unknown[]): string {
  const parts = ['site = $1'];
  const add = (value: unknown) => `$${params.push(value)}`;
  if (f.kind) parts.push(`kind = ${add(f.kind)}`);
  if (f.status) parts.push(`status = ${add(f.status)}`);
  else parts.push(`status <> 'withdrawn'`);
  if (f.topic) parts.push(`topic = ${add(f.topic)}`);
  if (f.contact) parts.push('contact_email IS NOT NULL');
  // a complaint the team answered that the customer has not confirmed yet
  if (f.awaiting) parts.push(`kind = 'complaint' AND status = 'replied'`);
  if (f.reopened) parts.push(`status = 'reopened'`);
  if (f.term) parts.push(`terms @> ARRAY[${add(f.term)}::text]`);
  if (f.q) parts.push(`search @@ ${SEARCH_QUERY.replaceAll('$Q', add(f.q))}`);
  return parts.join(' AND ');
}

/** The team's tables: members, invites, sessions, token roles, audit log, and the console's reads. */
export class TeamSql {
  constructor(readonly db: Db) {}

  // ——— members ———

  async members(): Promise<TeamMember[]> {
    return (await this.db.query<MemberRow>('SELECT * FROM team_members WHERE removed_at IS NULL ORDER BY created_at, id')).map(toMember);
  }

  async member(id: string): Promise<TeamMember | undefined> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
    const [r] = await this.db.query<MemberRow>('SELECT * FROM team_members WHERE id = $1 AND removed_at IS NULL', [id]);
    return r && toMember(r);
  }

  async addMember(input: { name: string; title: string; role: TeamRole }): Promise<TeamMember> {
    const [r] = await this.db.query<MemberRow>('INSERT INTO team_members (id, name, title, role) VALUES ($1, $2, $3, $4) RETURNING *', [
      randomUUID(),
      input.name,
      input.title,
      input.role,
    ]);
    return toMember(r);
  }

  async updateMember(id: string, patch: { name?: string; title?: string; role?: TeamRole }): Promise<TeamMember | undefined> {
    const [r] = await this.db.query<MemberRow>(
      `UPDATE team_members SET name = coalesce($2, name), title = coalesce($3, title), role = coalesce($4, role)
       WHERE id = $1 AND removed_at IS NULL RETURNING *`,
      [id, patch.name ?? null, patch.title ?? null, patch.role ?? null],
    );
    return r && toMember(r);
  }

  /** Removes a member and ends every session of theirs. */
  async removeMember(id: string): Promise<boolean> {
    return this.db.tx(async (sql) => {
      const rows = await sql.query('UPDATE team_members SET removed_at = now() WHERE id = $1 AND removed_at IS NULL RETURNING id', [id]);
      await this.revokeSessionsOf(sql, id);
      await sql.query('DELETE FROM team_invites WHERE member_id = $1', [id]);
      return rows.length > 0;
    });
  }

  /** The first owner: who a team token signs in as. Created on first use. */
  async firstOwner(): Promise<TeamMember> {
    const [r] = await this.db.query<MemberRow>(
      "SELECT * FROM team_members WHERE role = 'owner' AND removed_at IS NULL ORDER BY created_at, id LIMIT 1",
    );
    return r ? toMember(r) : this.addMember({ name: 'Owner', title: '', role: 'owner' });
  }

  // ——— invites and sign-in links ———

  /** A one-time link token for a member (shown once; only its hash is kept). */
  async invite(memberId: string, ttlMs = INVITE_TTL_MS): Promise<string> {
    const token = randomToken(24);
    await this.db.query(`INSERT INTO team_invites (hash, member_id, expires_at) VALUES ($1, $2, now() + $3 * interval '1 millisecond')`, [
      sha256(token),
      memberId,
      ttlMs,
    ]);
    return token;
  }

  /** Uses a one-time link token: the member it signs in, or undefined when unknown, used or expired. */
  async useInvite(token: string): Promise<TeamMember | undefined> {
    const [r] = await this.db.query<MemberRow>(
      `WITH used AS (UPDATE team_invites SET used_at = now() WHERE hash = $1 AND used_at IS NULL AND expires_at > now() RETURNING member_id)
       SELECT m.* FROM team_members m JOIN used ON used.member_id = m.id WHERE m.removed_at IS NULL`,
      [sha256(token)],
    );
    return r && toMember(r);
  }

  // ——— sessions ———

  async startSession(memberId: string, ttlMs = SESSION_TTL_MS): Promise<{ token: string; expiresAt: string }> {
    const token = randomToken(32);
    const [r] = await this.db.query<{ expires_at: Date | string }>(
      `INSERT INTO team_sessions (hash, member_id, expires_at) VALUES ($1, $2, now() + $3 * interval '1 millisecond') RETURNING expires_at`,
      [sha256(token), memberId, ttlMs],
    );
    return { token, expiresAt: iso(r.expires_at) };
  }

  /** The member of a live session (not expired, not revoked, member not removed). */
  async sessionMember(token: string): Promise<TeamMember | undefined> {
    const [r] = await this.db.query<MemberRow>(
      `SELECT m.* FROM team_sessions s JOIN team_members m ON m.id = s.member_id
       WHERE s.hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now() AND m.removed_at IS NULL`,
      [sha256(token)],
      'team_session',
    );
    return r && toMember(r);
  }

  async endSession(token: string): Promise<void> {
    await this.db.query('UPDATE team_sessions SET revoked_at = now() WHERE hash = $1 AND revoked_at IS NULL', [sha256(token)]);
  }

  async revokeSessionsOf(sql: Sql, memberId: string): Promise<number> {
    return (
      await sql.query('UPDATE team_sessions SET revoked_at = now() WHERE member_id = $1 AND revoked_at IS NULL RETURNING hash', [memberId])
    ).length;
  }

  // ——— bearer tokens ———

  /** The token's name and role, when the hash is an active token. Tokens without a role are owners. */
  async tokenActor(hash: string): Promise<{ id: string; name: string; role: TeamRole } | undefined> {
    const [r] = await this.db.query<{ id: string; name: string; role: TeamRole | null }>(
      `SELECT t.id, t.name, r.role FROM tokens t LEFT JOIN team_token_roles r ON r.token_id = t.id WHERE t.hash = $1 AND t.revoked_at IS NULL`,
      [hash],
      'team_token',
    );
    return r && { id: r.id, name: r.name, role: r.role ?? 'owner' };
  }

  async setTokenRole(tokenId: string, role: TeamRole): Promise<void> {
    await this.db.query('INSERT INTO team_token_roles (token_id, role) VALUES ($1, $2) ON CONFLICT (token_id) DO UPDATE SET role = $2', [
      tokenId,
      role,
    ]);
  }

  async tokenRoles(): Promise<Map<string, TeamRole>> {
    const rows = await this.db.query<{ token_id: string; role: TeamRole }>('SELECT token_id, role FROM team_token_roles');
    return new Map(rows.map((r) => [r.token_id, r.role]));
  }

  // ——— audit ———

  async audit(sql: Sql, entry: { actor: string; memberId?: string; action: string; site?: string; target?: string }): Promise<void> {
    await sql.query('INSERT INTO team_audit (actor, member_id, action, site, target) VALUES ($1, $2, $3, $4, $5)', [
      entry.actor,
      entry.memberId ?? null,
      entry.action,
      entry.site ?? null,
      entry.target ?? null,
    ]);
  }

  async auditLog(before: string | undefined, limit: number): Promise<{ entries: AuditEntry[]; next?: string }> {
    const rows = await this.db.query<AuditRow>(
      'SELECT * FROM team_audit WHERE ($1::bigint IS NULL OR id < $1::bigint) ORDER BY id DESC LIMIT $2',
      [before ?? null, limit + 1],
    );
    const entries = rows.slice(0, limit).map((r) => ({
      id: String(r.id),
      at: iso(r.at),
      actor: r.actor,
      action: r.action,
      ...(r.site ? { site: r.site } : {}),
      ...(r.target ? { target: r.target } : {}),
    }));
    return rows.length > limit ? { entries, next: entries[entries.length - 1].id } : { entries };
  }

  // ——— the console's reads ———

  /** One page of the inbox, newest first, with a cursor `createdAt|id` for the next. */
  async inbox(site: string, f: InboxFilter, cursor: string | undefined, limit: number): Promise<{ items: InboxItem[]; next?: string }> {
    const params: unknown[] = [site];
    let clause = where(f, params);
    if (cursor) {
      const cut = cursor.indexOf('|');
      const at = cursor.slice(0, cut);
      const id = cursor.slice(cut + 1);
      if (cut < 0 || Number.isNaN(Date.parse(at)) || !/^[0-9a-f-]{36}$/i.test(id))
        throw new ValidationError('cursor', 'invalid', 'The cursor is not one this server gave.');
      clause += ` AND (created_at, id) < ($${params.push(at)}::timestamptz, $${params.push(id)}::uuid)`;
    }
    const rows = await this.db.query<FeedbackRow>(
      `SELECT id, site, kind, text, topic, page_url, locale, status, contact_email, created_at FROM feedback
       WHERE ${clause} ORDER BY created_at DESC, id DESC LIMIT $${params.push(limit + 1)}`,
      params,
    );
    const items = rows.slice(0, limit).map(toItem);
    const last = items[items.length - 1];
    return rows.length > limit ? { items, next: `${last.createdAt}|${last.id}` } : { items };
  }

  /** Ids of every item matching a filter (for "group all matching"), at most `max`. */
  async matchingIds(site: string, f: InboxFilter, max: number): Promise<string[]> {
    const params: unknown[] = [site];
    const clause = where(f, params);
    const rows = await this.db.query<{ id: string }>(
      `SELECT id FROM feedback WHERE ${clause} ORDER BY created_at DESC LIMIT $${params.push(max)}`,
      params,
    );
    return rows.map((r) => r.id);
  }

  /** The same contact's other feedback (a contact is only stored with the customer's consent). */
  async earlier(site: string, id: string, email: string): Promise<InboxItem[]> {
    const rows = await this.db.query<FeedbackRow>(
      `SELECT * FROM feedback WHERE site = $1 AND id <> $2 AND lower(contact_email) = lower($3) AND status <> 'withdrawn'
       ORDER BY created_at DESC LIMIT 50`,
      [site, id, email],
    );
    return rows.map(toItem);
  }

  /** Terms of the matching items with how many items use each, most used first (the console's cloud). */
  async terms(site: string, f: InboxFilter, limit: number): Promise<Array<{ term: string; count: number; counts: Record<Kind, number> }>> {
    const params: unknown[] = [site];
    const clause = where(f, params);
    const rows = await this.db.query<{ term: string; kind: Kind; n: number }>(
      `WITH recent AS (SELECT kind, terms FROM feedback WHERE ${clause} ORDER BY created_at DESC LIMIT 2000)
       SELECT term, kind, count(*)::int AS n FROM recent, unnest(terms) AS term GROUP BY term, kind`,
      params,
    );
    const map = new Map<string, { term: string; count: number; counts: Record<Kind, number> }>();
    for (const r of rows) {
      const e = map.get(r.term) ?? { term: r.term, count: 0, counts: { compliment: 0, idea: 0, complaint: 0 } };
      e.count += r.n;
      e.counts[r.kind] += r.n;
      map.set(r.term, e);
    }
    return [...map.values()].sort((a, b) => b.count - a.count || (a.term < b.term ? -1 : 1)).slice(0, limit);
  }

  /** Ids of the matching items that use a term (as the cloud counts terms). */
  async idsWithTerm(site: string, term: string, f: InboxFilter, max: number): Promise<string[]> {
    const params: unknown[] = [site];
    const clause = where(f, params);
    const rows = await this.db.query<{ id: string }>(
      `SELECT id FROM feedback WHERE ${clause} AND terms @> ARRAY[$${params.push(term)}::text] ORDER BY created_at DESC LIMIT $${params.push(max)}`,
      params,
    );
    return rows.map((r) => r.id);
  }

  /** Recent items not in a topic, with their terms, for suggested groupings. */
  async ungrouped(site: string, max: number): Promise<Array<{ id: string; text: string; kind: Kind; terms: string[] }>> {
    return this.db.query(
      `SELECT id, text, kind, terms FROM feedback WHERE site = $1 AND topic IS NULL AND status NOT IN ('withdrawn', 'hidden', 'pending')
       ORDER BY created_at DESC LIMIT $2`,
      [site, max],
    );
  }
}

export const isRole = (value: unknown): value is TeamRole => (TEAM_ROLES as readonly unknown[]).includes(value);
