// What every service handler needs: the one database connection (the only writer), the run pool, and
// the event emitter the transports subscribe to.

import type { Database } from 'better-sqlite3'
import { UserError, type Dataset, type DatasetPreview, type ImportOptions } from '../../core/types'
import type { ApiEvent, DatasetSummary } from '../../shared/api'
import { getDatasetSummary } from '../store/datasetsRepo'
import { getRunRow, type RunRow } from '../store/runsRepo'
import type { WorkerPool } from '../worker/pool'

export interface ServiceContext {
  db: Database
  pool: WorkerPool
  dbPath: string
  appVersion: string
  demoFile: string
  emit(e: ApiEvent): void
  now(): string
  /** Parses a file: in this process when small, in a worker process when big (never blocks for long). */
  parseFile(fileName: string, data: Uint8Array, options: ImportOptions): Promise<{ dataset: Dataset; preview: DatasetPreview }>
}

export function requireDataset(ctx: ServiceContext, id: number): DatasetSummary {
  const d = getDatasetSummary(ctx.db, id)
  if (!d) throw new UserError('dataset-not-found', `There is no dataset ${id} in this database.`)
  return d
}

export function requireRun(ctx: ServiceContext, id: number): RunRow {
  const r = getRunRow(ctx.db, id)
  if (!r) throw new UserError('run-not-found', `There is no run ${id} in this database.`)
  return r
}
