import { describe, expect, it } from 'vitest';
import { containerState, podFromDockerName } from './container-state.ts';
import { parseContainers } from './containers.ts';
import { fixture } from './fixtures/load.test-support.ts';

describe('parseContainers: probe output', () => {
  it('reads docker JSON lines and attaches inspect errors by id (incident A)', () => {
    const r = parseContainers(fixture('containers-docker-incident-a.txt'));
    expect(r.warnings).toEqual([]);
    expect(
      r.value.map((c) => [c.id.slice(0, 12), c.state, c.status, c.podName, c.podNamespace, c.line]),
    ).toEqual([
      ['e4261544f8eb', 'removing', 'Removal In Progress', 'logxxx-ds-hsbv9', 'kube-system', 2],
      ['7b0c1f2e3d4a', 'running', 'Up 11 days', 'web-5f7d9c-abcde', 'default', 3],
      ['1234567890ab', 'exited', 'Exited (137) 2 days ago', undefined, undefined, 4],
      ['dddddddddddd', 'dead', 'Dead', undefined, undefined, 5],
    ]);
    expect(r.value[0]!.error).toBe(
      'container e4261544f8eb355ee438c61a5c121217d54b54244d2957e495aa234f77444288: driver "overlay2" failed to remove root filesystem: unlinkat /var/lib/docker/overlay2/9caa9580e946898718f97e9d205d0ac34048d5242ea30c0bc859627483b664be/merged: device or resource busy',
    );
    expect(r.value[3]!.error).toBeUndefined();
    expect(r.value.every((c) => c.runtime === 'docker')).toBe(true);
  });

  it('reads crictl JSON with pod labels and the line of each id', () => {
    const r = parseContainers(fixture('containers-crictl.txt'));
    expect(r.warnings).toEqual([]);
    expect(
      r.value.map((c) => [
        c.name,
        c.state,
        c.status,
        c.podName,
        c.podNamespace,
        c.runtime,
        c.line,
        c.createdRaw,
      ]),
    ).toEqual([
      [
        'coredns',
        'running',
        'CONTAINER_RUNNING',
        'coredns-5d78c9869d-abcde',
        'kube-system',
        'containerd',
        5,
        '1712887719437168443',
      ],
      [
        'app',
        'exited',
        'CONTAINER_EXITED',
        'app-7c9d8-xyz12',
        'default',
        'containerd',
        29,
        '1712880000000000000',
      ],
    ]);
    expect(r.value[1]!.image).toBe('registry.example.com/team/app:1.4.2');
  });

  it('creates an entry for an inspect line with no matching ps row', () => {
    const r = parseContainers('## docker inspect\nabcdef123456 dead "mount busy"\n');
    expect(r.value).toEqual([
      { id: 'abcdef123456', state: 'dead', status: 'dead', runtime: 'docker', line: 2, error: 'mount busy' },
    ]);
  });

  it('reports runtime errors printed instead of output', () => {
    const r = parseContainers(
      '## docker ps -a\nCannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n',
    );
    expect(r.value).toEqual([]);
    expect(r.warnings).toEqual([expect.objectContaining({ probe: 'containers', line: 2 })]);
  });

  it('reports broken crictl JSON', () => {
    const r = parseContainers('## crictl ps -a\n{"containers": [ {"id": "ab\n');
    expect(r.value).toEqual([]);
    expect(r.warnings[0]!.message).toMatch(/crictl JSON/);
  });
});

describe('parseContainers: pasted tables', () => {
  it('reads a docker ps -a table with an empty PORTS column', () => {
    const text = [
      'CONTAINER ID        IMAGE               COMMAND                  CREATED             STATUS                    PORTS                NAMES',
      'e4261544f8eb        889ceee008bf        "/usr/local/ilogxxx…"    8 months ago        Removal In Progress                            k8s_logxxx_logxxx-ds-hsbv9_kube-system_93e182b4-ed88-4344-8c8d-e22af0407be8_0',
      '3f1e2d3c4b5a        nginx:1.25          "/docker-entrypoint.…"   2 days ago          Up 2 days (Paused)        0.0.0.0:80->80/tcp   web',
      '0a0b0c0d0e0f        busybox             "sh"                     3 weeks ago         Restarting (1) 5 s ago                         loop',
      '9f9f9f9f9f9f        busybox             "sh"                     3 weeks ago         Created                                        fresh',
    ].join('\n');
    const r = parseContainers(text);
    expect(r.warnings).toEqual([]);
    expect(r.value.map((c) => [c.id, c.image, c.createdRaw, c.state, c.name, c.podName, c.line])).toEqual([
      [
        'e4261544f8eb',
        '889ceee008bf',
        '8 months ago',
        'removing',
        'k8s_logxxx_logxxx-ds-hsbv9_kube-system_93e182b4-ed88-4344-8c8d-e22af0407be8_0',
        'logxxx-ds-hsbv9',
        2,
      ],
      ['3f1e2d3c4b5a', 'nginx:1.25', '2 days ago', 'paused', 'web', undefined, 3],
      ['0a0b0c0d0e0f', 'busybox', '3 weeks ago', 'restarting', 'loop', undefined, 4],
      ['9f9f9f9f9f9f', 'busybox', '3 weeks ago', 'created', 'fresh', undefined, 5],
    ]);
  });

  it('reads a docker ps row grepped out of its table (incident A write-up)', () => {
    const r = parseContainers(
      'e4261544f8eb        889ceee008bf                                                                 "/usr/local/ilogxxx…"    8 months ago        Removal In Progress                              k8s_logxxx_logxxx-ds-hsbv9_kube-system_93e182b4-ed88-4344-8c8d-e22af0407be8_0',
    );
    expect(r.value).toMatchObject([
      { id: 'e4261544f8eb', state: 'removing', status: 'Removal In Progress', podName: 'logxxx-ds-hsbv9' },
    ]);
  });

  it('reads a crictl ps -a table', () => {
    const text = [
      'CONTAINER           IMAGE               CREATED             STATE               NAME                ATTEMPT             POD ID              POD',
      '1f73f2d81bf98       cbb01a7bd410d       2 minutes ago       Running             coredns             0                   a1b2c3d4e5f6a       coredns-5d78c9869d-abcde',
      '9d8c7b6a5f4e3       6e38f40d628db       3 hours ago         Exited              kube-proxy          2                   f6e5d4c3b2a1f       kube-proxy-xyz12',
    ].join('\n');
    const r = parseContainers(text);
    expect(r.value.map((c) => [c.id, c.state, c.name, c.podName, c.runtime])).toEqual([
      ['1f73f2d81bf98', 'running', 'coredns', 'coredns-5d78c9869d-abcde', 'containerd'],
      ['9d8c7b6a5f4e3', 'exited', 'kube-proxy', 'kube-proxy-xyz12', 'containerd'],
    ]);
  });
});

describe('container helpers', () => {
  it.each([
    ['Removal In Progress', 'removing'],
    ['removing', 'removing'],
    ['Dead', 'dead'],
    ['Exited (137) 2 days ago', 'exited'],
    ['Up 3 hours', 'running'],
    ['Up 3 hours (Paused)', 'paused'],
    ['CONTAINER_EXITED', 'exited'],
    ['CONTAINER_CREATED', 'created'],
    ['CONTAINER_UNKNOWN', 'unknown'],
    ['Restarting (1) 5 seconds ago', 'restarting'],
  ])('containerState(%j) = %s', (input, want) => expect(containerState(input)).toBe(want));

  it.each([
    ['k8s_app_web-1_default_uid_0', { podName: 'web-1', podNamespace: 'default' }],
    ['/k8s_POD_web-1_prod_uid_3', { podName: 'web-1', podNamespace: 'prod' }],
    ['nginx', undefined],
  ])('podFromDockerName(%j)', (name, want) => expect(podFromDockerName(name)).toEqual(want));
});

describe('parseContainers: runtime chatter around the output', () => {
  it('reads crictl JSON after crictl warnings and reports the warnings with their lines', () => {
    const text = [
      '## crictl ps -a',
      'time="2024-04-12T15:28:39+08:00" level=warning msg="runtime connect using default endpoints: [unix:///var/run/dockershim.sock]. As the default settings are now deprecated, you should set the endpoint instead."',
      '{"containers": [{"id": "abc123abc123", "metadata": {"name": "app"}, "image": {"image": "app:1"}, "state": "CONTAINER_EXITED", "createdAt": "1", "labels": {}}]}',
    ].join('\n');
    const r = parseContainers(text);
    expect(r.value).toMatchObject([{ id: 'abc123abc123', name: 'app', state: 'exited', line: 3 }]);
    expect(r.warnings).toEqual([
      expect.objectContaining({ line: 2, message: expect.stringMatching(/^crictl: time=/) }),
    ]);
  });

  it('reads docker JSON rows after a daemon warning', () => {
    const text = [
      '## docker ps -a',
      'WARNING: Error loading config file: /root/.docker/config.json',
      '{"ID":"abcdef123456","State":"dead","Status":"Dead"}',
    ].join('\n');
    const r = parseContainers(text);
    expect(r.value).toMatchObject([{ id: 'abcdef123456', state: 'dead', line: 3 }]);
    expect(r.warnings.map((w) => w.line)).toEqual([2]);
  });
});
