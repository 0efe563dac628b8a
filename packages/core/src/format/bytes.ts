import { formatNumber, isNumber, MISSING } from './number.ts';

/** Binary units, as free(1), kubelet and the kernel count memory. */
const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'] as const;

/** 8,807,538,688 -> "8.2 GiB"; 512 -> "512 B". */
export function formatBytes(n: number | null | undefined): string {
  if (!isNumber(n)) return MISSING;
  let v = n;
  let i = 0;
  while (Math.abs(v) >= 1024 && i < UNITS.length - 1) {
    v /= 1024;
    i++;
  }
  // 1023.96 KiB would print as "1,024 KiB": round first, then step up if it reached the next unit.
  if (i < UNITS.length - 1 && Math.abs(Number(v.toFixed(1))) >= 1024) {
    v /= 1024;
    i++;
  }
  return `${i === 0 ? Math.round(v) : formatNumber(v)} ${UNITS[i]}`;
}
