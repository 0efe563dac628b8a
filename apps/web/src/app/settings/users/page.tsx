import { getPrisma } from '@nodescope/db';
import { listUsers } from '@nodescope/services/accounts/users';
import Link from 'next/link';
import { AddUserForm } from '@/components/settings/add-user-form';
import { requireAdminPage } from '@/lib/require-admin';
import '@/components/settings/settings.css';

export const metadata = { title: 'Users' };
export const dynamic = 'force-dynamic';

export default async function UsersPage() {
  await requireAdminPage('/settings/users');
  const users = await listUsers(getPrisma());
  return (
    <div className="settings">
      <h1>
        Users · <Link href="/settings/audit">Audit log</Link>
      </h1>
      <AddUserForm />
      <table className="panel settings-table">
        <thead>
          <tr>
            <th>E-mail</th>
            <th>Name</th>
            <th>Role</th>
            <th>Last sign-in</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id}>
              <td>
                {u.email}
                {u.disabled ? <span className="chip">disabled</span> : null}
              </td>
              <td>{u.name}</td>
              <td>{u.role}</td>
              <td>
                {u.lastSignInAt ? u.lastSignInAt.toISOString().replace('T', ' ').slice(0, 19) : 'never'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
