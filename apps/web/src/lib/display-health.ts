/**
 * The health a node is drawn with. A changed host key is a security event (someone may be
 * intercepting the connection), so it outranks whatever the last snapshot said: red, "security".
 */
export function displayHealth(health: string | null, lastState: string | null): string {
  if (lastState === 'host-key-changed') return 'security';
  return health ?? 'unknown';
}
