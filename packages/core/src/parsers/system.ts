import type { SystemInfo } from '../model/node-state.ts';
import type { ParseResult } from '../model/warning.ts';
import { excerpt, keyValue, parseDecimal, parseUint, splitLines, Warnings } from './text.ts';

/**
 * Parses the `system` probe: `key=value` lines (hostname, kernel_release, kernel_version,
 * machine, nproc, uptime, loadavg, os, kubelet_version, containerd_version, docker_version)
 * followed by a `## meminfo` section with /proc/meminfo. Empty values (a tool that is not
 * installed) leave the field unset.
 */
export function parseSystem(text: string): ParseResult<SystemInfo> {
  const w = new Warnings('system');
  const info: SystemInfo = {};
  let containerd: string | undefined;
  let docker: string | undefined;
  let inMeminfo = false;
  const lines = splitLines(text);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line.length === 0) continue;
    if (line.startsWith('## ')) {
      inMeminfo = line.slice(3).trim() === 'meminfo';
      continue;
    }
    const meminfo = /^(\w+(?:\(\w+\))?):\s+(\d+)(?:\s+kB)?$/.exec(line);
    if (meminfo) {
      if (meminfo[1] === 'MemTotal') info.memTotalKb = Number(meminfo[2]);
      else if (meminfo[1] === 'MemAvailable') info.memAvailableKb = Number(meminfo[2]);
      continue;
    }
    const kv = inMeminfo ? undefined : keyValue(line);
    if (!kv) {
      w.add(`unrecognised system line: ${excerpt(line)}`, i + 1);
      continue;
    }
    const [key, raw] = kv;
    const value = raw.trim();
    if (value === '') continue;
    switch (key) {
      case 'hostname':
        info.hostname = value;
        break;
      case 'kernel_release':
        info.kernelRelease = value;
        break;
      case 'kernel_version':
        info.kernelVersion = value;
        break;
      case 'machine':
        info.machine = value;
        break;
      case 'os':
        info.osPrettyName = value;
        break;
      case 'nproc':
        setOrWarn(parseUint(value), (n) => (info.cpus = n), w, line, i + 1);
        break;
      case 'uptime':
        setOrWarn(parseDecimal(value.split(/\s+/)[0]!), (n) => (info.uptimeSeconds = n), w, line, i + 1);
        break;
      case 'loadavg': {
        const [a, b, c] = value.split(/\s+/).map((s) => parseDecimal(s));
        if (a === undefined || b === undefined || c === undefined)
          w.add(`bad loadavg: ${excerpt(line)}`, i + 1);
        else info.loadAvg = [a, b, c];
        break;
      }
      case 'kubelet_version':
        info.kubeletVersion = /\bv?\d+\.\d+\S*/.exec(value)?.[0] ?? value;
        break;
      case 'containerd_version':
        containerd = /\bv?(\d+\.\d+\.\d+\S*)/.exec(value)?.[1] ?? value;
        break;
      case 'docker_version':
        docker = value;
        break;
      default:
        break;
    }
  }
  const runtime = pickRuntime(info.kubeletVersion, containerd, docker);
  if (runtime) {
    info.runtimeName = runtime.name;
    info.runtimeVersion = runtime.version;
  }
  return { value: info, warnings: w.done() };
}

function setOrWarn(
  n: number | undefined,
  set: (n: number) => void,
  w: Warnings,
  line: string,
  lineNo: number,
) {
  if (n === undefined) w.add(`bad number: ${excerpt(line)}`, lineNo);
  else set(n);
}

/**
 * Docker nodes run containerd underneath, so both versions are often present. Kubelet talks to
 * docker only through dockershim, which was removed in 1.24: from then on the runtime is
 * containerd even when docker is still installed.
 */
function pickRuntime(
  kubelet: string | undefined,
  containerd: string | undefined,
  docker: string | undefined,
): { name: string; version: string } | undefined {
  const minor = kubelet ? /^v?1\.(\d+)/.exec(kubelet)?.[1] : undefined;
  const dockershimGone = minor !== undefined && Number(minor) >= 24;
  if (docker && !(dockershimGone && containerd)) return { name: 'docker', version: docker };
  if (containerd) return { name: 'containerd', version: containerd };
  return undefined;
}
