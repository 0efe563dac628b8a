import { type InventoryDefaults, type InventoryResult, validateEntries } from './inventory-node.ts';

/**
 * Reads a CSV inventory with a header row: name,host,port,user,labels (labels as `k=v;k=v`),
 * optionally identityFile and knownHostsFile columns, in any order. Quoted fields ("a,b",
 * doubled "" quotes) and CRLF line ends are handled, as spreadsheets write them.
 */

/** RFC 4180 rows: quotes may hold commas and newlines. */
export function parseCsvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((f) => f.trim() !== ''));
}

export function parseLabels(spec: string, warn: (m: string) => void): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const part of spec.split(';')) {
    const p = part.trim();
    if (p === '') continue;
    const eq = p.indexOf('=');
    if (eq <= 0) {
      warn(`label "${p}" is not k=v; ignored`);
      continue;
    }
    labels[p.slice(0, eq).trim()] = p.slice(eq + 1).trim();
  }
  return labels;
}

const COLUMNS: Record<string, string> = {
  name: 'name',
  host: 'host',
  port: 'port',
  user: 'user',
  labels: 'labels',
  identityfile: 'identityFile',
  knownhostsfile: 'knownHostsFile',
  proxyjump: 'proxyJump',
};

export function fromCsv(text: string, defaults: InventoryDefaults = {}): InventoryResult {
  const rows = parseCsvRows(text.replace(/^\uFEFF/, ''));
  const header = rows.shift();
  if (!header) return { nodes: [], warnings: ['CSV inventory is empty'] };
  const warnings: string[] = [];
  const keys = header.map(
    (h) =>
      COLUMNS[
        h
          .trim()
          .toLowerCase()
          .replace(/[_\s-]/g, '')
      ],
  );
  header.forEach((h, i) => {
    if (!keys[i]) warnings.push(`CSV column "${h.trim()}" is not known; ignored`);
  });
  if (!keys.includes('name') || !keys.includes('host')) {
    return {
      nodes: [],
      warnings: [...warnings, 'CSV inventory needs a header row with at least name and host columns'],
    };
  }
  const entries = rows.map((cells, r) => {
    const entry: Record<string, unknown> = {};
    keys.forEach((k, i) => {
      const v = (cells[i] ?? '').trim();
      if (!k || v === '') return;
      entry[k] = k === 'labels' ? parseLabels(v, (m) => warnings.push(`CSV row ${r + 2}: ${m}`)) : v;
    });
    return entry;
  });
  const result = validateEntries(entries, 'CSV row', defaults);
  // Row numbers in messages count the header as row 1, like a spreadsheet.
  const renumbered = result.warnings.map((w) =>
    w.replace(/^CSV row entry (\d+)/, (_, n: string) => `CSV row ${Number(n) + 1}`),
  );
  return { nodes: result.nodes, warnings: [...warnings, ...renumbered] };
}
