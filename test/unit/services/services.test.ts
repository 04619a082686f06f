// The services on a real database file and real worker processes, with the real demo dataset (271 × 162):
// datasets (import, dedup, previews, delete rules), runs (a stored run equals the same run computed in
// this process, detail, list, weights, features, compare, delete rules).

import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { defaultRunConfig } from '../../../src/core/config'
import { parseDataset } from '../../../src/core/dataset'
import { runAnalysis } from '../../../src/core/pipeline'
import { UserError, type RunConfig } from '../../../src/core/types'
import type { DatasetSummary } from '../../../src/shared/api'
import { createServices, type Services } from '../../../src/main/services'
import { tempDir, WORKER_SOURCE } from '../store/helpers'

const DEMO = join(__dirname, '..', '..', '..', 'resources', 'demo', 'breast_GC_D_MB.tiro.csv.gz')
const hidden = { mode: 'hidden', fraction: 0.4, seed: 7 } as const
const fastConfig = (seed = 7): RunConfig => defaultRunConfig({ methods: ['labelprop', 'labelspread'], split: { ...hidden, seed }, seed })
const ssaeConfig = (): RunConfig =>
  defaultRunConfig({ methods: ['ssae', 'labelprop'], split: hidden, network: { ...defaultRunConfig().network, epochs: 2, eta: 20 } })

let s: Services
let cleanup: () => void
let demo: DatasetSummary
let fastRun: number
let fastRun2: number
let ssaeRun: number

beforeAll(async () => {
  const t = tempDir('ssae-services-')
  cleanup = t.cleanup
  s = createServices({ workerEntry: WORKER_SOURCE, dbPath: join(t.dir, 'store.sqlite'), appVersion: '9.9.9-test' })
  demo = await s.handlers['datasets.importDemo']({})
  fastRun = (await s.handlers['runs.start']({ datasetId: demo.id, config: fastConfig(), label: ' first ' })).id
  fastRun2 = (await s.handlers['runs.start']({ datasetId: demo.id, config: fastConfig(8) })).id
  ssaeRun = (await s.handlers['runs.start']({ datasetId: demo.id, config: ssaeConfig() })).id
  for (const id of [fastRun, fastRun2, ssaeRun]) expect(await s.waitForRun(id)).toBe('done')
})
afterAll(async () => {
  await s.close()
  cleanup()
})

async function userError(p: Promise<unknown>): Promise<UserError> {
  try {
    await p
  } catch (e) {
    expect(e).toBeInstanceOf(UserError)
    return e as UserError
  }
  throw new Error('expected a UserError')
}

describe('datasets', () => {
  it('imports the demo into the store and recognises the same file (same options) a second time', async () => {
    expect(demo).toMatchObject({ fileName: 'breast_GC_D_MB.tiro.csv.gz', format: 'tiro', orientation: 'columns', nSamples: 271, nFeatures: 162, unlabelled: 0 })
    expect(demo.classes).toEqual([
      { name: '1', count: 67 },
      { name: '2', count: 204 }
    ])
    const bytes = new Uint8Array(readFileSync(DEMO))
    const again = await s.handlers['datasets.import']({ fileName: 'renamed.csv.gz', data: bytes, options: { orientation: 'auto' } })
    expect(again.id).toBe(demo.id)
    const list = await s.handlers['datasets.list']({})
    expect(list.map((d) => d.id)).toEqual([demo.id])
    expect(list[0].runCount).toBe(3)
    const got = await s.handlers['datasets.get']({ id: demo.id })
    expect(got.preview.nSamples).toBe(271)
    expect(got.preview.orientation).toBe('columns')
  })

  it('previews a file without storing it, and reports a malformed file as a UserError', async () => {
    const preview = await s.handlers['datasets.preview']({ fileName: 'x.tiro.csv.gz', data: new Uint8Array(readFileSync(DEMO)), options: {} })
    expect(preview.nFeatures).toBe(162)
    const e = await userError(s.handlers['datasets.import']({ fileName: 'empty.csv', data: new Uint8Array(0), options: {} }))
    expect(e.code).toBeTruthy()
    expect((await s.handlers['datasets.list']({})).length).toBe(1)
  })

  it('gives before/after histograms for a preprocessing choice', async () => {
    const p = await s.handlers['datasets.preprocessPreview']({ id: demo.id, preprocess: { log: true, center: true, scale: true } })
    const total = (h: { counts: number[] }) => h.counts.reduce((a, b) => a + b, 0)
    // A sample of 20 000 of the 43 902 values, the same cells before and after.
    expect(total(p.before)).toBe(20000)
    expect(total(p.after)).toBe(20000)
    expect(p.after.edges[0]).toBeLessThan(0) // centred
    expect(p.before.edges[0]).toBeGreaterThanOrEqual(0)
    expect(p.recommendation.reasons).toBeInstanceOf(Array)
  })

  it('previews a split per class, and returns an impossible one as an error, not a throw', async () => {
    const ok = await s.handlers['datasets.splitPreview']({ id: demo.id, import: {}, split: hidden })
    expect(ok.error).toBeNull()
    expect(ok.classes.map((c) => c.name)).toEqual(['1', '2'])
    for (const [c, n] of [[0, 67], [1, 204]] as const) expect(ok.classes[c].labelled + ok.classes[c].hidden).toBe(n)
    expect(ok.classes[0].hidden).toBe(Math.round(67 * 0.4))
    const bad = await s.handlers['datasets.splitPreview']({ id: demo.id, import: { label: 'NoSuchLabel' }, split: hidden })
    expect(bad.error?.message).toMatch(/NoSuchLabel/)
    expect(bad.classes).toEqual([])
  })

  it('refuses to delete a dataset that has runs unless asked to cascade, and names unknown ids', async () => {
    const e = await userError(s.handlers['datasets.delete']({ id: demo.id }))
    expect(e.code).toBe('dataset-in-use')
    expect(e.message).toMatch(/has 3 runs/)
    expect((await userError(s.handlers['datasets.get']({ id: 999 }))).code).toBe('dataset-not-found')
    expect((await userError(s.handlers['runs.get']({ id: 999 }))).code).toBe('run-not-found')
  })
})

describe('runs', () => {
  it('stores exactly what the pipeline computes: the stored result equals the same run done in this process', async () => {
    const dataset = parseDataset(new Uint8Array(readFileSync(DEMO)), 'breast_GC_D_MB.tiro.csv.gz', {})
    const direct = await runAnalysis(dataset, fastConfig())
    const stored = s.getRunResult(fastRun)!
    expect(stored.split).toEqual(direct.split)
    expect(stored.preprocess).toEqual(direct.preprocess)
    expect(stored.classes).toEqual(direct.classes)
    expect(stored.config).toEqual(direct.config)
    for (const m of ['labelprop', 'labelspread'] as const) {
      expect(stored.methods[m]).toEqual({ ...direct.methods[m], seconds: stored.methods[m]!.seconds })
    }
  })

  it('lists runs newest first with key metrics, and filters by dataset', async () => {
    const runs = await s.handlers['runs.list']({})
    expect(runs.map((r) => r.id)).toEqual([ssaeRun, fastRun2, fastRun])
    const first = runs.find((r) => r.id === fastRun)!
    expect(first).toMatchObject({ status: 'done', label: 'first', datasetId: demo.id, methods: ['labelprop', 'labelspread'], backend: null })
    expect(first.keyMetrics.labelprop!.accuracy).toBeGreaterThan(0.5)
    expect(runs.find((r) => r.id === ssaeRun)!.backend).toMatch(/^(wasm|cpu|tensorflow)$/)
    expect(await s.handlers['runs.list']({ datasetId: demo.id + 1 })).toEqual([])
  })

  it('gives a run’s detail: roles, truth, per-sample predictions and confidences, what differs from the paper', async () => {
    const d = await s.handlers['runs.get']({ id: ssaeRun })
    expect(d.sampleIds).toHaveLength(271)
    expect(d.roles).toHaveLength(271)
    expect(d.roles.filter((r) => r === 'hidden').length).toBe(Math.round(67 * 0.4) + Math.round(204 * 0.4))
    expect(d.yTrue.every((y) => y === 0 || y === 1)).toBe(true)
    expect(d.classes).toEqual(['1', '2'])
    expect(d.appVersion).toBe('9.9.9-test')
    expect(d.datasetHash).toBe(demo.hash)
    const ssae = d.methods.ssae!
    expect(ssae.proba).toHaveLength(271)
    expect(ssae.proba[0]).toHaveLength(2)
    expect(ssae.latent![0]).toHaveLength(2)
    expect(ssae.losses!.length).toBe(4)
    expect(ssae.selected!.length).toBeGreaterThan(0)
    expect(ssae.eta).toBe(20)
    expect(d.differsFromPaper).toContain('η = 20 (paper: 10)')
    expect(d.differsFromPaper).toContain('epochs per descent = 2 (paper: 40)')
  })

  it('aggregates the first-layer weights for display: kept features exact, sorted by norm, at most maxColumns', async () => {
    const selected = (await s.handlers['runs.get']({ id: ssaeRun })).methods.ssae!.selected!
    const map = await s.handlers['runs.weights']({ id: ssaeRun })
    expect(map.rows).toBe(300)
    expect(map.columns.length).toBe(162) // ≤ 400: every feature its own column
    expect(map.values).toHaveLength(300 * 162)
    const kept = map.columns.filter((c) => c.kept)
    expect(kept.map((c) => c.label)).toEqual(selected.map((f) => f.feature))
    const small = await s.handlers['runs.weights']({ id: ssaeRun, maxColumns: selected.length + 5 })
    expect(small.columns.length).toBe(selected.length + 5)
    expect(small.columns.reduce((a, c) => a + c.features, 0)).toBe(162)
    expect(small.maxAbs).toBeGreaterThan(0)
    expect((await userError(s.handlers['runs.weights']({ id: fastRun }))).code).toBe('no-weights')
  })

  it('gives the selected features’ per-class means over samples with known truth', async () => {
    const stats = await s.handlers['runs.features']({ id: ssaeRun })
    const selected = s.getRunResult(ssaeRun)!.methods.ssae!.selected!
    expect(stats.map((f) => f.feature)).toEqual(selected.map((f) => f.feature))
    expect(stats.map((f) => f.rank)).toEqual(selected.map((_, i) => i + 1))
    for (const f of stats) {
      expect(f.classMeans).toHaveLength(2)
      for (const m of f.classMeans) expect(Number.isFinite(m)).toBe(true)
    }
    // Centred and scaled over all samples: the two class means sit on both sides of 0, weighted by class size.
    const f = stats[0]
    expect(Math.abs((67 * f.classMeans[0] + 204 * f.classMeans[1]) / 271)).toBeLessThan(1e-4)
    expect(await s.handlers['runs.features']({ id: fastRun })).toEqual([])
  })

  it('compares runs: settings that differ, metrics side by side, selected-feature overlap', async () => {
    const c = await s.handlers['runs.compare']({ ids: [fastRun, fastRun2, ssaeRun] })
    expect(c.runs.map((r) => r.id)).toEqual([fastRun, fastRun2, ssaeRun])
    const differing = c.settings.filter((x) => x.differs).map((x) => x.key)
    expect(differing).toEqual(expect.arrayContaining(['split.seed', 'seed', 'methods', 'network.epochs', 'network.eta']))
    expect(differing).not.toContain('graph.kernel')
    expect(c.settings.find((x) => x.key === 'split.seed')!.values).toEqual(['7', '8', '7'])
    expect(c.metrics.map((m) => m.method)).toEqual(['ssae', 'labelprop', 'labelspread'])
    expect(c.metrics[0].values[0]).toBeNull()
    expect(c.metrics[1].values.every((v) => v !== null)).toBe(true)
    const nSelected = s.getRunResult(ssaeRun)!.methods.ssae!.selected!.length
    expect(c.features.perRun).toEqual([0, 0, nSelected])
    expect(c.features.jaccard).toEqual([
      [1, 1, 0],
      [1, 1, 0],
      [0, 0, 1]
    ])
    expect(c.features.shared).toEqual([])
    expect(c.features.exclusive[2]).toHaveLength(nSelected)
    expect((await userError(s.handlers['runs.compare']({ ids: [fastRun, fastRun] }))).code).toBe('compare-needs-two')
  })

  it('runs a configuration with other import options on the same file parsed with them (a sibling dataset)', async () => {
    const config = { ...fastConfig(), import: { orientation: 'columns' as const, missing: 'mean' as const } }
    const { id } = await s.handlers['runs.start']({ datasetId: demo.id, config })
    expect(await s.waitForRun(id)).toBe('done')
    const detail = await s.handlers['runs.get']({ id })
    expect(detail.dataset.id).not.toBe(demo.id)
    expect(detail.dataset.hash).toBe(demo.hash)
    expect(detail.dataset.importOptions).toEqual({ missing: 'mean', orientation: 'columns' })
    // Same file, same options again: the sibling is recognised, not imported twice.
    const again = await s.handlers['runs.start']({ datasetId: demo.id, config: { ...config, methods: ['labelprop'] } })
    expect(await s.waitForRun(again.id)).toBe('done')
    expect((await s.handlers['runs.get']({ id: again.id })).dataset.id).toBe(detail.dataset.id)
    expect((await s.handlers['datasets.list']({})).length).toBe(2)
    expect(await s.handlers['datasets.delete']({ id: detail.dataset.id, cascade: true })).toEqual({ deletedRuns: 2 })
  })

  it('refuses to delete an active run, deletes a finished one, and cascades a dataset delete', async () => {
    const longRun = (
      await s.handlers['runs.start']({
        datasetId: demo.id,
        config: defaultRunConfig({ methods: ['ssae'], split: hidden, network: { ...defaultRunConfig().network, epochs: 300 } })
      })
    ).id
    expect((await userError(s.handlers['runs.delete']({ id: longRun }))).code).toBe('run-active')
    expect(await s.handlers['runs.delete']({ id: fastRun2 })).toEqual({ deleted: true })
    expect(await s.handlers['runs.delete']({ id: fastRun2 })).toEqual({ deleted: false })
    // Cascade stops the active run first, then deletes the dataset with every run.
    // (Runs of the other describe block are used above; this is the file's last test.)
    expect(await s.handlers['datasets.delete']({ id: demo.id, cascade: true })).toEqual({ deletedRuns: 3 })
    expect(await s.handlers['runs.list']({})).toEqual([])
    expect(await s.handlers['datasets.list']({})).toEqual([])
  })
})
