// The app's services as one typed handler map (one entry per channel of src/shared/api.ts), usable
// without Electron: the IPC and HTTP transports expose `handlers`, the CLI calls them directly.

import { createRequire } from 'node:module'
import { join } from 'node:path'
import type { RunResult } from '../../core/types'
import { UserError } from '../../core/types'
import type { ApiEvent, Channel, Req, Res, RunStatus } from '../../shared/api'
import { openDatabase } from '../store/db'
import { getRunResult as readRunResult, getRunStatus, interruptUnfinished } from '../store/runsRepo'
import { findAppRoot } from '../paths'
import { WorkerPool, type WorkerSpawner } from '../worker/pool'
import { nodeForkSpawner, resolveWorkerEntry } from '../worker/spawner'
import { parseInWorker } from '../worker/parseTask'
import { parseDataset, previewDataset } from '../../core/dataset'
import type { ServiceContext } from './context'
import { datasetHandlers } from './datasets'
import { exportHandlers } from './exports'
import { prepareJob, recordOutcome, runHandlers, TERMINAL } from './runs'

export type Handlers = { [C in Channel]: (req: Req<C>) => Promise<Res<C>> }

export interface ServicesOptions {
  /** The SQLite file (created with its folder when missing). */
  dbPath: string
  /** The training worker entry; default: out/main/worker.js when built, else src/main/worker/entry.ts (tsx). */
  workerEntry?: string
  /** How worker processes are started; default child_process.fork. Electron passes a utilityProcess one. */
  spawner?: WorkerSpawner
  /** Runs trained at the same time (default 1). */
  concurrency?: number
  appVersion?: string
  /** The built-in demo file; default resources/demo/breast_GC_D_MB.tiro.csv.gz under the app root. */
  demoFile?: string
  /** How long a cancelled run may take to stop by itself before its worker is killed (default 1500 ms). */
  cancelGraceMs?: number
  /** Files of at least this many bytes are parsed in a worker process, smaller ones here (default 2 MB:
   * a worker costs about a second to start, a small file parses in milliseconds). */
  parseInWorkerFromBytes?: number
}

export interface Services {
  handlers: Handlers
  /** Progress and status events of every run; returns the unsubscribe function. */
  subscribe(listener: (e: ApiEvent) => void): () => void
  /** Resolves with the run's final status (done, failed, cancelled, interrupted). */
  waitForRun(id: number): Promise<RunStatus>
  /** A finished run's result as the pipeline returned it (typed arrays), or null when it is not done. For the CLI. */
  getRunResult(id: number): RunResult | null
  /** Runs found queued/running at start-up and marked interrupted. */
  readonly interruptedAtStart: number[]
  readonly dbPath: string
  /** Stops workers (their runs become interrupted) and closes the database. */
  close(): Promise<void>
}

export const INTERRUPTED_MESSAGE =
  'SSAE Studio was closed or stopped while this run was queued or running. Nothing of it was saved; start it again.'

function appVersionFromPackage(root: string): string {
  try {
    return (createRequire(join(root, 'package.json'))('./package.json') as { version: string }).version
  } catch {
    return '0.0.0'
  }
}

function backendAvailable(root: string): string {
  try {
    createRequire(join(root, 'package.json')).resolve('@tensorflow/tfjs-node')
    return 'tensorflow'
  } catch {
    return 'wasm'
  }
}

export function createServices(opts: ServicesOptions): Services {
  const root = findAppRoot()
  const db = openDatabase(opts.dbPath)
  // Documented choice: queued runs from a previous session are NOT restarted (a surprise run minutes after
  // start-up would compete with what the user does now); they become 'interrupted' like running ones.
  const interruptedAtStart = interruptUnfinished(db, INTERRUPTED_MESSAGE, new Date().toISOString())

  const listeners = new Set<(e: ApiEvent) => void>()
  const waiters = new Map<number, ((s: RunStatus) => void)[]>()
  const emit = (e: ApiEvent): void => {
    for (const l of listeners) {
      try {
        l(e)
      } catch (err) {
        console.error('SSAE Studio: an event listener failed:', err)
      }
    }
    if (e.type === 'run.status' && TERMINAL.includes(e.status)) {
      const ws = waiters.get(e.runId)
      waiters.delete(e.runId)
      for (const w of ws ?? []) w(e.status)
    }
  }

  let entry: string | null = null
  const entryFile = (): string => (entry ??= resolveWorkerEntry(opts.workerEntry, root))
  const spawner = opts.spawner ?? nodeForkSpawner()
  const parseFrom = opts.parseInWorkerFromBytes ?? 2 * 1024 * 1024
  const pool = new WorkerPool(
    {
      get entryFile() {
        return entryFile()
      },
      spawner,
      concurrency: opts.concurrency,
      cancelGraceMs: opts.cancelGraceMs
    },
    {
      prepare: (runId) => prepareJob(ctx, runId),
      onProgress: (runId, progress) => emit({ type: 'run.progress', runId, progress }),
      onFinish: (runId, outcome) => recordOutcome(ctx, runId, outcome)
    }
  )

  const demoFile = opts.demoFile ?? join(root, 'resources', 'demo', 'breast_GC_D_MB.tiro.csv.gz')
  const ctx: ServiceContext = {
    db,
    pool,
    dbPath: opts.dbPath,
    appVersion: opts.appVersion ?? appVersionFromPackage(root),
    demoFile,
    emit,
    now: () => new Date().toISOString(),
    async parseFile(fileName, data, options) {
      if (data.byteLength >= parseFrom) return parseInWorker(spawner, entryFile(), fileName, data, options)
      return { dataset: parseDataset(data, fileName, options), preview: previewDataset(data, fileName, options) }
    }
  }

  const runs = runHandlers(ctx)
  const handlers: Handlers = {
    'app.info': async () => ({
      version: ctx.appVersion,
      dbPath: opts.dbPath,
      backend: backendAvailable(root),
      platform: `${process.platform}-${process.arch}`
    }),
    ...datasetHandlers(ctx),
    ...runs,
    ...exportHandlers(ctx, runs)
  }

  let closed = false
  return {
    handlers,
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    waitForRun(id) {
      const status = getRunStatus(db, id)
      if (status === null) return Promise.reject(new UserError('run-not-found', `There is no run ${id} in this database.`))
      if (TERMINAL.includes(status)) return Promise.resolve(status)
      return new Promise((resolve) => {
        const list = waiters.get(id) ?? []
        list.push(resolve)
        waiters.set(id, list)
      })
    },
    getRunResult: (id) => readRunResult(db, id),
    interruptedAtStart,
    dbPath: opts.dbPath,
    async close() {
      if (closed) return
      closed = true
      await pool.close()
      const stopped = interruptUnfinished(db, INTERRUPTED_MESSAGE, ctx.now())
      for (const runId of stopped) emit({ type: 'run.status', runId, status: 'interrupted', error: INTERRUPTED_MESSAGE })
      db.close()
    }
  }
}

export { resolveWorkerEntry } from '../worker/spawner'
export { nodeForkSpawner } from '../worker/spawner'
export type { WorkerHandle, WorkerSpawner } from '../worker/spawner'
