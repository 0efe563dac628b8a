import type { UmountPlanGroup } from '../analysis/umount-plan.ts';
import { shQuote } from '../analysis/mount-paths.ts';
import { fmt } from './labels.ts';

/**
 * The umount plan as a reviewable shell script: one block per holder, deepest mounts first,
 * a check before (how many copies are still there, is the holder still dead) and after
 * (nothing left, the host mount still in place). Every command is commented out until an
 * engineer has read it: Nodescope never runs it, and the script exits before doing anything
 * unless REVIEWED=yes is set.
 */

export function renderUmountPlan(
  plan: UmountPlanGroup[],
  opts: { node?: string; takenAt?: string } = {},
): string {
  const out: string[] = [
    '#!/bin/sh',
    `# Nodescope umount plan${opts.node ? ` for ${opts.node}` : ''}${opts.takenAt ? `, from the snapshot taken ${opts.takenAt}` : ''}.`,
    '# Review every block before running it on the node, as root. Nodescope never runs this.',
    '# Order: deepest mount first within each block (a parent cannot be unmounted while a child',
    '# is mounted below it). Re-check the live table first: the snapshot may be stale.',
    'set -u',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell parameter, not a JS template.
    '[ "${REVIEWED:-}" = yes ] || { echo "review this plan, then run it with REVIEWED=yes" >&2; exit 2; }',
    '',
  ];
  if (plan.length === 0) {
    out.push('# Nothing leaks: no mount to unmount.');
    return `${out.join('\n')}\n`;
  }
  plan.forEach((g, i) => {
    out.push(`# ---- ${i + 1}/${plan.length}: ${g.label}`);
    out.push(
      `# ${fmt(g.commandTotal)} mount${g.commandTotal === 1 ? '' : 's'} to unmount${g.nsenterPid !== undefined ? ` inside the mount namespace of pid ${g.nsenterPid}` : ''}.`,
    );
    if (g.note) out.push(`# note: ${g.note}`);
    const first = g.commands[0]?.replace(/^.*umount /, '');
    out.push('# before: these copies are still mounted, and the holder is still dead:');
    if (g.nsenterPid !== undefined) out.push(`grep -c '' /proc/${g.nsenterPid}/mountinfo`);
    else if (first)
      out.push(`grep -cF ${shQuote(` ${firstRootfs(g) ?? first} `.trimEnd())} /proc/1/mountinfo`);
    if (g.holder.startsWith('container:')) {
      const id = g.holder.slice('container:'.length);
      out.push(
        `docker inspect -f '{{.State.Status}} {{.State.Dead}}' ${id} 2>/dev/null || crictl inspect ${id} | grep -m1 '"state"'`,
      );
    }
    out.push(g.commands.join('\n'));
    if (g.commandTotal > g.commands.length) {
      out.push(
        `# ... ${fmt(g.commandTotal - g.commands.length)} more listed by the bulk command below (same order):`,
      );
      if (g.bulkCommand) out.push(`# ${g.bulkCommand}`);
    } else if (g.bulkCommand) {
      out.push('# the same from the live table, in one line:', `# ${g.bulkCommand}`);
    }
    out.push('# after: nothing of this holder is left mounted:');
    const root = firstRootfs(g);
    if (root) out.push(`grep -cF ${shQuote(`${root}/`)} /proc/1/mountinfo   # expect 0`);
    else if (g.nsenterPid !== undefined)
      out.push(`nsenter -t ${g.nsenterPid} -m -- findmnt -rn -t ext4,xfs | wc -l   # expect 0`);
    if (g.followUp) out.push('# then remove the stuck container:', `# ${g.followUp}`);
    out.push('');
  });
  return `${out.join('\n')}\n`;
}

function firstRootfs(g: UmountPlanGroup): string | undefined {
  const m = g.bulkCommand ? /-v p='?([^' ]+)\/'?/.exec(g.bulkCommand) : null;
  return m?.[1];
}
