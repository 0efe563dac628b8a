import type { ProbeId } from './probe-id.ts';

/** Parsers never throw: whatever they cannot read becomes one of these. */
export interface ParseWarning {
  probe?: ProbeId;
  /** 1-based line number in the artifact text, when the problem is tied to a line. */
  line?: number;
  message: string;
}

export interface ParseResult<T> {
  value: T;
  warnings: ParseWarning[];
}
