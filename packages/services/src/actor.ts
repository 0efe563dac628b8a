/** Roles in increasing order of power (DESIGN.md, Access). */
export const ROLES = ['viewer', 'responder', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who performs a business act: a signed-in user, or the system itself (worker, demo, CLI). */
export interface Actor {
  kind: 'user' | 'system' | 'share';
  /** User id, or a fixed name such as `worker`, `demo`, `cli`. */
  id: string;
  /** Display name for timelines and the audit log. */
  name: string;
  role: Role;
}

export function roleAllows(have: Role, need: Role): boolean {
  return ROLES.indexOf(have) >= ROLES.indexOf(need);
}
