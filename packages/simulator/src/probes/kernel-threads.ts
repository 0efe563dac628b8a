import type { NodeContext } from '../generate/node-context.ts';
import type { PsRow } from './ps-table.ts';

function kt(pid: number, name: string, stat: string, wchan: string, etimes: number): PsRow {
  return { pid, ppid: 2, stat, etimes, nlwp: 1, pcpu: 0, rssKb: 0, wchan, args: `[${name}]` };
}

/** The kernel threads a booted node has: per-CPU threads, workqueues, and per-filesystem journals. */
export function kernelThreads(ctx: NodeContext, up: number): { rows: PsRow[]; nextPid: number } {
  const rows: PsRow[] = [];
  let pid = 3;
  const modern = !/^(3\.|4\.)/.test(ctx.profile.distro.kernelRelease);
  const add = (name: string, stat = 'S', wchan = 'kthread_worker_fn', et = up) =>
    rows.push(kt(pid++, name, stat, wchan, et));
  add('rcu_gp', 'I<', 'rescuer_thread');
  add('rcu_par_gp', 'I<', 'rescuer_thread');
  if (modern) add('slub_flushwq', 'I<', 'rescuer_thread');
  add('netns', 'I<', 'rescuer_thread');
  add('kworker/0:0H-events_highpri', 'I<', 'worker_thread');
  add('mm_percpu_wq', 'I<', 'rescuer_thread');
  add('rcu_tasks_rude_', 'S', 'rcu_tasks_kthread');
  add('rcu_tasks_trace', 'S', 'rcu_tasks_kthread');
  add('ksoftirqd/0', 'S', 'smpboot_thread_fn');
  add(modern ? 'rcu_preempt' : 'rcu_sched', 'I', 'rcu_gp_kthread');
  add('migration/0', 'S', 'smpboot_thread_fn');
  for (let c = 0; c < ctx.profile.cpus; c++) {
    add(`cpuhp/${c}`, 'S', 'smpboot_thread_fn');
    if (c === 0) continue;
    add(`migration/${c}`, 'S', 'smpboot_thread_fn');
    add(`ksoftirqd/${c}`, 'S', 'smpboot_thread_fn');
    add(`kworker/${c}:0H-events_highpri`, 'I<', 'worker_thread');
  }
  for (const name of [
    'kdevtmpfs',
    'inet_frag_wq',
    'kauditd',
    'khungtaskd',
    'oom_reaper',
    'writeback',
    'kcompactd0',
    'ksmd',
    'khugepaged',
    'kintegrityd',
    'kblockd',
    'blkcg_punt_bio',
    'tpm_dev_wq',
    'md',
    'edac-poller',
    'devfreq_wq',
    'watchdogd',
    'kswapd0',
    'kthrotld',
    'acpi_thermal_pm',
    'scsi_eh_0',
    'scsi_tmf_0',
    'ipv6_addrconf',
    'kstrp',
    'zswap-shrink',
    'charger_manager',
  ]) {
    const workqueue = ![
      'kdevtmpfs',
      'kauditd',
      'khungtaskd',
      'oom_reaper',
      'kcompactd0',
      'ksmd',
      'khugepaged',
      'watchdogd',
      'kswapd0',
      'scsi_eh_0',
    ].includes(name);
    add(
      name,
      workqueue ? 'I<' : 'S',
      workqueue ? 'rescuer_thread' : name === 'kswapd0' ? 'kswapd' : 'kthread_worker_fn',
    );
  }
  if (ctx.profile.distro.rootFs === 'xfs') {
    for (const name of [
      'xfsalloc',
      'xfs_mru_cache',
      'xfs-buf/vda1',
      'xfs-conv/vda1',
      'xfs-cil/vda1',
      'xfs-reclaim/vda1',
      'xfs-log/vda1',
      'xfs-eofblocks/vda1',
    ])
      add(name, 'I<', 'rescuer_thread');
    add('xfsaild/vda1', 'S', 'xfsaild');
  } else {
    add('jbd2/vda1-8', 'S', 'kjournald2');
    if (ctx.profile.distro.jbd2Checkpoint) add('jbd2-ckpt/vda1', 'S', 'kjournald2_ckpt');
    add('ext4-rsv-conver', 'I<', 'rescuer_thread');
  }
  // Short-lived kworkers: a handful per CPU group, young, idle.
  const workers = Math.min(12, 3 + Math.floor(ctx.profile.cpus / 4));
  for (let i = 0; i < workers; i++) {
    const age = Math.min(up, 30 + ((ctx.node.seed + i * 977 + Math.floor(ctx.at / 60_000)) % 1700));
    add(`kworker/${i % ctx.profile.cpus}:${1 + (i % 3)}-events`, 'I', 'worker_thread', age);
  }
  add(`kworker/u${ctx.profile.cpus * 2}:1-events_unbound`, 'I', 'worker_thread', Math.min(up, 311));
  return { rows, nextPid: pid };
}
