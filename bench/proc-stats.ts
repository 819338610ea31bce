/** What Linux says about a process: resident memory and CPU time, from `/proc`. */
import { readdirSync, readFileSync } from 'node:fs';

/** Resident set size of a process in MB (Linux `/proc`). */
export function rssMbOf(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
    return kb ? Number(kb) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** The parent PID of every process, from `/proc/<pid>/stat` (those that vanish meanwhile are left out). */
function parents(): Map<number, number> {
  const byPid = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // After the parenthesised command name: state, then the parent PID.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      byPid.set(Number(entry), ppid);
    } catch {
      // The process ended while we looked.
    }
  }
  return byPid;
}

/** `pid` and all its descendants. */
export function processTree(pid: number): number[] {
  const byPid = parents();
  const tree = [pid];
  for (let i = 0; i < tree.length; i++)
    for (const [child, parent] of byPid) if (parent === tree[i]) tree.push(child);
  return tree;
}

/** Resident set size of a process and all its descendants, summed, in MB (Linux `/proc`). */
export function treeRssMbOf(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  try {
    return processTree(pid).reduce((sum, member) => sum + (rssMbOf(member) || 0), 0) || Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** Clock ticks per second of `/proc/<pid>/stat` (USER_HZ, 100 on Linux). */
const USER_HZ = 100;

/** CPU time (user + system) a process used so far, in ms (Linux `/proc`). */
export function cpuMsOf(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesised command name; utime and stime are the 14th and 15th fields.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / USER_HZ;
  } catch {
    return Number.NaN;
  }
}

/** CPU time this (load-generating) process used so far, ms. */
export function ownCpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}
