/** The session's CSRF token (a readable cookie set at sign-in), echoed in a header on every mutation. */
export function csrfHeaders(): Record<string, string> {
  if (typeof document === 'undefined') return {};
  const m = /(?:^|;\s*)ns_csrf=([^;]+)/.exec(document.cookie);
  return m?.[1] ? { 'x-csrf-token': decodeURIComponent(m[1]) } : {};
}
