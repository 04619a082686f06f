// A real, small run for the results tests: synthetic Gaussian classes (seeded), the real core pipeline
// (all four methods, 2 epochs), then the RunDetail / WeightMap / FeatureStats shapes of the API
// contract, built the way the runs service presents a stored run. No result here is made up.
import { defaultRunConfig, differencesFromPaper } from '../../../src/core/config'
import { runAnalysis } from '../../../src/core/pipeline'
import { Rng } from '../../../src/core/random'
import type { Dataset, RunResult, SplitOptions } from '../../../src/core/types'
import type { FeatureStats, MethodDetail, RunDetail, WeightMap } from '../../../src/shared/api'
import { methodDetail } from '../../../src/main/services/runDetail'

/** Classes in turn; every `unlabelledEvery`-th sample has no label (0: all labelled). */
export function gaussianDataset(n: number, d: number, k: number, seed: number, informative = 6, unlabelledEvery = 0): Dataset {
  const rng = new Rng(seed)
  const gauss = (): number => Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next())
  const X = new Float32Array(n * d)
  const labels: (string | null)[] = []
  for (let i = 0; i < n; i++) {
    const c = i % k
    labels.push(unlabelledEvery > 0 && i % unlabelledEvery === unlabelledEvery - 1 ? null : `class_${c + 1}`)
    for (let j = 0; j < d; j++) X[i * d + j] = gauss() + (j < informative ? (((c + j) % k) - (k - 1) / 2) * 2 : 0)
  }
  return {
    fileName: 'gauss.csv',
    format: 'csv',
    delimiter: ',',
    decimal: '.',
    encoding: 'utf-8',
    orientation: 'rows',
    orientationReason: 'test',
    labelName: 'label',
    sampleIds: Array.from({ length: n }, (_, i) => `S${i + 1}`),
    featureNames: Array.from({ length: d }, (_, j) => `gene_${j + 1}`),
    labels,
    classes: Array.from({ length: k }, (_, c) => `class_${c + 1}`),
    nSamples: n,
    nFeatures: d,
    X,
    missing: { total: 0, samples: [], features: [], policy: 'refuse', droppedFeatures: 0 }
  }
}

export interface RealRun {
  dataset: Dataset
  result: RunResult
  detail: RunDetail
  weights: WeightMap
  features: FeatureStats[]
}

export async function realRun(
  opts: { n?: number; d?: number; k?: number; split?: SplitOptions; seed?: number; unlabelledEvery?: number } = {}
): Promise<RealRun> {
  const dataset = gaussianDataset(opts.n ?? 90, opts.d ?? 40, opts.k ?? 2, opts.seed ?? 3, 6, opts.unlabelledEvery ?? 0)
  const config = defaultRunConfig({
    split: opts.split ?? { mode: 'hidden', fraction: 0.4, seed: 7 },
    preprocess: { log: false, center: true, scale: true },
    backend: 'cpu',
    network: { eta: 10, projection: 'l11', epochs: 2, batchSize: 8, lr: 1e-3, lambda: 0.0005, hidden: 16 }
  })
  const result = await runAnalysis(dataset, config)
  return { dataset, result, detail: toDetail(dataset, result), weights: toWeightMap(result), features: toFeatures(dataset, result) }
}

function toDetail(ds: Dataset, r: RunResult): RunDetail {
  const k = r.classes.length
  const methods: RunDetail['methods'] = {}
  for (const [name, m] of Object.entries(r.methods)) if (m) methods[name as keyof RunDetail['methods']] = methodDetail(m, ds.nSamples)
  const counts = ds.classes.map((c) => ({ name: c, count: ds.labels.filter((l) => l === c).length }))
  return {
    summary: {
      id: 1,
      datasetId: 1,
      datasetName: 'gauss',
      status: 'done',
      createdAt: r.timings.startedAt,
      finishedAt: r.timings.finishedAt,
      methods: r.config.methods,
      keyMetrics: {},
      error: null,
      backend: r.methods.ssae?.backend ?? null,
      seconds: r.timings.seconds,
      label: 'test <run>'
    },
    config: r.config,
    dataset: {
      id: 1,
      name: 'gauss',
      fileName: ds.fileName,
      hash: 'a'.repeat(64),
      format: 'csv',
      orientation: 'rows',
      nSamples: ds.nSamples,
      nFeatures: ds.nFeatures,
      classes: counts,
      unlabelled: ds.labels.filter((l) => l === null).length,
      importedAt: r.timings.startedAt,
      runCount: 1,
      importOptions: {}
    },
    classes: r.classes,
    sampleIds: ds.sampleIds,
    roles: r.split.role,
    yTrue: Array.from(r.split.yTrue),
    methods,
    differsFromPaper: differencesFromPaper(r.config),
    appVersion: '0.1.0',
    datasetHash: 'a'.repeat(64)
  }
}

/** Columns sorted by norm, kept features exact, the dropped ones in up to `bins` bins (mean |w|). */
function toWeightMap(r: RunResult, bins = 4): WeightMap {
  const m = r.methods.ssae!
  const [h, d] = m.weightsShape!
  const w = m.weights!
  const norms = Array.from({ length: d }, (_, j) => {
    let s = 0
    for (let i = 0; i < h; i++) s += w[i * d + j] ** 2
    return Math.sqrt(s)
  })
  const order = norms.map((v, j) => [v, j] as const).sort((a, b) => b[0] - a[0]).map(([, j]) => j)
  const kept = order.filter((j) => norms[j] > 0)
  const dropped = order.filter((j) => !(norms[j] > 0))
  const groups: number[][] = kept.map((j) => [j])
  for (let b = 0; b < bins && dropped.length; b++) {
    const part = dropped.slice(Math.floor((b * dropped.length) / bins), Math.floor(((b + 1) * dropped.length) / bins))
    if (part.length) groups.push(part)
  }
  const columns = groups.map((g) => ({ label: g.length === 1 ? `gene_${g[0] + 1}` : `${g.length} dropped`, features: g.length, kept: g.length === 1 && norms[g[0]] > 0 }))
  const values: number[] = []
  let maxAbs = 0
  for (let i = 0; i < h; i++)
    for (const g of groups) {
      const v = g.reduce((s, j) => s + Math.abs(w[i * d + j]), 0) / g.length
      values.push(v)
      maxAbs = Math.max(maxAbs, v)
    }
  return { columns, rows: h, values, maxAbs }
}

function toFeatures(ds: Dataset, r: RunResult): FeatureStats[] {
  const sel = r.methods.ssae?.selected ?? []
  const k = r.classes.length
  return sel.map((f, i) => {
    const sums = new Array<number>(k).fill(0)
    const counts = new Array<number>(k).fill(0)
    r.split.yTrue.forEach((c, s) => {
      if (c >= 0) {
        sums[c] += ds.X[s * ds.nFeatures + f.index]
        counts[c]++
      }
    })
    return { feature: f.feature, rank: i + 1, norm: f.norm, classMeans: sums.map((s, c) => (counts[c] ? s / counts[c] : 0)) }
  })
}
