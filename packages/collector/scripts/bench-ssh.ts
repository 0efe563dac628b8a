// Measures takeSnapshot against a real local OpenSSH server: one full snapshot, then many
// small snapshots in flight. Run: npx tsx packages/collector/scripts/bench-ssh.ts [count] [inFlight]
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { takeSnapshot } from '../src/snapshot/take-snapshot.ts';
import { startOpenSsh } from '../test/support/openssh-server.ts';

const count = Number(process.argv[2] ?? 100);
const inFlight = Number(process.argv[3] ?? 8);
const sshd = await startOpenSsh();
try {
  const knownHostsFile = join(sshd.dir, 'known_hosts');
  await writeFile(knownHostsFile, `${sshd.knownHostsLine}\n`);
  const target = {
    name: 'bench',
    host: sshd.host,
    port: sshd.port,
    user: sshd.user,
    identityFile: sshd.clientKey.privateKeyFile,
  };

  const full = await takeSnapshot(target, { knownHostsFile });
  const bytes = full.artifacts.reduce((n, a) => n + Buffer.byteLength(a.text), 0);
  console.log(
    `full snapshot: ${full.status} in ${full.durationMs} ms, ${full.artifacts.length} probes, ${bytes} bytes`,
  );
  const slowest = [...full.artifacts].sort((a, b) => b.durationMs - a.durationMs).slice(0, 3);
  if (full.error) console.log(`  ${full.error}`);
  console.log(`  slowest probes: ${slowest.map((a) => `${a.probe} ${a.durationMs} ms`).join(', ')}`);

  const durations: number[] = [];
  let failed = 0;
  let next = 0;
  const started = performance.now();
  const cpu0 = process.cpuUsage();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < count) {
        next++;
        const r = await takeSnapshot(target, { knownHostsFile, probes: ['psi'] });
        if (r.status !== 'complete') failed++;
        durations.push(r.durationMs);
      }
    }),
  );
  const wall = performance.now() - started;
  const cpu = process.cpuUsage(cpu0);
  durations.sort((a, b) => a - b);
  const pct = (p: number) => durations[Math.min(durations.length - 1, Math.floor(p * durations.length))];
  console.log(
    `${count} connect+psi snapshots, ${inFlight} in flight: ${(count / (wall / 1000)).toFixed(1)}/s, ` +
      `p50 ${pct(0.5)} ms, p95 ${pct(0.95)} ms, failed ${failed}, client CPU ${((cpu.user + cpu.system) / 1000 / count).toFixed(1)} ms/snapshot`,
  );
} finally {
  await sshd.stop();
}
