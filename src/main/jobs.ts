// Long jobs a user started (document batches, vault verification, key rotation): each has the renderer's
// job id, an AbortController the owner can trip with jobs:cancel, and throttled progress events. Jobs
// belong to the session that started them and are all cancelled when it locks.
import { AppError } from '../shared/ipc/result'

export interface Job {
  readonly signal: AbortSignal
  /** Reports progress (throttled: the first, the last, and at most every 100 ms in between). */
  progress(phase: string, done: number, total: number): void
  /** Throws CANCELLED-style abort when the owner asked to stop. */
  get cancelled(): boolean
}

export type ProgressEmitter = (payload: { jobId: string; phase: string; done: number; total: number }) => void

export class Jobs {
  private readonly running = new Map<string, { owner: string; ctrl: AbortController }>()
  constructor(
    private readonly emit: ProgressEmitter,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** Runs `fn` as job `jobId` of `owner`. Errors: CONFLICT (that job id is running already). */
  async run<T>(owner: string, jobId: string, fn: (job: Job) => Promise<T>): Promise<T> {
    if (this.running.has(jobId)) throw new AppError('CONFLICT', 'A job with this id is running already.')
    const ctrl = new AbortController()
    this.running.set(jobId, { owner, ctrl })
    let last = -Infinity
    const job: Job = {
      signal: ctrl.signal,
      progress: (phase, done, total) => {
        const t = this.now()
        if (done !== 0 && done < total && t - last < 100) return
        last = t
        this.emit({ jobId, phase, done, total })
      },
      get cancelled() {
        return ctrl.signal.aborted
      },
    }
    try {
      return await fn(job)
    } finally {
      this.running.delete(jobId)
    }
  }

  /** Cancels a job of `owner`; answers whether one was running. */
  cancel(owner: string, jobId: string): boolean {
    const j = this.running.get(jobId)
    if (!j || j.owner !== owner) return false
    j.ctrl.abort()
    return true
  }

  cancelAll(): void {
    for (const j of this.running.values()) j.ctrl.abort()
  }
}
