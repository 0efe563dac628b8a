import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { APIRequestContext } from '@playwright/test';
import { expect } from '@playwright/test';

/** Demo fleet names (packages/simulator fleet-specs): one node per incident scenario. */
export const MOUNT_LEAK_NODE = 'prod-east-general-03';
export const UNTRUSTED_NODE = 'edge-untrusted-01';

interface NodeGet {
  lastSnapshot: { id: string; source: string } | null;
  findings: { rule: string; evidence: { probe: string; line: number }[]; snapshotId: string }[];
}

export async function getNode(request: APIRequestContext, name: string): Promise<NodeGet | null> {
  const input = encodeURIComponent(JSON.stringify({ name }));
  const res = await request.get(`/api/trpc/node.get?input=${input}`);
  if (!res.ok()) return null;
  return ((await res.json()) as { result: { data: NodeGet } }).result.data;
}

/**
 * Asks for an immediate collection (the "Collect now" mutation). Used for the untrusted node so
 * its refusal is fresh rather than hidden behind backfilled history or a retry backoff.
 */
export async function collectNow(request: APIRequestContext, name: string): Promise<void> {
  const res = await request.post('/api/trpc/node.collectNow', {
    data: { name },
    headers: await csrfHeader(request),
  });
  expect(res.ok()).toBe(true);
}

/** Waits until the worker has stored a real SSH snapshot (backfilled history has no raw text). */
export async function waitForCollected(request: APIRequestContext, name: string): Promise<NodeGet> {
  let node: NodeGet | null = null;
  await expect
    .poll(
      async () => {
        node = await getNode(request, name);
        return node?.lastSnapshot?.source ?? 'none';
      },
      { timeout: 120_000, intervals: [1_000, 2_000] },
    )
    .toBe('ssh');
  return node as unknown as NodeGet;
}

/** Mutations echo the session's CSRF cookie in a header, as the UI does. */
export async function csrfHeader(request: APIRequestContext): Promise<Record<string, string>> {
  const csrf = (await request.storageState()).cookies.find((c) => c.name === 'ns_csrf')?.value;
  return csrf ? { 'x-csrf-token': csrf } : {};
}

/** The bearer token Prometheus would use (generated in the server's data folder). */
export function metricsAuth(): Record<string, string> {
  const dir = process.env.NODESCOPE_E2E_DATA ?? '';
  return { authorization: `Bearer ${readFileSync(join(dir, 'metrics-token'), 'utf8').trim()}` };
}
