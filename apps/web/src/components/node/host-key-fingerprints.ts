/** One fingerprint as ssh-keygen -l prints it, optionally after its key type ("ssh-ed25519 SHA256:…"). */
const FP = String.raw`(?:[a-z0-9@.-]+ )?SHA256:[A-Za-z0-9+/=]+`;
const OFFERED = new RegExp(String.raw`offered (${FP})`);
const EXPECTED = new RegExp(String.raw`expects (${FP}(?: or ${FP})*)`);

/**
 * Fingerprints named in a "host key has CHANGED" refusal: what the node offered, what was trusted.
 * The collector writes the trusted ones with their key type in front (`ssh-ed25519 SHA256:…`), so
 * the type is optional here; the type is kept because it tells a rotated algorithm from a new key.
 */
export function hostKeyFingerprints(error: string | null): { offered: string; expected: string[] } | null {
  if (!error) return null;
  const offered = OFFERED.exec(error)?.[1];
  if (!offered) return null;
  const expected = EXPECTED.exec(error)?.[1];
  return { offered, expected: expected ? expected.split(' or ') : [] };
}
