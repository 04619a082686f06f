// Datasets copied into the store: the parsed matrix (Float32 blob), names, labels, and the original
// file (gzip'd) so a run stays viewable and re-exportable after the file moves.

import { gunzipSync, gzipSync } from 'node:zlib'
import type { Database } from 'better-sqlite3'
import type { Dataset, DatasetPreview, ImportOptions, MissingSummary } from '../../core/types'
import type { DatasetSummary } from '../../shared/api'
import { float32FromBlob, toBlob } from './blobs'

/** Import options in one canonical form (defaults filled, keys sorted) so equal options compare equal. */
export function canonicalImportOptions(o: ImportOptions): ImportOptions {
  const out: ImportOptions = {}
  if (o.label !== undefined && o.label !== '') out.label = o.label
  out.missing = o.missing ?? 'refuse'
  out.orientation = o.orientation ?? 'auto'
  if (o.unlabelledValue !== undefined && o.unlabelledValue !== '') out.unlabelledValue = o.unlabelledValue
  return out
}

export function importOptionsKey(o: ImportOptions): string {
  const c = canonicalImportOptions(o)
  return JSON.stringify(Object.fromEntries(Object.entries(c).sort(([a], [b]) => a.localeCompare(b))))
}

export interface NewDataset {
  name: string
  hash: string
  importOptions: ImportOptions
  dataset: Dataset
  original: Uint8Array
  preview: DatasetPreview
  importedAt: string
}

function classCounts(ds: Dataset): { counts: { name: string; count: number }[]; unlabelled: number } {
  const index = new Map(ds.classes.map((c, i) => [c, i]))
  const counts = ds.classes.map((name) => ({ name, count: 0 }))
  let unlabelled = 0
  for (const l of ds.labels) {
    const i = l === null ? undefined : index.get(l)
    if (i === undefined) unlabelled++
    else counts[i].count++
  }
  return { counts, unlabelled }
}

const isGzip = (b: Uint8Array): boolean => b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b

/** A .gz original is kept as it is (gzip again would only cost time); anything else is gzip'd, fast level. */
function storedOriginal(original: Uint8Array): { bytes: Buffer; gzipped: boolean } {
  if (isGzip(original)) return { bytes: Buffer.from(original.buffer, original.byteOffset, original.byteLength), gzipped: false }
  return { bytes: gzipSync(original, { level: 1 }), gzipped: true }
}

export function insertDataset(db: Database, d: NewDataset): number {
  const ds = d.dataset
  const { counts, unlabelled } = classCounts(ds)
  const stored = storedOriginal(d.original)
  const info = db
    .prepare(
      `INSERT INTO datasets (name, file_name, hash, format, orientation, orientation_reason, delimiter, decimal, encoding,
        label_name, import_options, n_samples, n_features, classes, class_counts, unlabelled, imported_at, original_size,
        original_gzipped, missing, preview, sample_ids, labels, feature_names, x, original_gz)
       VALUES (@name, @fileName, @hash, @format, @orientation, @orientationReason, @delimiter, @decimal, @encoding,
        @labelName, @importOptions, @nSamples, @nFeatures, @classes, @classCounts, @unlabelled, @importedAt, @originalSize,
        @originalGzipped, @missing, @preview, @sampleIds, @labels, @featureNames, @x, @originalGz)`
    )
    .run({
      name: d.name,
      fileName: ds.fileName,
      hash: d.hash,
      format: ds.format,
      orientation: ds.orientation,
      orientationReason: ds.orientationReason,
      delimiter: ds.delimiter,
      decimal: ds.decimal,
      encoding: ds.encoding,
      labelName: ds.labelName,
      importOptions: importOptionsKey(d.importOptions),
      nSamples: ds.nSamples,
      nFeatures: ds.nFeatures,
      classes: JSON.stringify(ds.classes),
      classCounts: JSON.stringify(counts),
      unlabelled,
      importedAt: d.importedAt,
      originalSize: d.original.byteLength,
      missing: JSON.stringify(ds.missing),
      preview: JSON.stringify(d.preview),
      sampleIds: JSON.stringify(ds.sampleIds),
      labels: JSON.stringify(ds.labels),
      featureNames: JSON.stringify(ds.featureNames),
      x: toBlob(ds.X),
      originalGzipped: stored.gzipped ? 1 : 0,
      originalGz: stored.bytes
    })
  return Number(info.lastInsertRowid)
}

export function findDatasetByHash(db: Database, hash: string, options: ImportOptions): number | null {
  const row = db
    .prepare(`SELECT id FROM datasets WHERE hash = ? AND import_options = ?`)
    .get(hash, importOptionsKey(options)) as { id: number } | undefined
  return row ? row.id : null
}

const SUMMARY_COLUMNS = `d.id, d.name, d.file_name, d.hash, d.format, d.orientation, d.n_samples, d.n_features,
  d.class_counts, d.unlabelled, d.imported_at, d.import_options,
  (SELECT count(*) FROM runs r WHERE r.dataset_id = d.id) AS run_count`

interface SummaryRow {
  id: number
  name: string
  file_name: string
  hash: string
  format: DatasetSummary['format']
  orientation: DatasetSummary['orientation']
  n_samples: number
  n_features: number
  class_counts: string
  unlabelled: number
  imported_at: string
  import_options: string
  run_count: number
}

function toSummary(r: SummaryRow): DatasetSummary {
  return {
    id: r.id,
    name: r.name,
    fileName: r.file_name,
    hash: r.hash,
    format: r.format,
    orientation: r.orientation,
    nSamples: r.n_samples,
    nFeatures: r.n_features,
    classes: JSON.parse(r.class_counts),
    unlabelled: r.unlabelled,
    importedAt: r.imported_at,
    runCount: r.run_count,
    importOptions: JSON.parse(r.import_options)
  }
}

export function listDatasets(db: Database): DatasetSummary[] {
  const rows = db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM datasets d ORDER BY d.imported_at DESC, d.id DESC`).all() as SummaryRow[]
  return rows.map(toSummary)
}

export function getDatasetSummary(db: Database, id: number): DatasetSummary | null {
  const row = db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM datasets d WHERE d.id = ?`).get(id) as SummaryRow | undefined
  return row ? toSummary(row) : null
}

export function getDatasetPreview(db: Database, id: number): DatasetPreview | null {
  const row = db.prepare(`SELECT preview FROM datasets WHERE id = ?`).get(id) as { preview: string } | undefined
  return row ? JSON.parse(row.preview) : null
}

/** Names and labels without the matrix: what run views need. */
export interface DatasetNames {
  sampleIds: string[]
  featureNames: string[]
  labels: (string | null)[]
  classes: string[]
}

export function getDatasetNames(db: Database, id: number): DatasetNames | null {
  const row = db
    .prepare(`SELECT sample_ids, feature_names, labels, classes FROM datasets WHERE id = ?`)
    .get(id) as { sample_ids: string; feature_names: string; labels: string; classes: string } | undefined
  if (!row) return null
  return {
    sampleIds: JSON.parse(row.sample_ids),
    featureNames: JSON.parse(row.feature_names),
    labels: JSON.parse(row.labels),
    classes: JSON.parse(row.classes)
  }
}

interface FullRow {
  file_name: string
  format: Dataset['format']
  delimiter: string
  decimal: Dataset['decimal']
  encoding: Dataset['encoding']
  orientation: Dataset['orientation']
  orientation_reason: string
  label_name: string
  sample_ids: string
  feature_names: string
  labels: string
  classes: string
  n_samples: number
  n_features: number
  missing: string
  x: Buffer
}

/** The parsed dataset exactly as it was imported (X is a fresh, aligned Float32Array). */
export function loadDataset(db: Database, id: number): Dataset | null {
  const r = db
    .prepare(
      `SELECT file_name, format, delimiter, decimal, encoding, orientation, orientation_reason, label_name, sample_ids,
        feature_names, labels, classes, n_samples, n_features, missing, x FROM datasets WHERE id = ?`
    )
    .get(id) as FullRow | undefined
  if (!r) return null
  return {
    fileName: r.file_name,
    format: r.format,
    delimiter: r.delimiter,
    decimal: r.decimal,
    encoding: r.encoding,
    orientation: r.orientation,
    orientationReason: r.orientation_reason,
    labelName: r.label_name,
    sampleIds: JSON.parse(r.sample_ids),
    featureNames: JSON.parse(r.feature_names),
    labels: JSON.parse(r.labels),
    classes: JSON.parse(r.classes),
    nSamples: r.n_samples,
    nFeatures: r.n_features,
    X: float32FromBlob(r.x),
    missing: JSON.parse(r.missing) as MissingSummary
  }
}

/** The original file's bytes, as imported. */
export function loadOriginal(db: Database, id: number): { fileName: string; data: Uint8Array } | null {
  const r = db.prepare(`SELECT file_name, original_gzipped, original_gz FROM datasets WHERE id = ?`).get(id) as
    | { file_name: string; original_gzipped: number; original_gz: Buffer }
    | undefined
  if (!r) return null
  const raw = r.original_gzipped ? gunzipSync(r.original_gz) : r.original_gz
  return { fileName: r.file_name, data: new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength) }
}

export function countRunsOfDataset(db: Database, id: number, statuses?: string[]): number {
  if (statuses && statuses.length > 0) {
    const marks = statuses.map(() => '?').join(', ')
    return (db.prepare(`SELECT count(*) AS n FROM runs WHERE dataset_id = ? AND status IN (${marks})`).get(id, ...statuses) as { n: number }).n
  }
  return (db.prepare(`SELECT count(*) AS n FROM runs WHERE dataset_id = ?`).get(id) as { n: number }).n
}

/** Deletes the dataset and (cascade) its runs in one transaction; returns how many runs went with it. */
export function deleteDataset(db: Database, id: number): { deleted: boolean; deletedRuns: number } {
  return db.transaction(() => {
    const runs = db.prepare(`DELETE FROM runs WHERE dataset_id = ?`).run(id).changes
    const deleted = db.prepare(`DELETE FROM datasets WHERE id = ?`).run(id).changes > 0
    return { deleted, deletedRuns: runs }
  })()
}
