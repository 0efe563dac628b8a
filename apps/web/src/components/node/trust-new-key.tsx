'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTRPC } from '@/lib/trpc';

/**
 * The explicit "review and trust the new key" decision for a node refused for a changed host
 * key. Admins only (the server refuses everyone else); the key trusted is the one the node
 * offered at the refusal, shown by fingerprint, and only after the node's name is typed again.
 */
export function TrustNewKey({ name }: { name: string }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const inputId = useId();
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState('');
  const offered = useQuery({ ...trpc.hostKeys.offered.queryOptions({ node: name }), retry: false });
  const trust = useMutation({
    ...trpc.hostKeys.trustOffered.mutationOptions(),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: trpc.node.get.queryKey({ name }) });
      void qc.invalidateQueries({ queryKey: trpc.hostKeys.offered.queryKey({ node: name }) });
    },
  });

  if (offered.error) {
    const code = offered.error.data?.code;
    return (
      <span className="faint">
        {code === 'FORBIDDEN'
          ? 'An admin can review and trust the new key once it is verified.'
          : `The offered key could not be loaded: ${offered.error.message}`}
      </span>
    );
  }
  if (trust.isSuccess)
    return (
      <p className="trust-done" role="status">
        Trusted <span className="mono">{trust.data.fingerprint}</span> for {name}; collecting it again now.
      </p>
    );
  if (!offered.data)
    return offered.isLoading ? null : (
      <span className="faint">No offered key on record yet: the next collection attempt records it.</span>
    );
  if (!open)
    return (
      <div>
        <button type="button" className="btn" onClick={() => setOpen(true)}>
          Review and trust the new key…
        </button>
      </div>
    );
  const matches = typed.trim() === name;
  return (
    <form
      className="trust-key"
      onSubmit={(e) => {
        e.preventDefault();
        if (matches)
          trust.mutate({ node: name, confirmName: typed, fingerprint: offered.data?.fingerprint ?? '' });
      }}
    >
      <p>
        From now on this server will talk to whatever answers at this address with this key (an admin can
        forget it again). Only continue if <span className="mono">{offered.data.fingerprint}</span> (
        {offered.data.keyType}) is what the node&apos;s own console shows.
      </p>
      <label htmlFor={inputId}>
        Type <strong className="mono">{name}</strong> to confirm
      </label>
      <div className="trust-key-row">
        <input
          id={inputId}
          className="input mono"
          autoComplete="off"
          spellCheck={false}
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          // biome-ignore lint/a11y/noAutofocus: the form opens on the admin's click, to be typed into
          autoFocus
        />
        <button type="submit" className="btn btn-danger" disabled={!matches || trust.isPending}>
          {trust.isPending ? 'Trusting…' : 'Trust this key'}
        </button>
        <button type="button" className="btn btn-ghost" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
      {trust.error ? (
        <p className="node-error" role="alert">
          {trust.error.message}
        </p>
      ) : null}
    </form>
  );
}
