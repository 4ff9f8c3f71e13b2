/**
 * Sweep runs read from the JSON logs of app processes (every run logs `event: "job.ran"` with its
 * job, scheduled tick and holder; src/database/job-lock.ts), and what they say about "once per tick".
 */
import { readFileSync } from 'node:fs';

export interface JobRun {
  job: string;
  /** The scheduled instant, ms since the epoch. */
  tick: number;
  pid: number;
  /** When the run ended (the log line's time). */
  endedAt: number;
}

/** What a process's log says: the requests it completed and the scheduled runs it made. */
export function readLog(file: string): { requests: number; runs: JobRun[] } {
  let requests = 0;
  const runs: JobRun[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.startsWith('{')) continue;
    const entry = JSON.parse(line) as { time: number; msg?: string; event?: string; job?: string; tick?: string | null; holder?: string };
    if (entry.msg === 'request completed') requests += 1;
    if (entry.event === 'job.ran' && entry.tick) runs.push({ job: entry.job!, tick: Date.parse(entry.tick), pid: Number(entry.holder!.split(':')[1]), endedAt: entry.time });
  }
  return { requests, runs };
}

export interface SweepTally {
  jobs: number;
  /** Ticks run (per job, summed). */
  ticks: number;
  /** Ticks run more than once. */
  twice: number;
  /** Ticks between a job's first and last that nobody ran while no run of the job was going on. */
  skipped: number;
  fewestPerJob: number;
}

/**
 * Runs per tick. A tick may go unrun only while the previous run of the job still holds the lease
 * (a run longer than the period); any other skipped tick counts as skipped.
 */
export function tallySweeps(runs: JobRun[], periodMs: number): SweepTally {
  const jobs = [...new Set(runs.map((r) => r.job))];
  const tally: SweepTally = { jobs: jobs.length, ticks: 0, twice: 0, skipped: 0, fewestPerJob: jobs.length === 0 ? 0 : Infinity };
  for (const job of jobs) {
    const mine = runs.filter((r) => r.job === job);
    const perTick = new Map<number, number>();
    for (const r of mine) perTick.set(r.tick, (perTick.get(r.tick) ?? 0) + 1);
    tally.twice += [...perTick.values()].filter((n) => n > 1).length;
    tally.ticks += perTick.size;
    tally.fewestPerJob = Math.min(tally.fewestPerJob, perTick.size);
    const first = Math.min(...perTick.keys());
    const last = Math.max(...perTick.keys());
    for (let t = first; t <= last; t += periodMs) {
      if (!perTick.has(t) && !mine.some((r) => r.tick < t && r.endedAt >= t)) tally.skipped += 1;
    }
  }
  return tally;
}
