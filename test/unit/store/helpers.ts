// Test helpers for the store: temporary database files and hand-made, realistic datasets and run results.

import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Database } from 'better-sqlite3'
import { Rng } from '../../../src/core/random'
import type { Dataset, DatasetPreview, MethodResult, RunConfig, RunResult, SampleRole } from '../../../src/core/types'
import { PAPER_PRESET } from '../../../src/core/types'

export function tempDir(prefix = 'ssae-store-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}

/** One line per schema object, sorted: what the upgrade tests compare. */
export function dumpSchema(db: Database): string {
  const rows = db
    .prepare(`SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY type DESC, name`)
    .all() as { type: string; name: string; sql: string }[]
  return rows.map((r) => `${r.sql.replace(/\s+/g, ' ').trim()};`).join('\n') + '\n'
}

export function makeDataset(n: number, d: number, seed = 1): Dataset {
  const rng = new Rng(seed)
  const X = new Float32Array(n * d)
  for (let i = 0; i < X.length; i++) X[i] = rng.nextUint32() / 2 ** 32 - 0.5
  const labels = Array.from({ length: n }, (_, i) => (i % 5 === 4 ? null : i % 2 === 0 ? 'A' : 'B'))
  return {
    fileName: `synthetic_${n}x${d}.csv`,
    format: 'csv',
    delimiter: ',',
    decimal: '.',
    encoding: 'utf-8',
    orientation: 'rows',
    orientationReason: 'a label column was found',
    labelName: 'label',
    sampleIds: Array.from({ length: n }, (_, i) => `s${String(i).padStart(4, '0')}`),
    featureNames: Array.from({ length: d }, (_, j) => `f${j}`),
    labels,
    classes: ['A', 'B'],
    nSamples: n,
    nFeatures: d,
    X,
    missing: { total: 0, samples: [], features: [], policy: 'refuse', droppedFeatures: 0 }
  }
}

export function makePreview(ds: Dataset): DatasetPreview {
  return {
    fileName: ds.fileName,
    format: ds.format,
    delimiter: ds.delimiter,
    decimal: ds.decimal,
    encoding: ds.encoding,
    orientation: ds.orientation,
    orientationReason: ds.orientationReason,
    labelName: ds.labelName,
    labelCandidates: [ds.labelName],
    nSamples: ds.nSamples,
    nFeatures: ds.nFeatures,
    head: { sampleIds: ds.sampleIds.slice(0, 3), featureNames: ds.featureNames.slice(0, 3), values: [[1, 2, null]], labels: ds.labels.slice(0, 3) },
    rawHead: [['sample', 'label', 'f0']],
    classes: [{ name: 'A', count: 1 }],
    unlabelled: 0,
    missing: { total: 0, samplesWithMissing: 0, featuresWithMissing: 0 },
    recommendation: { preprocess: { log: false, center: true, scale: true }, reasons: [] }
  }
}

export function makeConfig(overrides: Partial<RunConfig> = {}): RunConfig {
  return {
    import: { orientation: 'auto', missing: 'refuse' },
    preprocess: { log: false, center: true, scale: true },
    split: { mode: 'hidden', fraction: 0.4, seed: 7 },
    methods: ['ssae', 'labelprop'],
    seed: 7,
    backend: 'auto',
    network: { ...PAPER_PRESET.network },
    graph: { ...PAPER_PRESET.graph },
    ...overrides
  }
}

function randomF32(rng: Rng, length: number): Float32Array {
  const a = new Float32Array(length)
  for (let i = 0; i < length; i++) a[i] = rng.nextUint32() / 2 ** 32
  return a
}

/** A complete, realistic result: every field of MethodResult filled for 'ssae', the graph fields for 'labelprop'. */
export function makeResult(n: number, d: number, options: { hidden?: number; keptFeatures?: number; seed?: number } = {}): RunResult {
  const rng = new Rng(options.seed ?? 3)
  const k = 2
  const h = options.hidden ?? 16
  const kept = options.keptFeatures ?? Math.min(10, d)
  const config = makeConfig()
  const role: SampleRole[] = Array.from({ length: n }, (_, i) => (i % 5 === 4 ? 'unlabelled' : i % 3 === 0 ? 'hidden' : 'labelled'))
  const yTrue = Int32Array.from(role, (r, i) => (r === 'unlabelled' ? -1 : i % 2))
  const yTrain = Int32Array.from(role, (r, i) => (r === 'labelled' ? i % 2 : -1))
  const weights = new Float32Array(h * d)
  // Only the kept columns are non-zero, as after the double descent's mask.
  for (let i = 0; i < h; i++) for (let j = 0; j < kept; j++) weights[i * d + ((j * 3) % d)] = rng.nextUint32() / 2 ** 32 - 0.5
  const metrics = { accuracy: 0.8, auc: 0.85, f1: 0.79, precision: 0.8, recall: 0.78, confusion: [[5, 1], [1, 5]], n: 12 }
  const ssae: MethodResult = {
    method: 'ssae',
    seconds: 1.5,
    proba: randomF32(rng, n * k),
    predicted: Int32Array.from({ length: n }, (_, i) => i % k),
    metrics,
    roc: [{ cls: 1, fpr: [0, 0.5, 1], tpr: [0, 0.9, 1], auc: 0.85 }],
    backend: 'wasm',
    losses: [
      { descent: 1, epoch: 1, total: 3.5, classification: 3, reconstruction: 500 },
      { descent: 2, epoch: 1, total: 2.5, classification: 2, reconstruction: 400 }
    ],
    latent: randomF32(rng, n * k),
    etaRequested: 10,
    eta: 10,
    selected: Array.from({ length: kept }, (_, j) => ({ index: (j * 3) % d, feature: `f${(j * 3) % d}`, norm: 1 - j / 100 })),
    weights,
    weightsShape: [h, d],
    maskDensity: kept / d,
    descent1: { metrics: { ...metrics, accuracy: 0.75 } },
    warnings: ['CPU backend: slow']
  }
  const labelprop: MethodResult = {
    method: 'labelprop',
    seconds: 0.1,
    proba: randomF32(rng, n * k),
    predicted: Int32Array.from({ length: n }, (_, i) => (i + 1) % k),
    metrics: { ...metrics, accuracy: 0.7, auc: null },
    graph: { ...PAPER_PRESET.graph }
  }
  const mean = new Float64Array(d).map((_, j) => j / 7)
  const sd = new Float64Array(d).map((_, j) => 1 + j / 11)
  return {
    config,
    classes: ['A', 'B'],
    preprocess: { log: false, center: true, scale: true, mean, sd },
    split: { mode: 'hidden', seed: 7, fraction: 0.4, role: [...role], yTrain, yTrue },
    methods: { ssae, labelprop },
    timings: { startedAt: '2026-12-04T10:00:00.000Z', finishedAt: '2026-12-04T10:00:02.000Z', seconds: 2, perMethod: { ssae: 1.5, labelprop: 0.1 } }
  }
}

/** Waits until `predicate` holds for an event of the services' stream (or rejects after `ms`). */
export function nextEvent<E>(subscribe: (l: (e: E) => void) => () => void, predicate: (e: E) => boolean, ms = 30000): Promise<E> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off()
      reject(new Error(`No matching event within ${ms} ms`))
    }, ms)
    const off = subscribe((e) => {
      if (predicate(e)) {
        clearTimeout(timer)
        off()
        resolve(e)
      }
    })
  })
}

/** The worker's TypeScript source (run with tsx): tests use it explicitly so they never run a stale out/ build. */
export const WORKER_SOURCE = join(__dirname, '..', '..', '..', 'src', 'main', 'worker', 'entry.ts')
