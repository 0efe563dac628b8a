import type { ContainerEntry } from '../model/node-state.ts';
import { containerState, podFromDockerName } from './container-state.ts';
import { excerpt, splitWide, type Warnings } from './text.ts';

interface Column {
  name: string;
  start: number;
}

/**
 * Plain `docker ps -a` (`CONTAINER ID   IMAGE   COMMAND   CREATED   STATUS   PORTS   NAMES`)
 * and `crictl ps -a` (`CONTAINER   IMAGE   CREATED   STATE   NAME   ATTEMPT   POD ID   POD`)
 * tables. Both are tabwriter output: every cell starts under its header, and cells may be empty
 * (PORTS), so rows are cut at the header positions. Rows grepped out of a docker table without
 * the header are split on runs of spaces (a single space never separates two docker cells).
 */
export function parseContainerTable(body: readonly string[], offset: number, w: Warnings): ContainerEntry[] {
  const out: ContainerEntry[] = [];
  let cols: Column[] | undefined;
  let runtime: ContainerEntry['runtime'] = 'unknown';
  for (let i = 0; i < body.length; i++) {
    const line = body[i]!;
    const lineNo = offset + i + 1;
    if (line.trim().length === 0) continue;
    if (/^\s*CONTAINER( ID)?\s{2,}IMAGE\b/.test(line)) {
      cols = headerColumns(line);
      const names = cols.map((c) => c.name);
      runtime = names.includes('STATUS') ? 'docker' : names.includes('STATE') ? 'containerd' : 'unknown';
      continue;
    }
    let cells: Record<string, string> | undefined;
    if (cols) {
      cells = {};
      for (let c = 0; c < cols.length; c++) {
        cells[cols[c]!.name] = line.slice(cols[c]!.start, cols[c + 1]?.start ?? line.length).trim();
      }
    } else if (/^[0-9a-f]{12,64}\s{2,}/.test(line.trim())) {
      const f = splitWide(line);
      if (f.length >= 6) {
        cells = {
          'CONTAINER ID': f[0]!,
          IMAGE: f[1]!,
          CREATED: f[3]!,
          STATUS: f[4]!,
          NAMES: f[f.length - 1]!,
        };
        runtime = 'docker';
      }
    }
    const id = cells?.['CONTAINER ID'] ?? cells?.CONTAINER;
    if (!cells || !id || !/^[0-9a-f]{6,64}$/.test(id)) {
      w.add(`unrecognised container line: ${excerpt(line.trim())}`, lineNo);
      continue;
    }
    out.push(toEntry(cells, id, runtime, lineNo));
  }
  return out;
}

function headerColumns(line: string): Column[] {
  const cols: Column[] = [];
  let from = 0;
  for (const name of splitWide(line)) {
    const start = line.indexOf(name, from);
    cols.push({ name, start });
    from = start + name.length;
  }
  return cols;
}

function toEntry(
  cells: Record<string, string>,
  id: string,
  runtime: ContainerEntry['runtime'],
  line: number,
) {
  const status = cells.STATUS ?? cells.STATE ?? '';
  const e: ContainerEntry = { id, state: containerState(status), status, runtime, line };
  const name = cells.NAMES ?? cells.NAME;
  if (name) e.name = name;
  if (cells.IMAGE) e.image = cells.IMAGE;
  if (cells.CREATED) e.createdRaw = cells.CREATED;
  const pod = cells.POD ?? (name ? podFromDockerName(name)?.podName : undefined);
  const ns = cells.NAMESPACE ?? (name ? podFromDockerName(name)?.podNamespace : undefined);
  if (pod) e.podName = pod;
  if (ns) e.podNamespace = ns;
  return e;
}
