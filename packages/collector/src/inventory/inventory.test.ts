import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromCsv } from './from-csv.ts';
import { fromKubectlNodes } from './from-kubectl.ts';
import { fromSshConfig } from './from-ssh-config.ts';
import { fromYaml } from './from-yaml.ts';
import { inventoryTarget } from './inventory-target.ts';
import { parseInventoryJson } from './parse-inventory-json.ts';

describe('parseInventoryJson', () => {
  it('reads the simulator inventory shape', () => {
    const text = JSON.stringify([
      {
        name: 'sim-1',
        host: '127.0.0.1',
        port: 40001,
        user: 'nodescope',
        identityFile: '/k/id',
        knownHostsFile: '/k/kh',
        labels: { pool: 'a' },
      },
    ]);
    expect(parseInventoryJson(text)).toEqual({
      nodes: [
        {
          name: 'sim-1',
          host: '127.0.0.1',
          port: 40001,
          user: 'nodescope',
          identityFile: '/k/id',
          knownHostsFile: '/k/kh',
          labels: { pool: 'a' },
        },
      ],
      warnings: [],
    });
  });

  it('keeps good entries and names the bad ones', () => {
    const text = JSON.stringify([
      { name: 'ok', host: 'h1' },
      { name: 'bad port', host: 'h2', port: 70000 },
      { name: 'w2', host: '', port: 22 },
      { name: 'ok', host: 'h3' },
      'nonsense',
    ]);
    const r = parseInventoryJson(text, { user: 'core' });
    expect(r.nodes).toEqual([{ name: 'ok', host: 'h1', port: 22, user: 'core', labels: {} }]);
    expect(r.warnings).toHaveLength(4);
    expect(r.warnings[0]).toMatch(/entry 2 \(bad port\) skipped: name: must be a node name.*port:/);
    expect(r.warnings[1]).toMatch(/entry 3 \(w2\) skipped: host: must not be empty/);
    expect(r.warnings[2]).toMatch(/duplicate node name "ok"/);
  });

  it('explains JSON that is not an inventory', () => {
    expect(parseInventoryJson('{').warnings[0]).toMatch(/not valid JSON/);
    expect(parseInventoryJson('{"a":1}').warnings[0]).toMatch(/must be an array/);
  });

  it('never throws, whatever the input (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), (text) => {
        const r = parseInventoryJson(text);
        expect(Array.isArray(r.nodes)).toBe(true);
      }),
    );
  });
});

describe('fromKubectlNodes', () => {
  const list = {
    apiVersion: 'v1',
    kind: 'List',
    items: [
      {
        metadata: {
          name: 'cn-hangzhou.10.0.3.17',
          labels: { 'node.kubernetes.io/instance-type': 'ecs.g6.12xlarge', pool: 'gpu' },
        },
        status: {
          addresses: [
            { type: 'Hostname', address: 'worker-17' },
            { type: 'InternalIP', address: '10.0.3.17' },
          ],
          nodeInfo: { kubeletVersion: 'v1.19.16', kernelVersion: '4.19.91-24.1.al7.x86_64' },
        },
      },
      { metadata: { name: 'no-ip' }, status: { addresses: [{ type: 'Hostname', address: 'no-ip.local' }] } },
      { metadata: {}, status: {} },
    ],
  };

  it('takes name, InternalIP, labels and versions', () => {
    const r = fromKubectlNodes(JSON.stringify(list), { user: 'ops', identityFile: '/keys/fleet' });
    expect(r.nodes[0]).toEqual({
      name: 'cn-hangzhou.10.0.3.17',
      host: '10.0.3.17',
      port: 22,
      user: 'ops',
      identityFile: '/keys/fleet',
      labels: { 'node.kubernetes.io/instance-type': 'ecs.g6.12xlarge', pool: 'gpu' },
      kubeletVersion: 'v1.19.16',
      kernelVersion: '4.19.91-24.1.al7.x86_64',
    });
    expect(r.nodes[1]?.host).toBe('no-ip.local');
    expect(r.nodes).toHaveLength(2);
    expect(r.warnings).toEqual([
      'node no-ip has no InternalIP; using no-ip.local',
      'NodeList item 3 has no metadata.name; skipped',
    ]);
  });

  it('rejects other JSON with a message, not an exception', () => {
    expect(fromKubectlNodes('[]').warnings[0]).toMatch(/NodeList/);
    expect(fromKubectlNodes('nope').warnings[0]).toMatch(/not JSON/);
  });
});

describe('fromCsv', () => {
  it('reads the header columns in any order, k=v;k=v labels, quotes and CRLF', () => {
    const csv =
      'host,name,port,user,labels\r\n10.0.0.1,w1,2222,core,"zone=a;pool=gpu"\r\n10.0.0.2,w2,,,\r\n\r\n';
    const r = fromCsv(csv);
    expect(r.warnings).toEqual([]);
    expect(r.nodes).toEqual([
      { name: 'w1', host: '10.0.0.1', port: 2222, user: 'core', labels: { zone: 'a', pool: 'gpu' } },
      { name: 'w2', host: '10.0.0.2', port: 22, user: 'root', labels: {} },
    ]);
  });

  it('reports bad rows with spreadsheet row numbers and bad labels', () => {
    const r = fromCsv('name,host,port,labels,color\nw1,h1,abc,zone\nw2,h2,22,"a=1;junk"\n');
    expect(r.nodes.map((n) => n.name)).toEqual(['w2']);
    expect(r.warnings).toEqual([
      'CSV column "color" is not known; ignored',
      'CSV row 2: label "zone" is not k=v; ignored',
      'CSV row 3: label "junk" is not k=v; ignored',
      expect.stringMatching(/^CSV row 2 \(w1\) skipped: port:/),
    ]);
  });

  it('needs name and host columns', () => {
    expect(fromCsv('a,b\n1,2').warnings.at(-1)).toMatch(/at least name and host/);
    expect(fromCsv('').warnings).toEqual(['CSV inventory is empty']);
  });
});

describe('fromYaml', () => {
  it('reads a list or a nodes: mapping, coercing label values to strings', () => {
    const r = fromYaml(
      'nodes:\n  - name: w1\n    host: 10.0.0.1\n    labels: { rack: 7, gpu: true }\n  - name: w2\n    host: h2\n    port: 2200\n',
    );
    expect(r.warnings).toEqual([]);
    expect(r.nodes).toEqual([
      { name: 'w1', host: '10.0.0.1', port: 22, user: 'root', labels: { rack: '7', gpu: 'true' } },
      { name: 'w2', host: 'h2', port: 2200, user: 'root', labels: {} },
    ]);
  });

  it('turns YAML syntax errors into warnings', () => {
    const r = fromYaml('nodes:\n  - name: [unclosed\n');
    expect(r.nodes).toEqual([]);
    expect(r.warnings[0]).toMatch(/^YAML inventory:/);
  });
});

describe('fromSshConfig', () => {
  it('lists concrete hosts with their resolved settings', () => {
    const text =
      'Host bastion\n  HostName 203.0.113.9\nHost w1 w2\n  User core\n  ProxyJump ops@bastion:2222\nHost w*\n  Port 2200\n  IdentityFile ~/.ssh/fleet\n';
    const r = fromSshConfig(text, {}, { localUser: 'me', home: '/home/me' });
    expect(r.warnings).toEqual([]);
    expect(r.nodes.map((n) => n.name)).toEqual(['bastion', 'w1', 'w2']);
    expect(r.nodes[1]).toEqual({
      name: 'w1',
      host: 'w1',
      port: 2200,
      user: 'core',
      identityFile: '/home/me/.ssh/fleet',
      labels: {},
      proxyJump: ['ops@203.0.113.9:2222'],
    });
    const { target } = inventoryTarget(r.nodes[1]!);
    expect(target.jump).toEqual([
      {
        name: '203.0.113.9',
        host: '203.0.113.9',
        port: 2222,
        user: 'ops',
        identityFile: '/home/me/.ssh/fleet',
      },
    ]);
  });

  it('warns when there is nothing concrete', () => {
    expect(fromSshConfig('Host *\n  User x\n').warnings).toContain('ssh config has no concrete Host entries');
  });
});
