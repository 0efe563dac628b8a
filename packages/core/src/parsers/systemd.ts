import type { SystemdState } from '../model/node-state.ts';
import type { ParseResult } from '../model/warning.ts';
import { excerpt, splitLines, Warnings } from './text.ts';

/** `timeout` exits 124 on its own signal and 137 when it had to SIGKILL. */
const TIMEOUT_CODES = new Set([124, 137]);
const STATES = new Set([
  'initializing',
  'starting',
  'running',
  'degraded',
  'maintenance',
  'stopping',
  'offline',
  'unknown',
]);
const ERROR_TEXT =
  /timed out|timeout|failed to|connection refused|no such file|not been booted|transport endpoint|access denied|error/i;
const TIMEOUT_TEXT = /timed out|timeout/i;

/**
 * Parses the `systemd` probe: `ping_rc=124 ping_ms=5003`, an optional (possibly multi-line)
 * `ping_output=…`, `state=…` and a `## failed units` list. A ping that ran into `timeout`
 * or answered "Failed to activate service 'org.freedesktop.systemd1': timed out" counts as
 * timed out. Every error text is kept with its line for the evidence.
 */
export function parseSystemd(text: string): ParseResult<SystemdState> {
  const w = new Warnings('systemd');
  const st: SystemdState = { pingTimedOut: false, failedUnits: [], errors: [] };
  const lines = splitLines(text);
  let rc: number | undefined;
  let inFailed = false;
  let inPingOutput = false;
  const pingOutput: string[] = [];

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line.length === 0) continue;
    const lineNo = i + 1;
    if (line.startsWith('## ')) {
      inFailed = /failed units/i.test(line);
      inPingOutput = false;
      continue;
    }
    if (line.startsWith('ping_rc=')) {
      inPingOutput = false;
      const m = /^ping_rc=(\d*)(?:\s+ping_ms=(\d*))?/.exec(line);
      if (m?.[1]) rc = Number(m[1]);
      if (m?.[2]) st.pingMs = Number(m[2]);
      if (!m?.[1]) w.add(`bad ping line: ${excerpt(line)}`, lineNo);
      continue;
    }
    if (line.startsWith('ping_output=')) {
      inPingOutput = true;
      addOutput(line.slice('ping_output='.length), lineNo);
      continue;
    }
    if (line.startsWith('state=')) {
      inPingOutput = false;
      const v = line.slice(6).trim();
      if (STATES.has(v)) st.systemState = v;
      else if (v !== '') st.errors.push({ text: v, line: lineNo });
      continue;
    }
    if (inPingOutput) {
      addOutput(line, lineNo);
      continue;
    }
    if (inFailed) {
      const unit = unitOf(line);
      if (unit) st.failedUnits.push(unit);
      else if (ERROR_TEXT.test(line)) st.errors.push({ text: line, line: lineNo });
      continue;
    }
    if (ERROR_TEXT.test(line)) st.errors.push({ text: line, line: lineNo });
    else w.add(`unrecognised systemd line: ${excerpt(line)}`, lineNo);
  }

  function addOutput(t: string, lineNo: number): void {
    const s = t.trim();
    if (s === '') return;
    pingOutput.push(s);
    if (ERROR_TEXT.test(s)) st.errors.push({ text: s, line: lineNo });
  }

  const outputTimedOut = pingOutput.some((s) => TIMEOUT_TEXT.test(s));
  st.pingTimedOut = (rc !== undefined && TIMEOUT_CODES.has(rc)) || outputTimedOut;
  if (rc !== undefined && rc !== 0) {
    st.pingError = pingOutput.find((s) => ERROR_TEXT.test(s)) ?? pingOutput[0] ?? `busctl exited with ${rc}`;
    if (TIMEOUT_CODES.has(rc) && pingOutput.length === 0) st.pingError = `no answer (exit ${rc}, timed out)`;
  } else if (outputTimedOut) {
    st.pingError = pingOutput.find((s) => TIMEOUT_TEXT.test(s));
  }
  return { value: st, warnings: w.done() };
}

/** `kubelet.service loaded failed failed …`, with or without the `●` marker of older systemd. */
function unitOf(line: string): string | undefined {
  const t = line.replace(/^[●*×]\s*/, '').split(/\s+/)[0] ?? '';
  return /^[\w@.:\\-]+\.(service|socket|mount|automount|swap|target|path|timer|slice|scope|device)$/.test(t)
    ? t
    : undefined;
}
