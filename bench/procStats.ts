import { readFileSync } from 'node:fs';

/** A process's peak resident memory (Linux `VmHWM`), or undefined where /proc cannot tell. */
export function peakRssOf(pid: number | undefined): number | undefined {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}
