import type { NodeContext } from '../generate/node-context.ts';
import { dockerCreatedAt, humanDuration } from '../generate/format-time.ts';
import { ok, type ProbeResult } from '../generate/probe-result.ts';
import type { ContainerView } from '../scenarios/scenario-hooks.ts';

export function containerViews(ctx: NodeContext): ContainerView[] {
  const docker = ctx.profile.runtime === 'docker';
  const list: ContainerView[] = [];
  for (const pod of ctx.pods) {
    const base = {
      podName: pod.name,
      podNamespace: pod.namespace,
      podUid: pod.uid,
      sandboxId: pod.sandboxId,
    };
    if (docker) {
      list.push({
        ...base,
        id: pod.sandboxId,
        name: `k8s_POD_${pod.name}_${pod.namespace}_${pod.uid}_0`,
        image: 'registry.k8s.io/pause:3.9',
        imageId: 'sha256:e6f1816883972d4be47bd48879a08919b96afcd344132622e4d444987919323c',
        command: '"/pause"',
        state: 'running',
        createdMs: pod.createdMs,
        attempt: 0,
        isSandbox: true,
      });
    }
    for (const c of pod.containers) {
      list.push({
        ...base,
        id: c.id,
        name: docker ? `k8s_${c.name}_${pod.name}_${pod.namespace}_${pod.uid}_${c.attempt}` : c.name,
        image: c.image,
        imageId: c.imageId,
        command: JSON.stringify(c.args.split(' ')[0]),
        state: c.state,
        createdMs: c.createdMs,
        finishedMs: c.finishedMs,
        exitCode: c.exitCode,
        attempt: c.attempt,
        isSandbox: false,
      });
    }
  }
  ctx.hooks.containers?.(ctx, list);
  return list;
}

function dockerStatus(ctx: NodeContext, c: ContainerView): string {
  switch (c.state) {
    case 'running':
      return `Up ${humanDuration(ctx.at - c.createdMs)}`;
    case 'exited':
      return `Exited (${c.exitCode ?? 0}) ${humanDuration(ctx.at - (c.finishedMs ?? c.createdMs))} ago`;
    case 'removing':
      return 'Removal In Progress';
    case 'dead':
      return 'Dead';
    default:
      return 'Created';
  }
}

function dockerLine(ctx: NodeContext, c: ContainerView): string {
  const labels = c.isSandbox
    ? `annotation.kubernetes.io/config.source=api,io.kubernetes.docker.type=podsandbox,io.kubernetes.pod.name=${c.podName},io.kubernetes.pod.namespace=${c.podNamespace},io.kubernetes.pod.uid=${c.podUid}`
    : `annotation.io.kubernetes.container.restartCount=${c.attempt},io.kubernetes.container.name=${c.name.split('_')[1]},io.kubernetes.docker.type=container,io.kubernetes.pod.name=${c.podName},io.kubernetes.pod.namespace=${c.podNamespace},io.kubernetes.pod.uid=${c.podUid},io.kubernetes.sandbox.id=${c.sandboxId}`;
  // Docker's `{{json .}}` on ps rows: keys in this order, every value a string.
  return JSON.stringify({
    Command: c.command,
    CreatedAt: dockerCreatedAt(c.createdMs),
    ID: c.id,
    Image: c.image,
    Labels: labels,
    LocalVolumes: '0',
    Mounts: '',
    Names: c.name,
    Networks: c.isSandbox ? 'host' : '',
    Ports: '',
    RunningFor: `${humanDuration(ctx.at - c.createdMs)} ago`,
    Size: '0B',
    State: c.state,
    Status: dockerStatus(ctx, c),
  });
}

const CRI_STATE: Record<ContainerView['state'], string> = {
  running: 'CONTAINER_RUNNING',
  exited: 'CONTAINER_EXITED',
  created: 'CONTAINER_CREATED',
  removing: 'CONTAINER_UNKNOWN',
  dead: 'CONTAINER_UNKNOWN',
};

function crictlJson(list: ContainerView[]): string {
  const containers = list.map((c) => ({
    id: c.id,
    podSandboxId: c.sandboxId,
    metadata: { name: c.name, attempt: c.attempt },
    image: { image: c.image, annotations: {} },
    imageRef: c.imageId,
    state: CRI_STATE[c.state],
    createdAt: `${BigInt(Math.floor(c.createdMs)) * 1_000_000n + 123_456n}`,
    labels: {
      'io.kubernetes.container.name': c.name,
      'io.kubernetes.pod.name': c.podName,
      'io.kubernetes.pod.namespace': c.podNamespace,
      'io.kubernetes.pod.uid': c.podUid,
    },
    annotations: {
      'io.kubernetes.container.hash': (c.id.slice(0, 8) as string).replace(/^0+/, '') || '1',
      'io.kubernetes.container.restartCount': String(c.attempt),
      'io.kubernetes.container.terminationMessagePath': '/dev/termination-log',
      'io.kubernetes.container.terminationMessagePolicy': 'File',
      'io.kubernetes.pod.terminationGracePeriod': '30',
    },
  }));
  // crictl prints protojson with two-space indentation.
  return JSON.stringify({ containers }, null, 2);
}

export function containersProbe(ctx: NodeContext): ProbeResult {
  const list = containerViews(ctx);
  const out: string[] = [];
  if (ctx.profile.runtime === 'containerd') {
    out.push('## crictl ps -a', crictlJson(list));
  } else {
    out.push('## docker ps -a');
    // docker ps lists newest first.
    const sorted = list.slice().sort((a, b) => b.createdMs - a.createdMs);
    for (const c of sorted) out.push(dockerLine(ctx, c));
    const stuck = sorted.filter((c) => c.state === 'dead' || c.state === 'removing');
    if (stuck.length > 0) {
      out.push('## docker inspect');
      for (const c of stuck) out.push(`${c.id} ${c.state} ${JSON.stringify(c.error ?? '')}`);
    }
  }
  return ok(`${out.join('\n')}\n`, 120 + list.length * 3);
}
