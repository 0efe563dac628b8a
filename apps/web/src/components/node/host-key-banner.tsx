import { hostKeyFingerprints } from './host-key-fingerprints';
import { TrustNewKey } from './trust-new-key';

/**
 * A changed host key is a security event, not an outage: someone may be intercepting the
 * connection. Both fingerprints side by side, so they can be checked against the node's console.
 */
export function HostKeyBanner({ name, error }: { name: string; error: string | null }) {
  const fp = hostKeyFingerprints(error);
  return (
    <div className="host-key-banner" role="alert" data-testid="host-key-banner">
      <strong>Security: the host key of {name} has changed.</strong> Collection is refused until the new key
      is verified. Someone may be intercepting the connection, or the node was reinstalled.
      {fp ? (
        <dl className="fingerprints">
          <dt>Offered now</dt>
          <dd className="mono">{fp.offered}</dd>
          <dt>Trusted</dt>
          <dd className="mono">{fp.expected.join(', ') || 'unknown'}</dd>
        </dl>
      ) : null}
      <span className="faint">
        Compare with <code>ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub</code> on the node&apos;s console.
      </span>
      <TrustNewKey name={name} />
    </div>
  );
}
