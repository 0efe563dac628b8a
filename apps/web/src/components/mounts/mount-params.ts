/** The mount page's view state in the URL: ?snapshot=&expand=&sel=&mode=&leaks=1&holder=&cls=&fs=&q= */
export interface MountParams {
  snapshot?: string;
  expand?: string;
  sel?: string;
  mode?: 'graph' | 'table';
  leaks: boolean;
  holder?: string;
  cls?: string;
  fs?: string;
  q?: string;
}

const KEYS = ['snapshot', 'expand', 'sel', 'mode', 'holder', 'cls', 'fs', 'q'] as const;

export function parseMountParams(sp: URLSearchParams): MountParams {
  const p: MountParams = { leaks: sp.get('leaks') === '1' };
  for (const k of KEYS) {
    const v = sp.get(k);
    if (v) (p as unknown as Record<string, string>)[k] = v;
  }
  if (p.mode !== undefined && p.mode !== 'graph' && p.mode !== 'table') delete p.mode;
  return p;
}

export function serialiseMountParams(p: MountParams): string {
  const sp = new URLSearchParams();
  for (const k of KEYS) {
    const v = p[k];
    if (v) sp.set(k, v);
  }
  if (p.leaks) sp.set('leaks', '1');
  const s = sp.toString();
  return s ? `?${s}` : '';
}

/** The mounts.graph input for these params: one definition for the server's first render and the client. */
export function mountGraphInput(name: string, p: MountParams) {
  const filters = {
    ...(p.leaks ? { leaksOnly: true } : {}),
    ...(p.holder ? { holder: p.holder } : {}),
    ...(p.cls ? { deviceClass: p.cls as 'csi' } : {}),
    ...(p.fs ? { fsType: p.fs } : {}),
    ...(p.q ? { q: p.q } : {}),
  };
  return {
    node: name,
    ...(p.snapshot ? { snapshot: p.snapshot } : {}),
    ...(p.expand ? { expand: p.expand } : {}),
    ...(p.sel ? { select: p.sel } : {}),
    filters,
  };
}
