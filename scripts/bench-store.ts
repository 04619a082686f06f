// Store benchmark (not a test): a database of 200 runs on a 1000 × 10000 dataset, written through the
// repositories with realistic arrays, then the services' list/get timed. Targets: runs.list < 200 ms,
// runs.get < 500 ms. Usage: npx tsx scripts/bench-store.ts [--runs 200] [--keep DIR]

import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { defaultRunConfig } from '../src/core/config'
import { Rng } from '../src/core/random'
import type { Dataset, DatasetPreview, MethodResult, RunResult, SampleRole } from '../src/core/types'
import { createServices } from '../src/main/services'
import { openDatabase } from '../src/main/store/db'
import { insertDataset } from '../src/main/store/datasetsRepo'
import { createRun, markRunning, saveRunResult } from '../src/main/store/runsRepo'

const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 ? process.argv[i + 1] : fallback
}
const N_RUNS = Number(arg('runs', '200'))
const N = 1000
const D = 10000
const K = 2
const H = 300
const KEPT = 60

const rng = new Rng(42)
const uniform = (): number => rng.nextUint32() / 2 ** 32
function f32(length: number, scale = 1): Float32Array {
  const a = new Float32Array(length)
  for (let i = 0; i < length; i++) a[i] = (uniform() - 0.5) * scale
  return a
}

function makeDataset(): Dataset {
  const labels = Array.from({ length: N }, (_, i) => (i % 10 === 9 ? null : i % 2 === 0 ? '0' : '1'))
  return {
    fileName: 'synthetic_1000x10000.csv',
    format: 'csv',
    delimiter: ',',
    decimal: '.',
    encoding: 'utf-8',
    orientation: 'rows',
    orientationReason: 'a label column was found',
    labelName: 'label',
    sampleIds: Array.from({ length: N }, (_, i) => `sample_${i}`),
    featureNames: Array.from({ length: D }, (_, j) => `f${j}`),
    labels,
    classes: ['0', '1'],
    nSamples: N,
    nFeatures: D,
    X: f32(N * D, 4),
    missing: { total: 0, samples: [], features: [], policy: 'refuse', droppedFeatures: 0 }
  }
}

function makePreview(ds: Dataset): DatasetPreview {
  return {
    fileName: ds.fileName, format: 'csv', delimiter: ',', decimal: '.', encoding: 'utf-8', orientation: 'rows',
    orientationReason: ds.orientationReason, labelName: 'label', labelCandidates: ['label'], nSamples: N, nFeatures: D,
    head: { sampleIds: ds.sampleIds.slice(0, 10), featureNames: ds.featureNames.slice(0, 10), values: [], labels: ds.labels.slice(0, 10) },
    rawHead: [], classes: [{ name: '0', count: 450 }, { name: '1', count: 450 }], unlabelled: 100,
    missing: { total: 0, samplesWithMissing: 0, featuresWithMissing: 0 },
    recommendation: { preprocess: { log: false, center: true, scale: true }, reasons: [] }
  }
}

const metrics = () => ({ accuracy: 0.8 + uniform() * 0.1, auc: 0.9, f1: 0.8, precision: 0.8, recall: 0.8, confusion: [[150, 30], [40, 140]], n: 360 })

function graphMethod(method: 'labelprop' | 'labelspread'): MethodResult {
  return { method, seconds: 2, proba: f32(N * K), predicted: Int32Array.from({ length: N }, (_, i) => i % K), metrics: metrics(), roc: [], graph: defaultRunConfig().graph }
}

/** A run as the pipeline returns it at d = 10 000 with all four methods: an SSAE keeping KEPT features. */
function makeResult(dense: boolean): RunResult {
  const config = defaultRunConfig({ split: { mode: 'hidden', fraction: 0.4, seed: 7 } })
  const role: SampleRole[] = Array.from({ length: N }, (_, i) => (i % 10 === 9 ? 'unlabelled' : i % 5 < 2 ? 'hidden' : 'labelled'))
  const kept = Array.from({ length: KEPT }, (_, c) => Math.floor((c * D) / KEPT))
  const weights = dense ? f32(H * D, 0.1) : new Float32Array(H * D)
  if (!dense) for (let i = 0; i < H; i++) for (const j of kept) weights[i * D + j] = (uniform() - 0.5) * 0.1
  const losses = []
  for (const descent of [1, 2] as const) for (let e = 1; e <= 40; e++) losses.push({ descent, epoch: e, total: 10 / e, classification: 5 / e, reconstruction: 500 / e })
  const ssae: MethodResult = {
    method: 'ssae', seconds: 60, proba: f32(N * K), predicted: Int32Array.from({ length: N }, (_, i) => i % K), metrics: metrics(),
    roc: [{ cls: 1, fpr: Array.from({ length: 200 }, (_, i) => i / 199), tpr: Array.from({ length: 200 }, (_, i) => Math.sqrt(i / 199)), auc: 0.9 }],
    backend: 'wasm', losses, latent: f32(N * K, 10), etaRequested: 10, eta: 10,
    selected: kept.map((j, r) => ({ index: j, feature: `f${j}`, norm: 1 - r / KEPT })),
    weights, weightsShape: [H, D], maskDensity: KEPT / D, descent1: { metrics: metrics() }, warnings: []
  }
  const fcnn: MethodResult = { method: 'fcnn', seconds: 30, proba: f32(N * K), predicted: Int32Array.from({ length: N }, (_, i) => i % K), metrics: metrics(), backend: 'wasm', losses: losses.slice(0, 40) }
  const mean = new Float64Array(D).map(() => uniform())
  const sd = new Float64Array(D).map(() => 1 + uniform())
  return {
    config, classes: ['0', '1'], preprocess: { log: true, center: true, scale: true, mean, sd },
    split: { mode: 'hidden', seed: 7, fraction: 0.4, role, yTrain: Int32Array.from(role, (r, i) => (r === 'labelled' ? i % 2 : -1)), yTrue: Int32Array.from(role, (r, i) => (r === 'unlabelled' ? -1 : i % 2)) },
    methods: { labelprop: graphMethod('labelprop'), labelspread: graphMethod('labelspread'), fcnn, ssae },
    timings: { startedAt: new Date().toISOString(), finishedAt: new Date().toISOString(), seconds: 94, perMethod: {} }
  }
}

async function time<T>(label: string, f: () => Promise<T> | T, repeat = 5): Promise<T> {
  let best = Infinity
  let worst = 0
  let out!: T
  for (let r = 0; r < repeat; r++) {
    const t0 = performance.now()
    out = await f()
    const ms = performance.now() - t0
    best = Math.min(best, ms)
    worst = Math.max(worst, ms)
  }
  console.log(`${label.padEnd(52)} best ${best.toFixed(1).padStart(7)} ms   worst ${worst.toFixed(1).padStart(7)} ms`)
  return out
}

async function main(): Promise<void> {
  const keep = process.argv.includes('--keep') ? arg('keep', '') : ''
  const dir = keep || mkdtempSync(join(tmpdir(), 'ssae-bench-store-'))
  const dbPath = join(dir, 'bench.sqlite')
  rmSync(dbPath, { force: true })
  console.log(`database: ${dbPath}; ${N_RUNS} runs on a ${N} × ${D} dataset; SSAE keeps ${KEPT} features (weights ${H} × ${D})`)

  const db = openDatabase(dbPath)
  const ds = makeDataset()
  let t0 = performance.now()
  const datasetId = insertDataset(db, {
    name: 'synthetic 1000 × 10000', hash: 'bench', importOptions: {}, dataset: ds,
    // Stand-in for the original file: the matrix bytes (random floats compress about as badly as CSV text of them).
    original: new Uint8Array(ds.X.buffer), preview: makePreview(ds), importedAt: new Date().toISOString()
  })
  console.log(`insert dataset (X ${(ds.X.byteLength / 1e6).toFixed(0)} MB + gzip'd original): ${(performance.now() - t0).toFixed(0)} ms`)

  t0 = performance.now()
  let writeWorst = 0
  let denseRun = 0
  for (let r = 0; r < N_RUNS; r++) {
    const dense = r === N_RUNS - 1 // one run whose mask kept every feature: the worst case for the weights blob
    const result = makeResult(dense)
    const id = createRun(db, { datasetId, config: result.config, appVersion: '0.1.0', createdAt: new Date(Date.UTC(2026, 0, 1) + r * 60000).toISOString() })
    markRunning(db, id, new Date().toISOString())
    const w0 = performance.now()
    saveRunResult(db, id, result, new Date().toISOString())
    writeWorst = Math.max(writeWorst, performance.now() - w0)
    if (dense) denseRun = id
  }
  console.log(`write ${N_RUNS} runs: ${((performance.now() - t0) / 1000).toFixed(1)} s in all (data generation included); worst single saveRunResult ${writeWorst.toFixed(0)} ms`)
  db.close()
  console.log(`database size: ${(statSync(dbPath).size / 1e6).toFixed(0)} MB`)

  const services = createServices({ dbPath })
  const h = services.handlers
  const list = await time('runs.list (all runs)', () => h['runs.list']({}))
  await time('runs.list (by dataset)', () => h['runs.list']({ datasetId }))
  await time('datasets.list', () => h['datasets.list']({}))
  const typical = list[Math.floor(list.length / 2)].id
  await time(`runs.get (run ${typical}, sparse weights)`, () => h['runs.get']({ id: typical }))
  await time(`runs.get (run ${denseRun}, dense weights)`, () => h['runs.get']({ id: denseRun }))
  await time(`runs.weights (run ${typical}, 400 columns)`, () => h['runs.weights']({ id: typical }))
  await time(`runs.weights (run ${denseRun}, dense, 400 columns)`, () => h['runs.weights']({ id: denseRun }))
  await time(`runs.features (run ${typical})`, () => h['runs.features']({ id: typical }), 3)
  await time(`runs.compare (2 runs)`, () => h['runs.compare']({ ids: [list[0].id, list[1].id] }))
  await time(`exports.predictions (run ${typical})`, () => h['exports.predictions']({ id: typical }))
  const detail = await h['runs.get']({ id: typical })
  console.log(`runs.get payload as JSON: ${(JSON.stringify(detail).length / 1e6).toFixed(2)} MB; runs.list: ${list.length} runs`)
  await services.close()
  if (!keep) rmSync(dir, { recursive: true, force: true })
}

void main()
