export { completeUtf8Length, CappedOutput } from './capped-output.ts';
export { ChannelPool, type ChannelPoolOptions, ConnectionLostError } from './channel-pool.ts';
export { type ConnectOptions, connectSsh, type SshConnection } from './connect.ts';
export {
  AuthFailedError,
  ConnectRefusedError,
  ConnectTimeoutError,
  endpoint,
  HostKeyChangedError,
  HostKeyRevokedError,
  HostKeyUnknownError,
  knownHostsName,
  SshConnectError,
  SshError,
  type SshErrorKind,
} from './errors.ts';
export { keyTypeOfBlob, sha256Fingerprint } from './fingerprint.ts';
export { matchesGlob, matchesPatternList } from './host-pattern.ts';
export {
  entriesFor,
  formatKnownHostsLine,
  type HostKeyVerdict,
  type KnownHostEntry,
  type KnownHosts,
  knownKeyTypes,
  parseKnownHosts,
  verifyHostKey,
} from './known-hosts.ts';
export {
  appendKnownHost,
  checkHostKey,
  type HostKeyPolicy,
  type HostKeyStore,
  loadKnownHosts,
  loadTrusted,
} from './known-hosts-file.ts';
export { artifactText, type RunProbeOptions, runProbe } from './run-probe.ts';
export { parseUserHostPort, type SshTarget } from './ssh-target.ts';
export {
  concreteHosts,
  expandTokens,
  parseSshConfig,
  type ResolveContext,
  type ResolvedHost,
  resolveHost,
  type SshConfig,
  type SshConfigBlock,
} from './ssh-config.ts';
export { targetFromSshConfig } from './target-from-config.ts';
