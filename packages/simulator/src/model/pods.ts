import { DAY, HOUR, MINUTE } from './sim-time.ts';
import { hashString, mix, Rng } from './random.ts';
import { bootTime, type NodeProfile } from './node-profile.ts';

export interface SimContainer {
  id: string;
  name: string;
  image: string;
  imageId: string;
  createdMs: number;
  state: 'running' | 'exited';
  exitCode?: number;
  finishedMs?: number;
  attempt: number;
  args: string;
  rssKb: number;
  threads: number;
}

export interface SimPod {
  uid: string;
  name: string;
  namespace: string;
  sandboxId: string;
  createdMs: number;
  hostNetwork: boolean;
  containers: SimContainer[];
  /** Stable key for pid allocation and ids. */
  key: number;
}

interface PodTemplate {
  name: string;
  namespace: string;
  hostNetwork: boolean;
  containers: { name: string; image: string; args: string; rssKb: number; threads: number }[];
}

const APPS: PodTemplate[] = [
  {
    name: 'web-frontend',
    namespace: 'shop',
    hostNetwork: false,
    containers: [
      {
        name: 'nginx',
        image: 'registry.example.com/shop/web-frontend:2.14.1',
        args: 'nginx: master process nginx -g daemon off;',
        rssKb: 9_800,
        threads: 1,
      },
    ],
  },
  {
    name: 'order-service',
    namespace: 'shop',
    hostNetwork: false,
    containers: [
      {
        name: 'app',
        image: 'registry.example.com/shop/order-service:5.3.0',
        args: 'java -Xms2g -Xmx2g -XX:+UseG1GC -jar /app/order-service.jar',
        rssKb: 2_310_000,
        threads: 87,
      },
    ],
  },
  {
    name: 'cart-api',
    namespace: 'shop',
    hostNetwork: false,
    containers: [
      {
        name: 'api',
        image: 'registry.example.com/shop/cart-api:1.9.4',
        args: '/app/cart-api --config /etc/cart/config.yaml',
        rssKb: 61_200,
        threads: 14,
      },
    ],
  },
  {
    name: 'redis-cache',
    namespace: 'shop',
    hostNetwork: false,
    containers: [
      {
        name: 'redis',
        image: 'docker.io/library/redis:7.2.4',
        args: 'redis-server *:6379',
        rssKb: 412_000,
        threads: 5,
      },
    ],
  },
  {
    name: 'report-worker',
    namespace: 'data',
    hostNetwork: false,
    containers: [
      {
        name: 'worker',
        image: 'registry.example.com/data/report-worker:0.18.2',
        args: 'python3 -m worker --queue reports',
        rssKb: 188_000,
        threads: 9,
      },
    ],
  },
  {
    name: 'search-indexer',
    namespace: 'data',
    hostNetwork: false,
    containers: [
      {
        name: 'indexer',
        image: 'registry.example.com/data/search-indexer:3.1.0',
        args: '/usr/local/bin/indexer --batch 500',
        rssKb: 96_400,
        threads: 22,
      },
      {
        name: 'metrics',
        image: 'registry.example.com/infra/statsd-exporter:0.26.0',
        args: '/bin/statsd_exporter --statsd.listen-udp=:9125',
        rssKb: 14_200,
        threads: 8,
      },
    ],
  },
  {
    name: 'payments',
    namespace: 'shop',
    hostNetwork: false,
    containers: [
      {
        name: 'app',
        image: 'registry.example.com/shop/payments:7.0.2',
        args: 'java -Xmx1g -jar /opt/payments/payments.jar',
        rssKb: 1_120_000,
        threads: 64,
      },
    ],
  },
  {
    name: 'image-resizer',
    namespace: 'media',
    hostNetwork: false,
    containers: [
      {
        name: 'resizer',
        image: 'registry.example.com/media/image-resizer:1.4.7',
        args: 'node /srv/resizer/index.js',
        rssKb: 142_000,
        threads: 11,
      },
    ],
  },
];

function systemPods(p: NodeProfile, kubeMinor: string): PodTemplate[] {
  const cni: PodTemplate =
    p.cni === 'calico'
      ? {
          name: 'calico-node',
          namespace: 'calico-system',
          hostNetwork: true,
          containers: [
            {
              name: 'calico-node',
              image: 'docker.io/calico/node:v3.27.3',
              args: 'calico-node -felix',
              rssKb: 98_000,
              threads: 18,
            },
          ],
        }
      : p.cni === 'flannel'
        ? {
            name: 'kube-flannel-ds',
            namespace: 'kube-flannel',
            hostNetwork: true,
            containers: [
              {
                name: 'kube-flannel',
                image: 'docker.io/flannel/flannel:v0.25.1',
                args: '/opt/bin/flanneld --ip-masq --kube-subnet-mgr',
                rssKb: 31_000,
                threads: 12,
              },
            ],
          }
        : {
            name: 'terway-eniip',
            namespace: 'kube-system',
            hostNetwork: true,
            containers: [
              {
                name: 'terway',
                image: 'registry-vpc.cn-hangzhou.aliyuncs.com/acs/terway:v1.2.1',
                args: '/usr/bin/terwayd -log-level info',
                rssKb: 54_000,
                threads: 16,
              },
            ],
          };
  return [
    {
      name: 'kube-proxy',
      namespace: 'kube-system',
      hostNetwork: true,
      containers: [
        {
          name: 'kube-proxy',
          image: `registry.k8s.io/kube-proxy:v1.${kubeMinor}`,
          args: '/usr/local/bin/kube-proxy --config=/var/lib/kube-proxy/config.conf --hostname-override=$(NODE_NAME)',
          rssKb: 38_500,
          threads: 9,
        },
      ],
    },
    cni,
    {
      name: 'node-exporter',
      namespace: 'monitoring',
      hostNetwork: true,
      containers: [
        {
          name: 'node-exporter',
          image: 'quay.io/prometheus/node-exporter:v1.8.0',
          args: '/bin/node_exporter --path.rootfs=/host',
          rssKb: 21_000,
          threads: 7,
        },
      ],
    },
    {
      name: 'csi-plugin',
      namespace: 'kube-system',
      hostNetwork: true,
      containers: [
        {
          name: 'csi-plugin',
          image: 'registry.example.com/acs/csi-plugin:v1.30.1',
          args: '/bin/plugin.csi.alibabacloud.com --endpoint=unix://csi/csi.sock --driver=diskplugin.csi.xxx.com',
          rssKb: 47_000,
          threads: 13,
        },
        {
          name: 'node-driver-registrar',
          image: 'registry.k8s.io/sig-storage/csi-node-driver-registrar:v2.10.1',
          args: '/csi-node-driver-registrar --v=2',
          rssKb: 9_100,
          threads: 6,
        },
      ],
    },
    {
      name: 'logxxx-ds',
      namespace: 'kube-system',
      hostNetwork: true,
      containers: [
        {
          name: 'logxxx',
          image: 'registry.example.com/acs/logxxx:1.8.2',
          args: '/usr/local/ilogxxx/bin/ilogxxx --config /etc/ilogxxx/config.json',
          rssKb: 83_000,
          threads: 21,
        },
      ],
    },
  ];
}

function podSuffix(r: Rng, deployment: boolean): string {
  return deployment ? `${r.alnum(10)}-${r.alnum(5)}` : r.alnum(5);
}

function buildPod(t: PodTemplate, key: number, createdMs: number, at: number, deployment: boolean): SimPod {
  const r = new Rng(key);
  const pod: SimPod = {
    uid: r.uuid(),
    name: `${t.name}-${podSuffix(r, deployment)}`,
    namespace: t.namespace,
    sandboxId: r.hex(64),
    createdMs,
    hostNetwork: t.hostNetwork,
    containers: [],
    key,
  };
  for (const c of t.containers) {
    // An occasional earlier attempt that exited: kubelet's GC keeps the last dead one.
    const restarted = r.chance(0.08) && at - createdMs > 2 * HOUR;
    const startMs = restarted ? createdMs + Math.floor(r.next() * (at - createdMs) * 0.8) : createdMs + 2_000;
    const img = r.hex(64);
    if (restarted) {
      pod.containers.push({
        id: r.hex(64),
        name: c.name,
        image: c.image,
        imageId: `sha256:${img}`,
        createdMs: createdMs + 2_000,
        state: 'exited',
        exitCode: 137,
        finishedMs: startMs - 5_000,
        attempt: 0,
        args: c.args,
        rssKb: 0,
        threads: 0,
      });
    }
    pod.containers.push({
      id: r.hex(64),
      name: c.name,
      image: c.image,
      imageId: `sha256:${img}`,
      createdMs: startMs,
      state: 'running',
      attempt: restarted ? 1 : 0,
      args: c.args,
      rssKb: Math.floor(c.rssKb * (0.85 + 0.3 * r.next())),
      threads: c.threads,
    });
  }
  return pod;
}

/**
 * The pods running at `at`: the node's DaemonSets since boot, plus application pods whose
 * replicas roll over every few days and whose count breathes with the time of day.
 */
export function podsAt(p: NodeProfile, at: number): SimPod[] {
  const boot = bootTime(p, at);
  const minor = p.kubeletVersion.replace(/^Kubernetes v1\./, '');
  const pods: SimPod[] = [];
  systemPods(p, minor).forEach((t, i) => {
    pods.push(buildPod(t, mix(p.node.seed, hashString(t.name), boot), boot + 40_000 + i * 3_000, at, false));
  });
  const wave = Math.sin(((at % DAY) / DAY) * 2 * Math.PI + (p.node.seed % 7));
  const count = Math.max(0, Math.round(p.podsBase + 3 * wave));
  for (let slot = 0; slot < count; slot++) {
    const template = APPS[mix(p.node.seed, slot) % APPS.length] as PodTemplate;
    const lifetime = (2 + (mix(p.node.seed, slot, 1) % 9)) * DAY;
    const phase = mix(p.node.seed, slot, 2) % lifetime;
    const gen = Math.floor((at + phase) / lifetime);
    const created = Math.max(gen * lifetime - phase, boot + 90_000 + slot * 7 * MINUTE);
    if (created > at) continue;
    pods.push(buildPod(template, mix(p.node.seed, slot, gen, 3), created, at, true));
  }
  return pods;
}
