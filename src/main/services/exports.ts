// exports.*: files a biologist takes away. CSVs follow ./csv.ts (UTF-8 with BOM, CRLF, RFC 4180).
// The dataset export is the imported file's format and orientation with predicted labels filled in for
// the UNLABELLED samples only: hidden samples keep their true label (it is in the original file; hiding
// was a benchmark device), labelled samples keep theirs.

import { serializeDataset } from '../../core/dataset'
import { ALL_METHODS, UserError, type MethodName, type MethodResult, type RunResult } from '../../core/types'
import type { ExportFile, Req, Res } from '../../shared/api'
import { renderReport } from '../report'
import { getDatasetNames, loadDataset } from '../store/datasetsRepo'
import { getRunResult, type RunRow } from '../store/runsRepo'
import { requireRun, type ServiceContext } from './context'
import { float32Text, toCsv } from './csv'
import { datasetNameFromFile } from './datasets'
import type { runHandlers } from './runs'

const CSV_MIME = 'text/csv;charset=utf-8'

function finishedRun(ctx: ServiceContext, id: number): { row: RunRow; result: RunResult } {
  const row = requireRun(ctx, id)
  const result = row.status === 'done' ? getRunResult(ctx.db, id, { withWeights: false }) : null
  if (!result) throw new UserError('run-not-finished', `Run ${id} has no results to export (it is ${row.status}).`)
  return { row, result }
}

function baseName(ctx: ServiceContext, row: RunRow): string {
  const names = ctx.db.prepare('SELECT file_name FROM datasets WHERE id = ?').get(row.datasetId) as { file_name: string }
  return `${datasetNameFromFile(names.file_name)}_run${row.id}`
}

/** SSAE when the run has it, else the first method of the run. */
export function predictionMethod(result: RunResult): MethodResult {
  const order: MethodName[] = ['ssae', ...result.config.methods, ...ALL_METHODS]
  for (const m of order) if (result.methods[m]) return result.methods[m]!
  throw new UserError('no-predictions', 'This run has no method results.')
}

export function exportHandlers(ctx: ServiceContext, runs: ReturnType<typeof runHandlers>) {
  return {
    'exports.features': async (req: Req<'exports.features'>): Promise<Res<'exports.features'>> => {
      const { row, result } = finishedRun(ctx, req.id)
      const selected = result.methods.ssae?.selected
      if (!selected) throw new UserError('no-selected-features', `Run ${req.id} has no selected features: only the SSAE selects features.`)
      const rows = selected.map((f, i) => [i + 1, f.feature, f.norm])
      return { fileName: `${baseName(ctx, row)}_features.csv`, mime: CSV_MIME, content: toCsv(['rank', 'feature', 'norm'], rows) }
    },

    'exports.predictions': async (req: Req<'exports.predictions'>): Promise<Res<'exports.predictions'>> => {
      const { row, result } = finishedRun(ctx, req.id)
      const m = predictionMethod(result)
      const names = getDatasetNames(ctx.db, row.datasetId)!
      const k = result.classes.length
      const n = m.predicted.length
      const sampleIds = names.sampleIds
      const header = ['sample', 'role', 'true_label', 'predicted', ...result.classes.map((c) => `confidence_${c}`)]
      const rows = Array.from({ length: n }, (_, i) => {
        const t = result.split.yTrue[i]
        const conf = Array.from({ length: k }, (_, c) => float32Text(m.proba[i * k + c]))
        return [sampleIds[i], result.split.role[i], t >= 0 ? result.classes[t] : null, result.classes[m.predicted[i]], ...conf]
      })
      return { fileName: `${baseName(ctx, row)}_predictions_${m.method}.csv`, mime: CSV_MIME, content: toCsv(header, rows) }
    },

    'exports.dataset': async (req: Req<'exports.dataset'>): Promise<Res<'exports.dataset'>> => {
      const { row, result } = finishedRun(ctx, req.id)
      const m = predictionMethod(result)
      const ds = loadDataset(ctx.db, row.datasetId)!
      const labels = ds.labels.map((l, i) => (result.split.role[i] === 'unlabelled' ? result.classes[m.predicted[i]] : l))
      const content = serializeDataset(ds, labels, { unlabelledValue: result.config.import.unlabelledValue })
      const original = ds.fileName.replace(/\.gz$/i, '')
      const stem = datasetNameFromFile(original)
      const ext = original.slice(stem.length) || (ds.format === 'tsv' ? '.tsv' : '.csv')
      const mime = ds.format === 'tsv' ? 'text/tab-separated-values;charset=utf-8' : CSV_MIME
      return { fileName: `${stem}_run${row.id}_predicted_${m.method}${ext}`, mime, content }
    },

    'exports.report': async (req: Req<'exports.report'>): Promise<Res<'exports.report'>> => {
      const { row, result } = finishedRun(ctx, req.id)
      const detail = await runs['runs.get']({ id: req.id })
      const weights = result.methods.ssae?.weightsShape ? await runs['runs.weights']({ id: req.id }) : null
      const features = await runs['runs.features']({ id: req.id })
      const content = renderReport({ detail, weights, features })
      const file: ExportFile = { fileName: `${baseName(ctx, row)}_report.html`, mime: 'text/html;charset=utf-8', content }
      return file
    }
  }
}
