import type { ContainerEntry } from '../model/node-state.ts';
import type { ParseResult } from '../model/warning.ts';
import { containerState, parseLabelList, podFromDockerName } from './container-state.ts';
import { parseContainerTable } from './container-table.ts';
import { excerpt, splitLines, splitSections, Warnings } from './text.ts';

/**
 * Parses the `containers` probe: `## crictl ps -a` (crictl JSON), `## docker ps -a` (one
 * `{{json .}}` object per line) and `## docker inspect` (`<id> <status> <json error>` lines,
 * attached to the container whose id shares the prefix), plus pasted plain `docker ps -a` and
 * `crictl ps -a` tables. Runtime errors printed instead of output become warnings.
 */
export function parseContainers(text: string): ParseResult<ContainerEntry[]> {
  const w = new Warnings('containers');
  const lines = splitLines(text);
  const out: ContainerEntry[] = [];
  const inspect: { id: string; status: string; error: string; line: number }[] = [];
  for (const sec of splitSections(lines)) {
    const body = lines.slice(sec.from, sec.to);
    const kind = sectionKind(sec.title, body);
    if (kind === 'crictl-json') out.push(...crictlJson(body, sec.from, w));
    else if (kind === 'docker-json') out.push(...dockerJsonLines(body, sec.from, w));
    else if (kind === 'inspect') inspect.push(...inspectLines(body, sec.from, w));
    else out.push(...parseContainerTable(body, sec.from, w));
  }
  const findTarget = prefixFinder(out, inspect);
  for (const ins of inspect) {
    const target = findTarget(ins.id);
    if (target) {
      if (ins.error) target.error = ins.error;
      if (target.state === 'unknown') target.state = containerState(ins.status);
    } else {
      const e: ContainerEntry = {
        id: ins.id,
        state: containerState(ins.status),
        status: ins.status,
        runtime: 'docker',
        line: ins.line,
      };
      if (ins.error) e.error = ins.error;
      out.push(e);
    }
  }
  return { value: out, warnings: w.done() };
}

/**
 * The first container whose id is a prefix of `id` or has `id` as a prefix (docker inspect
 * prints full or short ids), from maps built once: scanning every container for every inspect
 * line is quadratic on a node with thousands of dead containers.
 */
function prefixFinder(
  list: readonly ContainerEntry[],
  inspect: readonly { id: string }[],
): (id: string) => ContainerEntry | undefined {
  if (inspect.length === 0) return () => undefined;
  const lengths = [...new Set(inspect.map((i) => i.id.length))];
  const byId = new Map<string, number>();
  const byPrefix = new Map<string, number>();
  list.forEach((c, i) => {
    if (!byId.has(c.id)) byId.set(c.id, i);
    for (const len of lengths) {
      if (len > c.id.length) continue;
      const p = c.id.slice(0, len);
      if (!byPrefix.has(p)) byPrefix.set(p, i);
    }
  });
  return (id) => {
    let best = byPrefix.get(id) ?? Number.POSITIVE_INFINITY;
    for (let len = 1; len <= id.length; len++) {
      const i = byId.get(id.slice(0, len));
      if (i !== undefined && i < best) best = i;
    }
    return Number.isFinite(best) ? list[best] : undefined;
  };
}

type Kind = 'crictl-json' | 'docker-json' | 'inspect' | 'table';

function sectionKind(title: string, body: string[]): Kind {
  if (/docker inspect/.test(title)) return 'inspect';
  // Runtimes print warnings (`time="…" level=warning msg=…`, `WARNING: …`) before their JSON.
  const json = body.find((l) => l.trimStart().startsWith('{'))?.trim();
  if (json === undefined) return 'table';
  if (/crictl/.test(title) || json.startsWith('{"containers"') || json === '{') return 'crictl-json';
  return 'docker-json';
}

function crictlJson(body: string[], offset: number, w: Warnings): ContainerEntry[] {
  const first = body.findIndex((l) => l.trimStart().startsWith('{'));
  for (let i = 0; i < first; i++) {
    const l = body[i]!.trim();
    if (l) w.add(`crictl: ${excerpt(l, 160)}`, offset + i + 1);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(body.slice(first).join('\n'));
  } catch (e) {
    w.add(`crictl JSON is not valid: ${(e as Error).message}`, offset + first + 1);
    return [];
  }
  const list = (doc as { containers?: unknown })?.containers;
  if (!Array.isArray(list)) return [];
  const out: ContainerEntry[] = [];
  const idLines = idKeyLines(body);
  for (const c of list as Record<string, unknown>[]) {
    const id = typeof c?.id === 'string' ? c.id : undefined;
    if (!id) continue;
    const idLine = idLines.get(id) ?? -1;
    const state = String(c.state ?? '');
    const meta = (c.metadata ?? {}) as Record<string, unknown>;
    const image = (c.image ?? {}) as Record<string, unknown>;
    const labels = (c.labels ?? {}) as Record<string, unknown>;
    const e: ContainerEntry = {
      id,
      state: containerState(state),
      status: state,
      runtime: 'containerd',
      line: offset + Math.max(idLine, 0) + 1,
    };
    if (typeof meta.name === 'string') e.name = meta.name;
    if (typeof image.image === 'string') e.image = image.image;
    if (c.createdAt !== undefined) e.createdRaw = String(c.createdAt);
    const pod = labels['io.kubernetes.pod.name'];
    const ns = labels['io.kubernetes.pod.namespace'];
    if (typeof pod === 'string') e.podName = pod;
    if (typeof ns === 'string') e.podNamespace = ns;
    out.push(e);
  }
  return out;
}

/** Index of the first body line with `"id": "<id>"` for every id, in one pass over the lines. */
function idKeyLines(body: readonly string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (let i = 0; i < body.length; i++) {
    const l = body[i]!;
    for (let at = l.indexOf('"id":'); at >= 0; at = l.indexOf('"id":', at + 5)) {
      let v = at + 5;
      if (l.charCodeAt(v) === 32) v++;
      if (l.charCodeAt(v) !== 34) continue;
      const close = l.indexOf('"', v + 1);
      if (close < 0) break;
      const id = l.slice(v + 1, close);
      if (!out.has(id)) out.set(id, i);
    }
  }
  return out;
}

function dockerJsonLines(body: string[], offset: number, w: Warnings): ContainerEntry[] {
  const out: ContainerEntry[] = [];
  for (let i = 0; i < body.length; i++) {
    const line = body[i]!.trim();
    if (line.length === 0) continue;
    let o: Record<string, unknown>;
    try {
      o = JSON.parse(line) as Record<string, unknown>;
    } catch {
      // Daemon errors and warnings printed instead of (or around) the rows.
      w.add(`docker: ${excerpt(line, 160)}`, offset + i + 1);
      continue;
    }
    const id = typeof o?.ID === 'string' ? o.ID : undefined;
    if (!id) continue;
    const status = typeof o.Status === 'string' ? o.Status : '';
    const stateField = typeof o.State === 'string' ? o.State : '';
    const fromState = containerState(stateField);
    const e: ContainerEntry = {
      id,
      state: fromState !== 'unknown' ? fromState : containerState(status),
      status,
      runtime: 'docker',
      line: offset + i + 1,
    };
    if (typeof o.Names === 'string' && o.Names) e.name = o.Names;
    if (typeof o.Image === 'string' && o.Image) e.image = o.Image;
    if (typeof o.CreatedAt === 'string') e.createdRaw = o.CreatedAt;
    const labels = typeof o.Labels === 'string' ? parseLabelList(o.Labels) : {};
    const pod = e.name ? podFromDockerName(e.name) : undefined;
    const podName = labels['io.kubernetes.pod.name'] ?? pod?.podName;
    const podNs = labels['io.kubernetes.pod.namespace'] ?? pod?.podNamespace;
    if (podName) e.podName = podName;
    if (podNs) e.podNamespace = podNs;
    out.push(e);
  }
  return out;
}

/** `<id> <status> <json string>`, e.g. `e426… removing "driver \"overlay2\" failed to remove …"`. */
function inspectLines(body: string[], offset: number, w: Warnings) {
  const out: { id: string; status: string; error: string; line: number }[] = [];
  for (let i = 0; i < body.length; i++) {
    const line = body[i]!.trim();
    if (line.length === 0) continue;
    const m = /^([0-9a-f]{6,64})\s+(\S+)\s*(.*)$/.exec(line);
    if (!m) {
      w.add(`unrecognised docker inspect line: ${excerpt(line)}`, offset + i + 1);
      continue;
    }
    let error = m[3]!;
    if (error.startsWith('"')) {
      try {
        error = String(JSON.parse(error));
      } catch {
        error = error.slice(1, error.endsWith('"') ? -1 : undefined);
      }
    }
    out.push({ id: m[1]!, status: m[2]!, error, line: offset + i + 1 });
  }
  return out;
}
