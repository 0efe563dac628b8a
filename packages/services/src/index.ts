// Server-only business functions. Callers (tRPC procedures, HTTP routes, the CLI, the worker,
// the demo) import one area at a time, e.g. `@nodescope/services/incidents/open-incident`.
export type { Actor, Role } from './actor.ts';
export { ROLES, roleAllows } from './actor.ts';
