// Runs and their per-method results. A run is created 'queued', becomes 'running', and ends in exactly one
// write: saveRunResult (status 'done' and every method row in ONE transaction) or markRunEnded
// (failed / cancelled / interrupted, no method rows). So after any crash a run is complete or marked.

import type { Database } from 'better-sqlite3'
import type {
  BackendName,
  MethodName,
  MethodResult,
  PreprocessParams,
  RunConfig,
  RunResult,
  SampleRole,
  Split
} from '../../core/types'
import type { RunStatus, RunSummary } from '../../shared/api'
import { float32FromBlob, float64FromBlob, int32FromBlob, optionalBlob, toBlob, uint8FromBlob } from './blobs'

export const ACTIVE_STATUSES: RunStatus[] = ['queued', 'running']
const ROLE_CODES: SampleRole[] = ['labelled', 'hidden', 'unlabelled']

export interface NewRun {
  datasetId: number
  config: RunConfig
  label?: string | null
  appVersion: string
  createdAt: string
}

export function createRun(db: Database, r: NewRun): number {
  const info = db
    .prepare(
      `INSERT INTO runs (dataset_id, label, status, methods, seed, app_version, created_at, config)
       VALUES (?, ?, 'queued', ?, ?, ?, ?, ?)`
    )
    .run(r.datasetId, r.label ?? null, JSON.stringify(r.config.methods), r.config.seed, r.appVersion, r.createdAt, JSON.stringify(r.config))
  return Number(info.lastInsertRowid)
}

/** queued → running; false when the run is no longer queued (cancelled or deleted meanwhile). */
export function markRunning(db: Database, id: number, startedAt: string): boolean {
  return db.prepare(`UPDATE runs SET status = 'running', started_at = ? WHERE id = ? AND status = 'queued'`).run(startedAt, id).changes > 0
}

/** Ends an unfinished run without results. Only touches queued/running runs (a finished run stays finished). */
export function markRunEnded(
  db: Database,
  id: number,
  status: 'failed' | 'cancelled' | 'interrupted',
  error: string | null,
  finishedAt: string
): boolean {
  return (
    db
      .prepare(
        `UPDATE runs SET status = ?, error = ?, finished_at = ?,
           seconds = CASE WHEN started_at IS NULL THEN NULL ELSE (julianday(?) - julianday(started_at)) * 86400.0 END
         WHERE id = ? AND status IN ('queued', 'running')`
      )
      .run(status, error, finishedAt, finishedAt, id).changes > 0
  )
}

/** At start-up: runs left queued or running by a previous process become 'interrupted'. */
export function interruptUnfinished(db: Database, message: string, at: string): number[] {
  return db.transaction(() => {
    const ids = (db.prepare(`SELECT id FROM runs WHERE status IN ('queued', 'running') ORDER BY id`).all() as { id: number }[]).map((r) => r.id)
    db.prepare(`UPDATE runs SET status = 'interrupted', error = ?, finished_at = ? WHERE status IN ('queued', 'running')`).run(message, at)
    return ids
  })()
}

function keyMetricsOf(result: RunResult): RunSummary['keyMetrics'] {
  const out: RunSummary['keyMetrics'] = {}
  for (const [name, m] of Object.entries(result.methods) as [MethodName, MethodResult][]) {
    out[name] = { accuracy: m.metrics?.accuracy ?? null, auc: m.metrics?.auc ?? null }
  }
  return out
}

function backendOf(result: RunResult): BackendName | null {
  for (const m of Object.values(result.methods)) if (m?.backend) return m.backend
  return null
}

/** A first-layer weight matrix h × d stored by its non-zero columns only: after the double descent
 * almost every column is masked to exactly 0, so this is lossless (±0 both read back as 0) and small. */
export function packWeights(w: Float32Array, rows: number, cols: number): { columns: Int32Array; values: Float32Array } {
  const keep: number[] = []
  for (let j = 0; j < cols; j++) {
    for (let i = 0; i < rows; i++) {
      if (w[i * cols + j] !== 0) {
        keep.push(j)
        break
      }
    }
  }
  const k = keep.length
  const values = new Float32Array(rows * k)
  for (let i = 0; i < rows; i++) {
    const base = i * cols
    for (let c = 0; c < k; c++) values[i * k + c] = w[base + keep[c]]
  }
  return { columns: Int32Array.from(keep), values }
}

export function unpackWeights(columns: Int32Array, values: Float32Array, rows: number, cols: number): Float32Array {
  const w = new Float32Array(rows * cols)
  const k = columns.length
  for (let i = 0; i < rows; i++) for (let c = 0; c < k; c++) w[i * cols + columns[c]] = values[i * k + c]
  return w
}

const json = (v: unknown): string | null => (v === undefined || v === null ? null : JSON.stringify(v))

/** Writes a finished run: status 'done', split, preprocessing, timings and every method row, in ONE
 * transaction. Returns false (and writes nothing) when the run is no longer running (cancelled/deleted). */
export function saveRunResult(db: Database, id: number, result: RunResult, finishedAt: string): boolean {
  const insertMethod = db.prepare(
    `INSERT INTO run_methods (run_id, method, position, seconds, backend, eta, eta_requested, target_features,
       mask_density, weights_rows, weights_cols, metrics, descent1, graph, warnings, roc, losses, selected,
       predicted, proba, latent, weights_columns, weights)
     VALUES (@runId, @method, @position, @seconds, @backend, @eta, @etaRequested, @targetFeatures, @maskDensity,
       @weightsRows, @weightsCols, @metrics, @descent1, @graph, @warnings, @roc, @losses, @selected,
       @predicted, @proba, @latent, @weightsColumns, @weights)`
  )
  return db.transaction(() => {
    const split = result.split
    const roles = Uint8Array.from(split.role, (r) => ROLE_CODES.indexOf(r))
    const changed = db
      .prepare(
        `UPDATE runs SET status = 'done', error = NULL, backend = @backend, finished_at = @finishedAt,
           started_at = coalesce(started_at, @startedAt), seconds = @seconds, key_metrics = @keyMetrics,
           config = @config, classes = @classes, split_mode = @splitMode, split_seed = @splitSeed,
           split_fraction = @splitFraction, preprocess = @preprocess, timings = @timings, roles = @roles,
           y_train = @yTrain, y_true = @yTrue, preprocess_mean = @mean, preprocess_sd = @sd
         WHERE id = @id AND status = 'running'`
      )
      .run({
        id,
        backend: backendOf(result),
        finishedAt,
        startedAt: result.timings.startedAt,
        seconds: result.timings.seconds,
        keyMetrics: JSON.stringify(keyMetricsOf(result)),
        config: JSON.stringify(result.config),
        classes: JSON.stringify(result.classes),
        splitMode: split.mode,
        splitSeed: split.seed ?? null,
        splitFraction: split.fraction ?? null,
        preprocess: JSON.stringify({ log: result.preprocess.log, center: result.preprocess.center, scale: result.preprocess.scale }),
        timings: JSON.stringify(result.timings),
        roles: toBlob(roles),
        yTrain: toBlob(split.yTrain),
        yTrue: toBlob(split.yTrue),
        mean: optionalBlob(result.preprocess.mean),
        sd: optionalBlob(result.preprocess.sd)
      }).changes
    if (changed === 0) return false
    const order = result.config.methods
    for (const [name, m] of Object.entries(result.methods) as [MethodName, MethodResult][]) {
      const shape = m.weights ? (m.weightsShape ?? null) : null
      if (m.weights && !shape) throw new Error(`Method ${name} returned weights without weightsShape`)
      const packed = m.weights && shape ? packWeights(m.weights, shape[0], shape[1]) : null
      insertMethod.run({
        runId: id,
        method: name,
        position: order.indexOf(name) >= 0 ? order.indexOf(name) : order.length,
        seconds: m.seconds,
        backend: m.backend ?? null,
        eta: m.eta ?? null,
        etaRequested: m.etaRequested ?? null,
        targetFeatures: m.targetFeatures ?? null,
        maskDensity: m.maskDensity ?? null,
        weightsRows: shape ? shape[0] : null,
        weightsCols: shape ? shape[1] : null,
        metrics: json(m.metrics),
        descent1: json(m.descent1),
        graph: json(m.graph),
        warnings: json(m.warnings),
        roc: json(m.roc),
        losses: json(m.losses),
        selected: json(m.selected),
        predicted: toBlob(m.predicted),
        proba: toBlob(m.proba),
        latent: optionalBlob(m.latent),
        weightsColumns: packed ? toBlob(packed.columns) : null,
        weights: packed ? toBlob(packed.values) : null
      })
    }
    return true
  })()
}

export interface RunRow {
  id: number
  datasetId: number
  datasetName: string
  label: string | null
  status: RunStatus
  error: string | null
  methods: MethodName[]
  seed: number
  backend: BackendName | null
  appVersion: string
  createdAt: string
  startedAt: string | null
  finishedAt: string | null
  seconds: number | null
  keyMetrics: RunSummary['keyMetrics']
  config: RunConfig
}

const ROW_COLUMNS = `r.id, r.dataset_id, d.name AS dataset_name, r.label, r.status, r.error, r.methods, r.seed, r.backend,
  r.app_version, r.created_at, r.started_at, r.finished_at, r.seconds, r.key_metrics, r.config`

interface RawRow {
  id: number
  dataset_id: number
  dataset_name: string
  label: string | null
  status: RunStatus
  error: string | null
  methods: string
  seed: number
  backend: BackendName | null
  app_version: string
  created_at: string
  started_at: string | null
  finished_at: string | null
  seconds: number | null
  key_metrics: string | null
  config: string
}

function toRow(r: RawRow): RunRow {
  return {
    id: r.id,
    datasetId: r.dataset_id,
    datasetName: r.dataset_name,
    label: r.label,
    status: r.status,
    error: r.error,
    methods: JSON.parse(r.methods),
    seed: r.seed,
    backend: r.backend,
    appVersion: r.app_version,
    createdAt: r.created_at,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    seconds: r.seconds,
    keyMetrics: r.key_metrics ? JSON.parse(r.key_metrics) : {},
    config: JSON.parse(r.config)
  }
}

export function toRunSummary(r: RunRow): RunSummary {
  return {
    id: r.id,
    datasetId: r.datasetId,
    datasetName: r.datasetName,
    status: r.status,
    createdAt: r.createdAt,
    finishedAt: r.finishedAt,
    methods: r.methods,
    keyMetrics: r.keyMetrics,
    error: r.error,
    backend: r.backend,
    seconds: r.seconds,
    label: r.label
  }
}

/** Newest first; reads no blob. */
export function listRuns(db: Database, filter: { datasetId?: number } = {}): RunRow[] {
  const rows =
    filter.datasetId === undefined
      ? db.prepare(`SELECT ${ROW_COLUMNS} FROM runs r JOIN datasets d ON d.id = r.dataset_id ORDER BY r.created_at DESC, r.id DESC`).all()
      : db
          .prepare(`SELECT ${ROW_COLUMNS} FROM runs r JOIN datasets d ON d.id = r.dataset_id WHERE r.dataset_id = ? ORDER BY r.created_at DESC, r.id DESC`)
          .all(filter.datasetId)
  return (rows as RawRow[]).map(toRow)
}

export function getRunRow(db: Database, id: number): RunRow | null {
  const r = db.prepare(`SELECT ${ROW_COLUMNS} FROM runs r JOIN datasets d ON d.id = r.dataset_id WHERE r.id = ?`).get(id) as RawRow | undefined
  return r ? toRow(r) : null
}

export function getRunStatus(db: Database, id: number): RunStatus | null {
  const r = db.prepare(`SELECT status FROM runs WHERE id = ?`).get(id) as { status: RunStatus } | undefined
  return r ? r.status : null
}

interface MethodRaw {
  method: MethodName
  seconds: number
  backend: BackendName | null
  eta: number | null
  eta_requested: number | null
  target_features: number | null
  mask_density: number | null
  weights_rows: number | null
  weights_cols: number | null
  metrics: string | null
  descent1: string | null
  graph: string | null
  warnings: string | null
  roc: string | null
  losses: string | null
  selected: string | null
  predicted: Buffer
  proba: Buffer
  latent: Buffer | null
  weights_columns: Buffer | null
  weights: Buffer | null
}

function toMethodResult(r: MethodRaw, withWeights: boolean): MethodResult {
  const m: MethodResult = {
    method: r.method,
    seconds: r.seconds,
    proba: float32FromBlob(r.proba),
    predicted: int32FromBlob(r.predicted),
    metrics: r.metrics ? JSON.parse(r.metrics) : null
  }
  if (r.roc) m.roc = JSON.parse(r.roc)
  if (r.backend) m.backend = r.backend
  if (r.losses) m.losses = JSON.parse(r.losses)
  if (r.latent) m.latent = float32FromBlob(r.latent)
  if (r.eta_requested !== null) m.etaRequested = r.eta_requested
  if (r.target_features !== null) m.targetFeatures = r.target_features
  if (r.eta !== null) m.eta = r.eta
  if (r.selected) m.selected = JSON.parse(r.selected)
  if (r.weights_rows !== null && r.weights_cols !== null) {
    m.weightsShape = [r.weights_rows, r.weights_cols]
    if (withWeights && r.weights && r.weights_columns) {
      m.weights = unpackWeights(int32FromBlob(r.weights_columns), float32FromBlob(r.weights), r.weights_rows, r.weights_cols)
    }
  }
  if (r.mask_density !== null) m.maskDensity = r.mask_density
  if (r.descent1) m.descent1 = JSON.parse(r.descent1)
  if (r.graph) m.graph = JSON.parse(r.graph)
  if (r.warnings) m.warnings = JSON.parse(r.warnings)
  return m
}

/** A finished run's RunResult as the pipeline returned it; null when the run is missing or not done.
 * withWeights false skips unpacking the first-layer weights (the biggest array), for views that don't show them. */
export function getRunResult(db: Database, id: number, options: { withWeights?: boolean } = {}): RunResult | null {
  const withWeights = options.withWeights ?? true
  const r = db
    .prepare(
      `SELECT status, config, classes, split_mode, split_seed, split_fraction, preprocess, timings, roles, y_train, y_true,
         preprocess_mean, preprocess_sd FROM runs WHERE id = ?`
    )
    .get(id) as
    | {
        status: RunStatus
        config: string
        classes: string
        split_mode: Split['mode']
        split_seed: number | null
        split_fraction: number | null
        preprocess: string
        timings: string
        roles: Buffer
        y_train: Buffer
        y_true: Buffer
        preprocess_mean: Buffer | null
        preprocess_sd: Buffer | null
      }
    | undefined
  if (!r || r.status !== 'done') return null
  const split: Split = {
    mode: r.split_mode,
    role: Array.from(uint8FromBlob(r.roles), (c) => ROLE_CODES[c]),
    yTrain: int32FromBlob(r.y_train),
    yTrue: int32FromBlob(r.y_true)
  }
  if (r.split_seed !== null) split.seed = r.split_seed
  if (r.split_fraction !== null) split.fraction = r.split_fraction
  const preprocess: PreprocessParams = JSON.parse(r.preprocess)
  if (r.preprocess_mean) preprocess.mean = float64FromBlob(r.preprocess_mean)
  if (r.preprocess_sd) preprocess.sd = float64FromBlob(r.preprocess_sd)
  const rows = db
    .prepare(
      `SELECT method, seconds, backend, eta, eta_requested, target_features, mask_density, weights_rows, weights_cols,
         metrics, descent1, graph, warnings, roc, losses, selected, predicted, proba, latent
         ${withWeights ? ', weights_columns, weights' : ', NULL AS weights_columns, NULL AS weights'}
       FROM run_methods WHERE run_id = ? ORDER BY position`
    )
    .all(id) as MethodRaw[]
  const methods: RunResult['methods'] = {}
  for (const row of rows) methods[row.method] = toMethodResult(row, withWeights)
  return {
    config: JSON.parse(r.config),
    classes: JSON.parse(r.classes),
    preprocess,
    split,
    methods,
    timings: JSON.parse(r.timings)
  }
}

export function countMethodRows(db: Database, runId: number): number {
  return (db.prepare(`SELECT count(*) AS n FROM run_methods WHERE run_id = ?`).get(runId) as { n: number }).n
}

export function deleteRun(db: Database, id: number): boolean {
  return db.prepare(`DELETE FROM runs WHERE id = ?`).run(id).changes > 0
}

/** Per-method metrics and selected features only (JSON columns, no blob): what comparisons need. */
export function getMethodSummaries(
  db: Database,
  runId: number
): { method: MethodName; metrics: MethodResult['metrics']; selected: MethodResult['selected'] | null }[] {
  const rows = db.prepare(`SELECT method, metrics, selected FROM run_methods WHERE run_id = ? ORDER BY position`).all(runId) as {
    method: MethodName
    metrics: string | null
    selected: string | null
  }[]
  return rows.map((r) => ({ method: r.method, metrics: r.metrics ? JSON.parse(r.metrics) : null, selected: r.selected ? JSON.parse(r.selected) : null }))
}
