import { th } from '../detectors/thresholds.ts';

/** "3.10.0-514.10.2.el7.x86_64" -> { major: 3, minor: 10, patch: 0 }. */
export interface KernelVersion {
  major: number;
  minor: number;
  patch: number;
  release: string;
}

export function parseKernelRelease(release: string | undefined): KernelVersion | undefined {
  if (!release) return undefined;
  const m = /^(\d+)\.(\d+)(?:\.(\d+))?/.exec(release.trim());
  if (!m) return undefined;
  return { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3] ?? 0), release: release.trim() };
}

/** Kernels on which memory cgroup kmem accounting leaks or is unstable (3.10 el7, < 4.6). */
export function kmemRiskyKernel(v: KernelVersion | undefined): boolean {
  if (!v) return false;
  const major = th('kmemSafeKernelMajor');
  const minor = th('kmemSafeKernelMinor');
  return v.major < major || (v.major === major && v.minor < minor);
}
