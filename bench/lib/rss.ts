import { readFileSync } from 'node:fs';

/**
 * Peak resident memory of a live process in MB: VmHWM, the kernel's high-water mark, so one read at
 * the end of a run sees the peak with no sampling gaps. Linux only; null elsewhere or once it exited.
 */
export function peakRssMb(pid: number): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = status.match(/^VmHWM:\s+(\d+)\s+kB/m)?.[1];
    return kb ? Number(kb) / 1024 : null;
  } catch {
    return null;
  }
}
