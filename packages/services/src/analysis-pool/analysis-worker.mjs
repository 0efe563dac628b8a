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
    reply = { id: job.id, ok: true, result: analyzeArtifacts(job.artifacts, job.options) };
  } catch (err) {
    // analyzeArtifacts never throws on parser output; whatever does is reported, not fatal.
    reply = { id: job.id, ok: false, message: err instanceof Error ? err.message : String(err) };
  }
  parentPort.postMessage(reply);
});
parentPort.postMessage({ ready: true });
