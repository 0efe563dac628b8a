import { redirect } from 'next/navigation';
import { requirePageActor } from './auth-server';

/** Settings pages: admins only, checked on the server (the navigation only hides the link). */
export async function requireAdminPage(path: string) {
  const actor = await requirePageActor(path);
  if (actor.role !== 'admin') redirect('/');
  return actor;
}
