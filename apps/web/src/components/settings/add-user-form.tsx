'use client';
import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useTRPC } from '@/lib/trpc';
import './settings.css';

/** Adds a user with a role; the generated password is shown once to hand over. */
export function AddUserForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const [shown, setShown] = useState<string | null>(null);
  const add = useMutation({
    ...trpc.users.add.mutationOptions(),
    onSuccess: () => router.refresh(),
  });
  return (
    <form
      className="panel settings-form"
      onSubmit={(e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        const bytes = crypto.getRandomValues(new Uint8Array(12));
        const password = btoa(String.fromCharCode(...bytes)).replace(/[+/=]/g, '');
        setShown(null);
        add.mutate(
          { email: String(f.get('email')), role: String(f.get('role')) as 'viewer', password },
          { onSuccess: (u) => setShown(`${u.email}: ${password}`) },
        );
      }}
    >
      <label>
        E-mail
        <input name="email" type="email" required />
      </label>
      <label>
        Role
        <select name="role" defaultValue="viewer">
          <option value="viewer">viewer</option>
          <option value="responder">responder</option>
          <option value="admin">admin</option>
        </select>
      </label>
      <button type="submit" className="btn btn-primary" disabled={add.isPending}>
        Add user
      </button>
      {add.error ? <span className="node-error">{add.error.message}</span> : null}
      {shown ? (
        <span role="status">
          Password (shown once, hand it over privately): <code>{shown}</code>
        </span>
      ) : null}
    </form>
  );
}
