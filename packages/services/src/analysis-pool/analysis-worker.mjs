// One analysis worker thread: loads core's TypeScript source through tsx (in its own namespace,
// so it works whether or not the parent process runs under tsx or inside a Next.js bundle), then
// answers one message per job. Plain JavaScript because it is the file Node starts directly.
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

const api = register({ namespace: 'nodescope-analysis-worker' });
const { analyzeArtifacts } = await api.import('@nodescope/core', import.meta.url);

parentPort.on('message', (job) => {
  let reply;
  try {
    const result = analyzeArtifacts(job.artifacts, job.options);
    // The full node state of a large node takes the server's thread ~300 ms to receive; callers
    // that store the analysis only read its system facts.
    if (job.keep === 'system') result.state = { system: result.state.system };
    reply = { id: job.id, ok: true, result };
  } catch (err) {
    // analyzeArtifacts never throws on parser output; whatever does is reported, not fatal.
    reply = { id: job.id, ok: false, message: err instanceof Error ? err.message : String(err) };
  }
  parentPort.postMessage(reply);
});
parentPort.postMessage({ ready: true });
