export { parseBlockdev } from './blockdev.ts';
export { parseCgroups } from './cgroups.ts';
export { parseContainers } from './containers.ts';
export { parseKubeletProc } from './kubelet-proc.ts';
export { normaliseNsId, parseMountinfo, parseMountinfoNs } from './mountinfo.ts';
export { parseProcesses } from './processes.ts';
export { parsePsi } from './psi.ts';
export { parseSystem } from './system.ts';
export { parseSystemd } from './systemd.ts';
