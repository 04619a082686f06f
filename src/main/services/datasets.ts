// datasets.*: import (copied into the store, recognised by hash), list, get, delete, previews.

import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { basename } from 'node:path'
import { classIndices, parseDataset, previewDataset } from '../../core/dataset'
import { applyPreprocess, fitPreprocess, histogram } from '../../core/preprocess'
import { Rng } from '../../core/random'
import { makeSplit } from '../../core/split'
import { UserError, type Dataset, type ImportOptions } from '../../core/types'
import type { ApiError, DatasetSummary, Req, Res } from '../../shared/api'
import {
  canonicalImportOptions,
  countRunsOfDataset,
  deleteDataset,
  findDatasetByHash,
  getDatasetPreview,
  getDatasetSummary,
  importOptionsKey,
  insertDataset,
  listDatasets,
  loadDataset,
  loadOriginal
} from '../store/datasetsRepo'
import { listRuns } from '../store/runsRepo'
import { requireDataset, type ServiceContext } from './context'

/** At most this many values go into a preprocessing preview histogram. */
const PREVIEW_VALUES = 20000

/** "breast_GC_D_MB.tiro.csv.gz" → "breast_GC_D_MB". */
export function datasetNameFromFile(fileName: string): string {
  let name = basename(fileName)
  for (;;) {
    const stripped = name.replace(/\.(gz|csv|tsv|txt|tiro)$/i, '')
    if (stripped === name || stripped === '') break
    name = stripped
  }
  return name || fileName
}

function toUint8(data: Uint8Array): Uint8Array {
  if (!(data instanceof Uint8Array)) throw new UserError('bad-request', 'The file content must be bytes (a Uint8Array).')
  return data
}

export async function importDataset(
  ctx: ServiceContext,
  fileName: string,
  data: Uint8Array,
  options: ImportOptions,
  name?: string
): Promise<DatasetSummary> {
  const bytes = toUint8(data)
  const opts = canonicalImportOptions(options ?? {})
  const hash = createHash('sha256').update(bytes).digest('hex')
  const existing = findDatasetByHash(ctx.db, hash, opts)
  if (existing !== null) return getDatasetSummary(ctx.db, existing)!
  const { dataset, preview } = await ctx.parseFile(fileName, bytes, opts)
  // Imported meanwhile (the same file twice at once)?
  const raced = findDatasetByHash(ctx.db, hash, opts)
  if (raced !== null) return getDatasetSummary(ctx.db, raced)!
  const id = insertDataset(ctx.db, {
    name: name ?? datasetNameFromFile(fileName),
    hash,
    importOptions: opts,
    dataset,
    original: bytes,
    preview,
    importedAt: ctx.now()
  })
  return getDatasetSummary(ctx.db, id)!
}

/** The stored dataset parsed from the same original file with these import options: the dataset itself when
 * its options are the same, else a sibling imported from its stored original (recognised when it exists). */
export async function datasetWithImportOptions(ctx: ServiceContext, id: number, options: ImportOptions): Promise<DatasetSummary> {
  const summary = requireDataset(ctx, id)
  if (importOptionsKey(options) === importOptionsKey(summary.importOptions)) return summary
  const original = loadOriginal(ctx.db, id)!
  return importDataset(ctx, original.fileName, original.data, options, summary.name)
}

/** The dataset as parsed with these import options, without storing anything (for previews). */
function parsedWithImportOptions(ctx: ServiceContext, id: number, options: ImportOptions): Dataset {
  const summary = requireDataset(ctx, id)
  if (importOptionsKey(options) === importOptionsKey(summary.importOptions)) return loadDataset(ctx.db, id)!
  const original = loadOriginal(ctx.db, id)!
  return parseDataset(original.data, original.fileName, canonicalImportOptions(options))
}

function sampleIndices(total: number, count: number): Int32Array {
  if (total <= count) return Int32Array.from({ length: total }, (_, i) => i)
  const rng = new Rng(0)
  const out = new Int32Array(count)
  for (let i = 0; i < count; i++) out[i] = rng.nextUint32() % total
  return out
}

function toApiError(e: unknown): ApiError {
  if (e instanceof UserError) {
    const details: ApiError['details'] = {}
    if (e.file !== undefined) details.file = e.file
    if (e.line !== undefined) details.line = e.line
    if (e.column !== undefined) details.column = e.column
    return Object.keys(details).length > 0 ? { code: e.code, message: e.message, details } : { code: e.code, message: e.message }
  }
  throw e
}

export function datasetHandlers(ctx: ServiceContext) {
  return {
    'datasets.preview': async (req: Req<'datasets.preview'>): Promise<Res<'datasets.preview'>> =>
      previewDataset(toUint8(req.data), req.fileName, canonicalImportOptions(req.options ?? {})),

    'datasets.import': async (req: Req<'datasets.import'>): Promise<Res<'datasets.import'>> =>
      importDataset(ctx, req.fileName, req.data, req.options ?? {}),

    'datasets.importDemo': async (): Promise<Res<'datasets.importDemo'>> => {
      let bytes: Uint8Array
      try {
        bytes = readFileSync(ctx.demoFile)
      } catch {
        throw new UserError('demo-missing', `The built-in demo dataset is missing (${ctx.demoFile}). Reinstall SSAE Studio.`, { file: ctx.demoFile })
      }
      return importDataset(ctx, basename(ctx.demoFile), bytes, {}, 'Breast cancer GC-MS metabolomics (demo)')
    },

    'datasets.list': async (): Promise<Res<'datasets.list'>> => listDatasets(ctx.db),

    'datasets.get': async (req: Req<'datasets.get'>): Promise<Res<'datasets.get'>> => {
      const summary = requireDataset(ctx, req.id)
      return { ...summary, preview: getDatasetPreview(ctx.db, req.id)! }
    },

    'datasets.delete': async (req: Req<'datasets.delete'>): Promise<Res<'datasets.delete'>> => {
      requireDataset(ctx, req.id)
      const runs = countRunsOfDataset(ctx.db, req.id)
      if (runs > 0 && !req.cascade) {
        throw new UserError(
          'dataset-in-use',
          `This dataset has ${runs} run${runs === 1 ? '' : 's'}. Delete ${runs === 1 ? 'it' : 'them'} first, or delete the dataset together with its runs.`
        )
      }
      // Stop what still trains on it, so no worker writes into a deleted run.
      for (const r of listRuns(ctx.db, { datasetId: req.id })) {
        if (r.status === 'queued' || r.status === 'running') await ctx.pool.cancel(r.id)
      }
      return { deletedRuns: deleteDataset(ctx.db, req.id).deletedRuns }
    },

    'datasets.preprocessPreview': async (req: Req<'datasets.preprocessPreview'>): Promise<Res<'datasets.preprocessPreview'>> => {
      requireDataset(ctx, req.id)
      const ds = loadDataset(ctx.db, req.id)!
      const { nSamples: n, nFeatures: d, X } = ds
      const p = req.preprocess
      const after = p.log || p.center || p.scale ? applyPreprocess(X, n, d, fitPreprocess(X, n, d, p)) : X
      const idx = sampleIndices(X.length, PREVIEW_VALUES)
      const pick = (a: Float32Array) => Float64Array.from(idx, (i) => a[i])
      const preview = getDatasetPreview(ctx.db, req.id)!
      return { before: histogram(pick(X)), after: histogram(pick(after)), recommendation: preview.recommendation }
    },

    'datasets.splitPreview': async (req: Req<'datasets.splitPreview'>): Promise<Res<'datasets.splitPreview'>> => {
      requireDataset(ctx, req.id)
      let ds: Dataset
      try {
        ds = parsedWithImportOptions(ctx, req.id, req.import ?? {})
      } catch (e) {
        return { classes: [], error: toApiError(e) }
      }
      const y = classIndices(ds)
      const classes = ds.classes.map((name) => ({ name, labelled: 0, hidden: 0, unlabelled: 0 }))
      try {
        const split = makeSplit(y, ds.classes, req.split)
        split.role.forEach((role, i) => {
          const c = split.yTrue[i] >= 0 ? split.yTrue[i] : -1
          if (c >= 0) classes[c][role]++
        })
        const unlabelled = split.role.filter((r, i) => r === 'unlabelled' && split.yTrue[i] < 0).length
        if (unlabelled > 0) classes.push({ name: '(no label)', labelled: 0, hidden: 0, unlabelled })
        return { classes, error: null }
      } catch (e) {
        return { classes: [], error: toApiError(e) }
      }
    }
  }
}
