/**
 * Multi-line kernel records. The kernel prints one report as many lines, each with its own
 * timestamp: a SLUB failure and its `cache:`/`node N: slabs:` lines, a hung-task report and
 * its "echo 0 > …hung_task_timeout_secs" note and call trace, a WARNING/BUG with registers
 * and stack. They fold into one LogEvent so a detector sees the whole report once.
 */

/** Lines that open a report whose following lines are folded in. */
const BLOCK_START =
  /^(?:SLUB: Unable to allocate|INFO: task \S.{0,80} blocked for more than|WARNING: CPU: |WARNING: at |BUG: |------------\[ cut here \]|INFO: rcu_|rcu: INFO: |watchdog: BUG: |Kernel panic|general protection fault|Oops: |Call Trace:)/;

/** The memory report an OOM kill or allocation failure prints after its stack. */
const OOM_REPORT = [
  'Mem-Info:',
  'active_anon:',
  'Node \\d+ ',
  'lowmem_reserve\\[\\]:',
  '\\d+ total pagecache pages',
  '\\d+ pages ',
  'Swap cache stats:',
  'Free swap',
  'Total swap',
  'Tasks state \\(memory values in pages\\):',
  '\\[ *pid *\\]',
  '\\[ *\\d+\\] +\\d+ +\\d+ ',
  'oom-kill:constraint=',
  'memory(?:\\+swap)?: usage ',
  'kmem: usage ',
  'Memory cgroup stats for ',
  'Task in \\/',
  'mems_allowed=',
].join('|');

/** Lines that belong to the report opened before them. */
const CONTINUATION = new RegExp(
  String.raw`^(?:cache: |node -?\d+: slabs: |"echo 0 > |Tainted: |\s*Not tainted |task:\S|Call Trace:|<\/?(?:TASK|IRQ|NMI|EOI)>|\[<[0-9a-f]+>\]|\? |RIP: |RSP: |R[A-Z0-9]{2}: |FS: |CS: |CR2: |Code: |Modules linked in:|CPU: \d+ PID: |Hardware name: |Workqueue: |---\[ end |INFO: lockdep |\S{1,64} +D +\S|[\w.]{1,128}\+0x[0-9a-f]+\/0x[0-9a-f]+|${OOM_REPORT})`,
);

export function startsBlock(message: string): boolean {
  return (
    BLOCK_START.test(message) ||
    message.includes('page allocation failure') ||
    message.includes('invoked oom-killer')
  );
}

export function continuesBlock(message: string): boolean {
  const c = message.charCodeAt(0);
  // Stack frames and register dumps are indented in most kernels.
  if (c === 32 || c === 9) return message.trim() !== '';
  return CONTINUATION.test(message);
}

/** A new report of the same kind must not be swallowed by the previous one. */
export function isNewReport(message: string): boolean {
  return startsBlock(message) && !message.startsWith('Call Trace:');
}
