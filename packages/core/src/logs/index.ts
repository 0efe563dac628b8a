export { parseDmesg } from './dmesg.ts';
export { logEventText } from './event-text.ts';
export { parseKubeletLog } from './kubelet-log.ts';
export type { LogContext } from './log-context.ts';
export { parseRuntimeLog } from './runtime-log.ts';
