// runs.*: start (queued → a worker), cancel, list, get, weights, features, delete, compare.
// The parent process is the single writer of run status; workers only compute.

import { validateRunConfig } from '../../core/config'
import { UserError, type MethodName, type Metrics } from '../../core/types'
import type { Req, Res, RunStatus } from '../../shared/api'
import { getDatasetNames, loadDataset } from '../store/datasetsRepo'
import {
  createRun,
  deleteRun,
  getMethodSummaries,
  getRunResult,
  getRunRow,
  getRunStatus,
  listRuns,
  markRunEnded,
  markRunning,
  saveRunResult,
  toRunSummary
} from '../store/runsRepo'
import type { JobOutcome } from '../worker/pool'
import type { RunJobMessage } from '../worker/protocol'
import { compareRuns } from './compare'
import { requireDataset, requireRun, type ServiceContext } from './context'
import { buildFeatureStats } from './featureStats'
import { buildRunDetail } from './runDetail'
import { buildWeightMap } from './weightMap'
import { datasetWithImportOptions } from './datasets'

export const TERMINAL: RunStatus[] = ['done', 'failed', 'cancelled', 'interrupted']

/** The worker job for a queued run (called when its turn comes), marking it running. */
export function prepareJob(ctx: ServiceContext, runId: number): Omit<RunJobMessage, 'type'> | null {
  const row = getRunRow(ctx.db, runId)
  if (!row || row.status !== 'queued') return null
  requireDataset(ctx, row.datasetId)
  const job: Omit<RunJobMessage, 'type'> = { runId, config: row.config, dataset: loadDataset(ctx.db, row.datasetId)! }
  if (!markRunning(ctx.db, runId, ctx.now())) return null
  ctx.emit({ type: 'run.status', runId, status: 'running', error: null })
  return job
}

/** Records a job's outcome (the one write that ends a run) and tells subscribers. */
export function recordOutcome(ctx: ServiceContext, runId: number, outcome: JobOutcome): void {
  const at = ctx.now()
  let error: string | null = null
  if (outcome.status === 'done') {
    let saved: boolean
    try {
      saved = saveRunResult(ctx.db, runId, outcome.result, at)
    } catch (e) {
      // The transaction rolled back (disk full, …): the run must not stay 'running'.
      error = `The run finished but its results could not be saved: ${(e as Error).message}`
      if (markRunEnded(ctx.db, runId, 'failed', error, at)) ctx.emit({ type: 'run.status', runId, status: 'failed', error })
      return
    }
    if (!saved) return // cancelled or deleted meanwhile
  } else if (outcome.status === 'failed') {
    // A UserError from the pipeline is already a sentence for the user; anything else gets context.
    error = outcome.code ? outcome.error : `The analysis failed: ${outcome.error}`
    if (!markRunEnded(ctx.db, runId, 'failed', error, at)) return
  } else {
    if (!markRunEnded(ctx.db, runId, 'cancelled', null, at)) return
  }
  const status = getRunStatus(ctx.db, runId)
  if (status) ctx.emit({ type: 'run.status', runId, status, error })
}

function requireDone(ctx: ServiceContext, id: number) {
  const row = requireRun(ctx, id)
  if (row.status !== 'done') {
    throw new UserError('run-not-finished', `Run ${id} has no results (it is ${row.status}).`)
  }
  return row
}

export function runHandlers(ctx: ServiceContext) {
  return {
    'runs.start': async (req: Req<'runs.start'>): Promise<Res<'runs.start'>> => {
      const config = validateRunConfig(req.config)
      // A run always trains on a stored dataset parsed with the run's own import options, so every view of
      // the run (sample ids, labels, exports) reads that dataset row.
      const datasetId = (await datasetWithImportOptions(ctx, req.datasetId, config.import)).id
      const label = typeof req.label === 'string' && req.label.trim() !== '' ? req.label.trim() : null
      const id = createRun(ctx.db, { datasetId, config, label, appVersion: ctx.appVersion, createdAt: ctx.now() })
      ctx.emit({ type: 'run.status', runId: id, status: 'queued', error: null })
      ctx.pool.enqueue(id)
      return { id }
    },

    'runs.cancel': async (req: Req<'runs.cancel'>): Promise<Res<'runs.cancel'>> => {
      const row = requireRun(ctx, req.id)
      if (row.status === 'queued' || row.status === 'running') {
        const how = await ctx.pool.cancel(req.id)
        // Not known to this pool (should not happen: stale runs are interrupted at start-up): end it here.
        if (how === 'unknown') recordOutcome(ctx, req.id, { status: 'cancelled' })
      }
      return { status: getRunStatus(ctx.db, req.id)! }
    },

    'runs.list': async (req: Req<'runs.list'>): Promise<Res<'runs.list'>> =>
      listRuns(ctx.db, req?.datasetId === undefined ? {} : { datasetId: req.datasetId }).map(toRunSummary),

    'runs.get': async (req: Req<'runs.get'>): Promise<Res<'runs.get'>> => {
      const row = requireRun(ctx, req.id)
      const dataset = requireDataset(ctx, row.datasetId)
      const names = getDatasetNames(ctx.db, row.datasetId)!
      const result = row.status === 'done' ? getRunResult(ctx.db, req.id, { withWeights: false }) : null
      return buildRunDetail(row, dataset, names, result)
    },

    'runs.weights': async (req: Req<'runs.weights'>): Promise<Res<'runs.weights'>> => {
      const row = requireDone(ctx, req.id)
      const ssae = getRunResult(ctx.db, req.id)!.methods.ssae
      if (!ssae?.weights || !ssae.weightsShape) {
        throw new UserError('no-weights', `Run ${req.id} has no SSAE weights (methods: ${row.methods.join(', ')}).`)
      }
      const maxColumns = req.maxColumns ?? 400
      if (!Number.isInteger(maxColumns) || maxColumns < 1 || maxColumns > 100000) {
        throw new UserError('bad-request', `maxColumns must be a whole number from 1 to 100000, got ${maxColumns}.`)
      }
      const names = getDatasetNames(ctx.db, row.datasetId)!
      const [h, d] = ssae.weightsShape
      return buildWeightMap(ssae.weights, h, d, names.featureNames, ssae.selected, maxColumns)
    },

    'runs.features': async (req: Req<'runs.features'>): Promise<Res<'runs.features'>> => {
      const row = requireDone(ctx, req.id)
      const result = getRunResult(ctx.db, req.id, { withWeights: false })!
      const ssae = result.methods.ssae
      if (!ssae?.selected) return []
      const dataset = loadDataset(ctx.db, row.datasetId)!
      return buildFeatureStats(dataset, result.preprocess, result.split.yTrue, result.classes.length, ssae.selected)
    },

    'runs.delete': async (req: Req<'runs.delete'>): Promise<Res<'runs.delete'>> => {
      const row = getRunRow(ctx.db, req.id)
      if (!row) return { deleted: false }
      if (row.status === 'queued' || row.status === 'running') {
        throw new UserError('run-active', `Run ${req.id} is ${row.status}. Cancel it before deleting it.`)
      }
      return { deleted: deleteRun(ctx.db, req.id) }
    },

    'runs.compare': async (req: Req<'runs.compare'>): Promise<Res<'runs.compare'>> => {
      const ids = [...new Set(req.ids ?? [])]
      if (ids.length < 2) throw new UserError('compare-needs-two', 'Choose at least two different runs to compare.')
      const inputs = ids.map((id) => {
        const row = requireRun(ctx, id)
        const methods = getMethodSummaries(ctx.db, id)
        const metrics: Partial<Record<MethodName, Metrics | null>> = {}
        for (const m of methods) metrics[m.method] = m.metrics
        const ssae = methods.find((m) => m.method === 'ssae')
        return { summary: toRunSummary(row), config: row.config, metrics, selected: (ssae?.selected ?? []).map((f) => f.feature) }
      })
      return compareRuns(inputs)
    }
  }
}
