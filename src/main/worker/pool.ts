// Runs queued jobs in worker processes, `concurrency` at a time (default 1), one process per job so a
// crash, a leak or an out-of-memory stays with its run. The pool reports each job's outcome exactly once;
// the caller (the services) is the one writer of run status.

import type { ProgressEvent, RunResult } from '../../core/types'
import type { RunJobMessage } from './protocol'
import { isWorkerMessage } from './protocol'
import type { WorkerHandle, WorkerSpawner } from './spawner'
import { nodeForkSpawner } from './spawner'

export type { WorkerHandle, WorkerSpawner } from './spawner'

export type JobOutcome =
  | { status: 'done'; result: RunResult }
  | { status: 'failed'; error: string; code: string | null }
  | { status: 'cancelled' }

export interface PoolHooks {
  /** Called when a job's turn comes; returns the job to send, or null to skip it (cancelled or deleted meanwhile).
   * May throw a UserError (e.g. the dataset is gone): the job then fails with its message. */
  prepare(runId: number): Omit<RunJobMessage, 'type'> | null
  onProgress(runId: number, progress: ProgressEvent): void
  /** Exactly once per started job. */
  onFinish(runId: number, outcome: JobOutcome): void
}

export interface PoolOptions {
  entryFile: string
  spawner?: WorkerSpawner
  concurrency?: number
  /** How long a cancelled worker gets to stop by itself before it is killed. */
  cancelGraceMs?: number
}

interface Active {
  runId: number
  worker: WorkerHandle
  finished: boolean
  ready: boolean
  cancelling: boolean
  killTimer: NodeJS.Timeout | null
  exited: Promise<void>
}

export function exitDescription(code: number | null, signal: string | null): string {
  return signal ? `signal ${signal}` : `exit code ${code}`
}

export function crashMessage(code: number | null, signal: string | null): string {
  const how = exitDescription(code, signal)
  return (
    `The training process stopped unexpectedly (${how}). Nothing of this run was saved. ` +
    'If the computer ran out of memory, try fewer features, a smaller hidden layer or fewer samples, then start the run again.'
  )
}

export class WorkerPool {
  private readonly queue: number[] = []
  private readonly active = new Map<number, Active>()
  private readonly spawner: WorkerSpawner
  private readonly concurrency: number
  private readonly grace: number
  private closed = false
  private idleWaiters: (() => void)[] = []

  constructor(private readonly options: PoolOptions, private readonly hooks: PoolHooks) {
    this.spawner = options.spawner ?? nodeForkSpawner()
    this.concurrency = Math.max(1, Math.floor(options.concurrency ?? 1))
    this.grace = options.cancelGraceMs ?? 1500
  }

  enqueue(runId: number): void {
    if (this.closed) throw new Error('The run pool is closed.')
    this.queue.push(runId)
    this.pump()
  }

  isQueued(runId: number): boolean {
    return this.queue.includes(runId)
  }

  isActive(runId: number): boolean {
    return this.active.has(runId)
  }

  /** Removes a queued job (true), or asks a running one to stop and kills it after the grace period.
   * Resolves once the job is no longer queued or running. */
  async cancel(runId: number): Promise<'dequeued' | 'stopped' | 'unknown'> {
    const q = this.queue.indexOf(runId)
    if (q >= 0) {
      this.queue.splice(q, 1)
      this.hooks.onFinish(runId, { status: 'cancelled' })
      this.notifyIdle()
      return 'dequeued'
    }
    const a = this.active.get(runId)
    if (!a) return 'unknown'
    if (!a.cancelling) {
      a.cancelling = true
      if (!a.ready) {
        // Still starting up (loading TensorFlow.js): there is nothing to stop gracefully.
        this.finish(a, { status: 'cancelled' })
        a.worker.kill()
        await a.exited
        return 'stopped'
      }
      a.worker.postMessage({ type: 'cancel', runId })
      a.killTimer = setTimeout(() => {
        this.finish(a, { status: 'cancelled' })
        a.worker.kill()
      }, this.grace)
    }
    await a.exited
    return 'stopped'
  }

  /** Resolves when nothing is queued or running. */
  idle(): Promise<void> {
    if (this.queue.length === 0 && this.active.size === 0) return Promise.resolve()
    return new Promise((resolve) => this.idleWaiters.push(resolve))
  }

  /** Stops everything without reporting: queued jobs are dropped and running workers killed; the caller
   * records those runs (the services mark them interrupted). */
  async close(): Promise<void> {
    this.closed = true
    this.queue.length = 0
    const exits = [...this.active.values()].map((a) => {
      a.finished = true
      a.worker.kill()
      return a.exited
    })
    await Promise.all(exits)
  }

  private notifyIdle(): void {
    if (this.queue.length === 0 && this.active.size === 0) {
      const waiters = this.idleWaiters
      this.idleWaiters = []
      for (const w of waiters) w()
    }
  }

  private finish(a: Active, outcome: JobOutcome): void {
    if (a.finished) return
    a.finished = true
    try {
      this.hooks.onFinish(a.runId, outcome)
    } catch (e) {
      console.error(`SSAE Studio: could not record the outcome of run ${a.runId}:`, e)
    }
  }

  private pump(): void {
    while (!this.closed && this.active.size < this.concurrency && this.queue.length > 0) {
      const runId = this.queue.shift()!
      let job: Omit<RunJobMessage, 'type'> | null
      try {
        job = this.hooks.prepare(runId)
      } catch (e) {
        const err = e as Error & { code?: string }
        this.hooks.onFinish(runId, { status: 'failed', error: err.message, code: err.code ?? null })
        continue
      }
      if (job) this.start(runId, job)
    }
    this.notifyIdle()
  }

  private start(runId: number, job: Omit<RunJobMessage, 'type'>): void {
    let worker: WorkerHandle
    try {
      worker = this.spawner.spawn(this.options.entryFile)
    } catch (e) {
      this.hooks.onFinish(runId, { status: 'failed', error: `Could not start the training process: ${(e as Error).message}`, code: null })
      return
    }
    let resolveExit!: () => void
    const a: Active = { runId, worker, finished: false, ready: false, cancelling: false, killTimer: null, exited: new Promise((r) => (resolveExit = r)) }
    this.active.set(runId, a)
    let afterTerminal: NodeJS.Timeout | null = null

    worker.onMessage((msg) => {
      if (!isWorkerMessage(msg)) return
      switch (msg.type) {
        case 'ready':
          a.ready = true
          if (a.cancelling) return
          worker.postMessage({ type: 'run', ...job })
          return
        case 'progress':
          if (!a.finished && !a.cancelling) this.hooks.onProgress(runId, msg.progress)
          return
        case 'result':
          this.finish(a, { status: 'done', result: msg.result })
          break
        case 'failed':
          this.finish(a, { status: 'failed', error: msg.error.message, code: msg.error.code })
          break
        case 'cancelled':
          this.finish(a, { status: 'cancelled' })
          break
      }
      // A terminal message: let the worker exit, and make sure it does.
      worker.postMessage({ type: 'exit' })
      afterTerminal ??= setTimeout(() => worker.kill(), this.grace)
    })

    worker.onExit((code, signal) => {
      if (a.killTimer) clearTimeout(a.killTimer)
      if (afterTerminal) clearTimeout(afterTerminal)
      this.finish(a, a.cancelling ? { status: 'cancelled' } : { status: 'failed', error: crashMessage(code, signal), code: 'worker-crashed' })
      this.active.delete(runId)
      resolveExit()
      this.pump()
    })
  }
}
