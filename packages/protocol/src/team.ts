/** The team's side of the protocol: roles, filters and limits shared by the server, the team client and the console. */

/** Team roles, least to most: a role may do everything the roles before it may. */
export const TEAM_ROLES = ['viewer', 'agent', 'owner'] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];

/** True when `role` may do what `needed` may. */
export const roleAllows = (role: TeamRole, needed: TeamRole): boolean => TEAM_ROLES.indexOf(role) >= TEAM_ROLES.indexOf(needed);

/** A sign-in session lasts this long (ms); signing in again starts a new one. */
export const SESSION_TTL_MS = 12 * 3600_000;
/** An invite or one-time sign-in link stays valid this long (ms). */
export const INVITE_TTL_MS = 7 * 86_400_000;
/** Name of the HttpOnly session cookie. */
export const SESSION_COOKIE = 'voc_team';

/** Largest inbox page. */
export const INBOX_MAX = 200;
/** Longest search text. */
export const SEARCH_MAX = 200;
/** Most items grouped in one action. */
export const GROUP_MAX = 1000;

/** Inbox filters beside kind, status and topic. */
export const INBOX_FLAGS = ['contact', 'awaiting', 'reopened'] as const;
export type InboxFlag = (typeof INBOX_FLAGS)[number];

/** A team member as the console shows them. */
export interface TeamMember {
  id: string;
  name: string;
  /** e.g. "Customer care"; shown after the name on replies. */
  title: string;
  role: TeamRole;
  createdAt: string;
}

/** Who a request acts as: a signed-in member, or a bearer token used by automation. */
export interface TeamActor {
  via: 'session' | 'token';
  role: TeamRole;
  name: string;
  title: string;
  memberId?: string;
}

/** The signature on a reply or announcement: "Priya, Customer care". */
export const signature = (actor: { name: string; title: string }): string => (actor.title ? `${actor.name}, ${actor.title}` : actor.name);

export interface AuditEntry {
  id: string;
  at: string;
  actor: string;
  action: string;
  site?: string;
  target?: string;
}
