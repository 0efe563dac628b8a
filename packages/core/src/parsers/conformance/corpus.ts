/**
 * Reader for the parser conformance corpus (upstream mountinfo and PSI fixtures whose expected
 * results are stated in a `#` header). Pure: the caller reads the files.
 *
 * A file is a header (every line down to `# ---- verbatim excerpt below ----`) and a body; a
 * body may hold several blocks, each introduced by a `## ` marker line that is not data.
 */
export interface CorpusBlock {
  /** The marker line without `## `, or '' for lines before the first marker. */
  marker: string;
  /** 1-based line of the block's first data line in the file. */
  firstLine: number;
  lines: string[];
}

export interface CorpusFile {
  header: string[];
  blocks: CorpusBlock[];
}

const HEADER_END = '# ---- verbatim excerpt below ----';

export function splitCorpusFile(text: string): CorpusFile {
  const all = text.split('\n');
  if (all.length > 0 && all[all.length - 1] === '') all.pop();
  const end = all.indexOf(HEADER_END);
  const header = end >= 0 ? all.slice(0, end + 1) : [];
  const blocks: CorpusBlock[] = [];
  let cur: CorpusBlock = { marker: '', firstLine: end + 2, lines: [] };
  for (let i = end + 1; i < all.length; i++) {
    const line = all[i]!;
    if (line.startsWith('## ')) {
      if (cur.marker !== '' || cur.lines.length > 0) blocks.push(cur);
      cur = { marker: line.slice(3), firstLine: i + 2, lines: [] };
    } else {
      cur.lines.push(line);
    }
  }
  if (cur.marker !== '' || cur.lines.length > 0) blocks.push(cur);
  return { header, blocks };
}

export function blockText(block: CorpusBlock): string {
  return block.lines.join('\n');
}
