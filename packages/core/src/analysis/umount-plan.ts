import type { MountHolder } from './container-index.ts';
import { shQuote } from './mount-paths.ts';

/**
 * A reviewable umount plan: per holder, deepest path first (a parent cannot be unmounted
 * while a child is mounted below it), exact commands, never executed by Nodescope. At scale
 * the command list is capped and a one-line bulk command does the same from the live table.
 */

export interface UmountPlanGroup {
  holder: string;
  label: string;
  /** Copies in another mount namespace are unmounted from inside it. */
  nsenterPid?: number;
  commandTotal: number;
  commands: string[];
  /** Same effect as the full list, built from the live mount table at run time. */
  bulkCommand?: string;
  /** What to run once the copies are gone (remove the stuck container). */
  followUp?: string;
  note?: string;
}

export const PLAN_COMMAND_CAP = 200;

/**
 * Children before parents: a path mounted below another is strictly longer, so longest first
 * is enough, and within a length the latest mount first (reverse mount-table order). Bucketed
 * by length, O(n) on 12,000 paths with no per-character work. Stacked mounts on one path
 * appear once per mount, as each needs its own umount.
 */
export function deepestFirst(paths: string[]): string[] {
  const buckets: string[][] = [];
  for (let i = paths.length - 1; i >= 0; i--) {
    const p = paths[i] as string;
    let b = buckets[p.length];
    if (!b) {
      b = [];
      buckets[p.length] = b;
    }
    b.push(p);
  }
  const out: string[] = [];
  for (let len = buckets.length - 1; len >= 0; len--) {
    const b = buckets[len];
    if (b) for (const p of b) out.push(p);
  }
  return out;
}

export function buildUmountGroup(
  holder: MountHolder,
  paths: string[],
  inHostTable: boolean,
): UmountPlanGroup {
  const unique = deepestFirst(paths);
  const pid = inHostTable ? undefined : holder.pid;
  const prefix = pid !== undefined ? `nsenter -t ${pid} -m -- ` : '';
  const group: UmountPlanGroup = {
    holder: holder.key,
    label: holder.label,
    commandTotal: unique.length,
    commands: unique.slice(0, PLAN_COMMAND_CAP).map((p) => `${prefix}umount ${shQuote(p)}`),
  };
  if (pid !== undefined) group.nsenterPid = pid;
  if (!inHostTable && pid === undefined)
    group.note = 'namespace pid unknown: find a process in it before unmounting';
  if (inHostTable && holder.rootfs) {
    // sort -r puts /a/b/c before /a/b: children before parents.
    group.bulkCommand = `awk -v p=${shQuote(`${holder.rootfs}/`)} 'index($5, p) == 1 {print $5}' /proc/1/mountinfo | sort -r | xargs -r -n 1 umount`;
  } else if (pid !== undefined && unique.length > PLAN_COMMAND_CAP) {
    group.note = `${unique.length} paths: review the listed ones, then repeat for the rest from /proc/${pid}/mountinfo`;
  }
  if (holder.dead && holder.containerId) {
    group.followUp = holder.rootfs?.includes('/overlay2/')
      ? `docker rm -f ${holder.containerId}`
      : `crictl rm -f ${holder.containerId}`;
  }
  return group;
}
