import { isRecordId } from '@nodescope/core';
import { getPrisma } from '@nodescope/db';
import { listAudit } from '@nodescope/services/audit/list-audit';
import Link from 'next/link';
import { requireAdminPage } from '@/lib/require-admin';
import '@/components/settings/settings.css';

export const metadata = { title: 'Audit log' };
export const dynamic = 'force-dynamic';

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function AuditPage({ searchParams }: { searchParams: Search }) {
  await requireAdminPage('/settings/audit');
  const sp = await searchParams;
  const action = typeof sp.action === 'string' && /^[a-z.-]{0,64}$/.test(sp.action) ? sp.action : undefined;
  const before = typeof sp.before === 'string' && isRecordId(sp.before) ? sp.before : undefined;
  const { rows, nextBefore } = await listAudit(getPrisma(), { action, before, limit: 200 });
  return (
    <div className="settings">
      <h1>
        Audit log · <Link href="/settings/users">Users</Link>
      </h1>
      <table className="panel settings-table">
        <thead>
          <tr>
            <th>When (UTC)</th>
            <th>Who</th>
            <th>Action</th>
            <th>Target</th>
            <th>Details</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} data-action={r.action}>
              <td>{r.at.toISOString().replace('T', ' ').slice(0, 19)}</td>
              <td>{r.actorName}</td>
              <td>
                <Link href={`/settings/audit?action=${encodeURIComponent(r.action)}`}>{r.action}</Link>
              </td>
              <td>{r.target}</td>
              <td className="faint">{JSON.stringify(r.details)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {nextBefore ? (
        <Link href={`/settings/audit?${action ? `action=${action}&` : ''}before=${nextBefore}`}>Older</Link>
      ) : null}
    </div>
  );
}
