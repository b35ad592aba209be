// Long work (imports, exports, backups) runs as a job: it starts at once, reports
// its progress through the contract (jobs.get), and never blocks the faces that
// serve the window. The job's own work runs off the event loop (worker threads).
import { randomUUID } from 'node:crypto';
import type { ApiError } from '../shared/envelope.ts';
import type { JobStatus } from '../shared/schemas.ts';

export interface ProgressReport {
  done: number;
  total: number | null;
  message: string;
}

export type JobWork<T> = (report: (progress: ProgressReport) => void) => Promise<T>;

const FINISHED_JOBS_KEPT = 50;

export class JobRegistry {
  private readonly jobs = new Map<string, JobStatus>();

  constructor(private readonly toApiError: (error: unknown) => ApiError) {}

  start<T>(kind: string, label: string, work: JobWork<T>): JobStatus {
    const job: JobStatus = { id: randomUUID(), kind, label, state: 'running', done: 0, total: null, message: 'Starting…', result: null, error: null, startedAt: new Date().toISOString(), finishedAt: null };
    this.jobs.set(job.id, job);
    const report = (progress: ProgressReport) => {
      if (job.state !== 'running') return;
      job.done = progress.done;
      job.total = progress.total;
      job.message = progress.message;
    };
    work(report).then(
      (result) => {
        job.state = 'done';
        job.result = result as JobStatus['result'];
        job.message = 'Done';
        job.finishedAt = new Date().toISOString();
        this.prune();
      },
      (error: unknown) => {
        job.state = 'failed';
        job.error = this.toApiError(error);
        job.message = job.error.message;
        job.finishedAt = new Date().toISOString();
        this.prune();
      },
    );
    return { ...job };
  }

  get(id: string): JobStatus | null {
    const job = this.jobs.get(id);
    return job ? { ...job } : null;
  }

  list(): JobStatus[] {
    return [...this.jobs.values()].map((job) => ({ ...job })).reverse();
  }

  /** Resolves when a job has finished (for the CLI and tests, which wait rather than poll). */
  async settle(id: string, pollMs = 20): Promise<JobStatus> {
    for (;;) {
      const job = this.get(id);
      if (!job) throw new Error(`No job ${id}.`);
      if (job.state !== 'running') return job;
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  }

  private prune(): void {
    const finished = [...this.jobs.values()].filter((job) => job.state !== 'running');
    for (const job of finished.slice(0, Math.max(0, finished.length - FINISHED_JOBS_KEPT))) this.jobs.delete(job.id);
  }
}
