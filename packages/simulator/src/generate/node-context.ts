import { bootTime, memTotalKbFor, type NodeProfile, baseProfile } from '../model/node-profile.ts';
import { podsAt, type SimPod } from '../model/pods.ts';
import type { ResolvedNode } from '../model/sim-node-spec.ts';
import type { ScenarioHooks } from '../scenarios/scenario-hooks.ts';
import { scenarioHooks } from '../scenarios/registry.ts';

/** Everything a probe generator needs about one node at one instant, computed lazily. */
export class NodeContext {
  readonly profile: NodeProfile;
  readonly hooks: ScenarioHooks;
  readonly boot: number;
  private podsCache: SimPod[] | undefined;
  private readonly memos = new Map<string, unknown>();

  constructor(
    readonly node: ResolvedNode,
    readonly at: number,
  ) {
    this.hooks = scenarioHooks(node.scenario);
    const profile = baseProfile(node);
    this.hooks.profile?.(profile, node);
    if (profile.memTotalKb === 0) profile.memTotalKb = memTotalKbFor(profile.cpus);
    this.profile = profile;
    this.boot = bootTime(profile, at);
  }

  get uptimeSec(): number {
    return (this.at - this.boot) / 1000;
  }

  get pods(): SimPod[] {
    this.podsCache ??= podsAt(this.profile, this.at);
    return this.podsCache;
  }

  /** Computes a derived model once per snapshot: several probes read the process table. */
  memo<T>(key: string, fn: () => T): T {
    if (!this.memos.has(key)) this.memos.set(key, fn());
    return this.memos.get(key) as T;
  }

  get hostname(): string {
    return this.node.name;
  }

  /** Incident figures multiplied by the node's scale, never below one. */
  scaled(full: number): number {
    return Math.max(1, Math.round(full * this.node.scale));
  }
}

/** Ages relative to the instant: seconds since `ms`, as `etimes` prints. */
export function ageSec(ctx: NodeContext, ms: number): number {
  return Math.max(0, Math.floor((ctx.at - ms) / 1000));
}
