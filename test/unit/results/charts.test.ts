// The figure builders on a real small run (core pipeline, 2 epochs): every sample drawn once with the
// right marker and colour, histograms that count what they should, weight maps that keep kept
// features exact, and options that ECharts can render (server-side SVG).
import { beforeAll, describe, expect, it } from 'vitest'
import type { ScatterSeriesOption, LineSeriesOption, HeatmapSeriesOption } from 'echarts'
import {
  brushedSamples,
  buildBiomarkerBarOption,
  buildConfidenceOption,
  buildLatentOption,
  buildLossOption,
  buildRocOption,
  buildWeightMapOption,
  classColor,
  coarsenWeightMap,
  confidencesByClass,
  histogram,
  jacobiEigen,
  kde,
  leastConfident,
  pca2,
  predictedSampleIndices,
  ROLE_SYMBOLS,
  settingsRows,
  weightMapCells
} from '../../../src/shared/charts'
import type { WeightMap } from '../../../src/shared/api'
import { renderSvg } from '../../../src/main/report/svg'
import { realRun, type RealRun } from './realRun'

let two: RealRun
let three: RealRun
beforeAll(async () => {
  two = await realRun({ n: 90, d: 40, k: 2 })
  three = await realRun({ n: 90, d: 30, k: 3, seed: 5 })
})

const seriesOf = <T>(o: { series?: unknown }): T[] => o.series as T[]

describe('latent space', () => {
  it('draws every sample once, marker by role, colour by true class, sample index in value[2]', () => {
    const { detail } = two
    const option = buildLatentOption(detail, { colorBy: 'true' })
    const series = seriesOf<ScatterSeriesOption>(option)
    const seen = new Set<number>()
    for (const s of series) {
      for (const p of s.data as number[][]) {
        const i = p[2]
        expect(seen.has(i)).toBe(false)
        seen.add(i)
        expect(s.symbol).toBe(ROLE_SYMBOLS[detail.roles[i]])
        expect((s.itemStyle as { color: string }).color).toBe(classColor(detail.yTrue[i]))
        expect(p[0]).toBeCloseTo(detail.methods.ssae!.latent![i][0], 6)
        expect(p[1]).toBeCloseTo(detail.methods.ssae!.latent![i][1], 6)
      }
    }
    expect(seen.size).toBe(detail.sampleIds.length)
    expect(series.some((s) => s.symbol === 'diamond')).toBe(true) // hidden samples exist in benchmark mode
  })

  it('colours by predicted class on request and lists brushed samples by index', () => {
    const { detail } = two
    const option = buildLatentOption(detail, { colorBy: 'predicted' })
    const series = seriesOf<ScatterSeriesOption>(option)
    series.forEach((s) => {
      for (const p of s.data as number[][])
        expect((s.itemStyle as { color: string }).color).toBe(classColor(detail.methods.ssae!.predicted[p[2]]))
    })
    const picked = brushedSamples(option, [{ seriesIndex: 0, dataIndex: [0, 1] }])
    expect(picked).toEqual([(series[0].data as number[][])[0][2], (series[0].data as number[][])[1][2]].sort((a, b) => a - b))
  })

  it('uses a PCA view for k > 2 and the chosen axes on request', () => {
    const pca = buildLatentOption(three.detail, { colorBy: 'true' })
    expect((pca.xAxis as { name: string }).name).toMatch(/^PC1/)
    const axes = buildLatentOption(three.detail, { colorBy: 'true', view: { kind: 'axes', x: 0, y: 2 } })
    expect((axes.yAxis as { name: string }).name).toBe('z3 (class_3)')
  })

  it('large runs switch series to large mode; static options carry no interaction', () => {
    const s = buildLatentOption(two.detail, { colorBy: 'true', static: true })
    expect(s.dataZoom).toBeUndefined()
    expect(s.brush).toBeUndefined()
    expect(s.tooltip).toBeUndefined()
    expect(seriesOf<ScatterSeriesOption>(s).every((x) => x.large === false)).toBe(true)
  })
})

describe('pca2 (display)', () => {
  it('finds the direction of points on a line', () => {
    const pts = Array.from({ length: 50 }, (_, i) => [i, 2 * i + 1, -i])
    const p = pca2(pts)
    expect(p.explained[0]).toBeCloseTo(1, 9)
    const spread = Math.max(...p.y) - Math.min(...p.y)
    expect(spread).toBeLessThan(1e-6)
  })
  it('eigen-decomposes a symmetric matrix', () => {
    const { values, vectors } = jacobiEigen([
      [2, 1],
      [1, 2]
    ])
    expect([...values].sort()).toEqual([expect.closeTo(1, 10), expect.closeTo(3, 10)])
    const j = values[0] > values[1] ? 0 : 1
    expect(Math.abs(vectors[0][j])).toBeCloseTo(Math.SQRT1_2, 10)
  })
})

describe('confidence', () => {
  it('counts every predicted (non-labelled) sample once per method', () => {
    const { detail } = two
    const predicted = predictedSampleIndices(detail.roles)
    expect(predicted.every((i) => detail.roles[i] !== 'labelled')).toBe(true)
    for (const m of ['ssae', 'fcnn', 'labelprop', 'labelspread'] as const) {
      const groups = confidencesByClass(detail, m)
      expect(groups.reduce((s, g) => s + g.values.length, 0)).toBe(predicted.length)
      for (const g of groups) for (const v of g.values) expect(v).toBeGreaterThanOrEqual(0.5 - 1e-6)
    }
    const option = buildConfidenceOption(detail)
    const hist = seriesOf<LineSeriesOption>(option).filter((s) => s.step)
    const total = hist.reduce((s, h) => s + (h.data as number[][]).reduce((t, p) => t + p[1], 0), 0)
    expect(total).toBe(4 * predicted.length)
    expect((option.grid as unknown[]).length).toBe(4)
  })

  it('histogram and KDE agree on mass', () => {
    const values = [0.55, 0.6, 0.61, 0.7, 0.9, 0.95, 0.99, 1]
    const h = histogram(values, 0.5, 1, 10)
    expect(h.counts.reduce((s, c) => s + c, 0)).toBe(values.length)
    expect(h.counts[9]).toBe(3) // 0.95, 0.99 and 1 (the right edge is closed)
    const grid = Array.from({ length: 2001 }, (_, i) => -0.5 + i / 1000)
    const dens = kde(values, grid, 0.05)
    const area = dens.reduce((s, v) => s + v, 0) * 0.001
    expect(area / 0.05).toBeCloseTo(values.length, 1)
  })

  it('lists the least confident predictions first, only among predicted samples', () => {
    const rows = leastConfident(two.detail, 'ssae', 10)
    expect(rows.length).toBe(10)
    for (let i = 1; i < rows.length; i++) expect(rows[i].confidence).toBeGreaterThanOrEqual(rows[i - 1].confidence)
    expect(rows.every((r) => r.role !== 'labelled')).toBe(true)
    expect(rows.every((r) => r.margin >= 0 && r.margin <= 1)).toBe(true)
  })
})

describe('weight map', () => {
  const map: WeightMap = {
    columns: [
      { label: 'a', features: 1, kept: true },
      { label: 'b', features: 1, kept: true },
      { label: 'rest', features: 8, kept: false }
    ],
    rows: 2,
    values: [0.5, 0.01, 0, 0, 0.002, 0],
    maxAbs: 0.5
  }
  it('draws only non-zero cells, on log10|w|, and marks where dropped features start', () => {
    const cells = weightMapCells(map)
    expect(cells.data).toEqual([
      [0, 0, Math.log10(0.5)],
      [1, 0, Math.log10(0.01)],
      [1, 1, Math.log10(0.002)]
    ])
    expect(cells.firstDropped).toBe(2)
    expect(cells.maxLog).toBeGreaterThanOrEqual(Math.log10(0.5))
    expect(cells.minLog).toBeLessThanOrEqual(Math.log10(0.002))
    const option = buildWeightMapOption(map)
    expect(seriesOf<HeatmapSeriesOption>(option)[0].data).toHaveLength(3)
  })
  it('refuses a map whose values do not match its shape', () => {
    expect(() => weightMapCells({ ...map, values: [1, 2] })).toThrow(/expected rows × columns = 2 × 3/)
  })
  it('coarsens for a static figure keeping kept features exact and the mass of the rest', () => {
    const w = two.weights
    const { map: small, rowGroup } = coarsenWeightMap(w, 4, 12)
    expect(small.columns.length).toBeLessThanOrEqual(12)
    expect(small.rows).toBe(Math.ceil(w.rows / rowGroup))
    const sumFeatures = (m: WeightMap): number => m.columns.reduce((s, c) => s + c.features, 0)
    expect(sumFeatures(small)).toBe(sumFeatures(w))
    // Mass (feature-weighted |w| summed over rows of a group) is preserved.
    const mass = (m: WeightMap, group: number): number =>
      m.columns.reduce((s, c, j) => {
        let t = 0
        for (let r = 0; r < m.rows; r++) t += m.values[r * m.columns.length + j] * (group > 1 ? Math.min(group, w.rows - r * group) : 1)
        return s + t * c.features
      }, 0)
    expect(mass(small, rowGroup)).toBeCloseTo(mass(w, 1), 6)
    const exact = small.columns.filter((c) => c.features === 1 && c.kept).length
    expect(exact).toBeGreaterThan(0)
    expect(small.columns.slice(0, exact).map((c) => c.label)).toEqual(w.columns.slice(0, exact).map((c) => c.label))
  })
})

describe('losses, ROC, biomarkers, settings', () => {
  it('puts descent 2 after descent 1 on one axis and drops non-positive values on a log axis', () => {
    const ssae = two.detail.methods.ssae!
    const option = buildLossOption(ssae, { logY: true })
    const total = seriesOf<LineSeriesOption>(option)[0]
    const xs = (total.data as (number | null)[][]).map((p) => p[0])
    expect(xs).toEqual([1, 2, 3, 4])
    expect(total.markLine).toBeDefined()
    const fcnn = buildLossOption(two.detail.methods.fcnn!, {})
    expect(seriesOf<LineSeriesOption>(fcnn).map((s) => s.name)).not.toContain('reconstruction (SmoothL1)')
  })
  it('draws one ROC curve per method (binary) plus chance', () => {
    const option = buildRocOption(two.detail)
    expect(seriesOf<LineSeriesOption>(option)).toHaveLength(5)
    expect(seriesOf<LineSeriesOption>(option)[0].name).toMatch(/AUC/)
  })
  it('ranks the top-N biomarkers by norm', () => {
    const option = buildBiomarkerBarOption(two.features, { topN: 5 })
    const norms = seriesOf<{ data: number[] }>(option)[0].data
    expect(norms).toHaveLength(Math.min(5, two.features.length))
    for (let i = 1; i < norms.length; i++) expect(norms[i]).toBeLessThanOrEqual(norms[i - 1])
  })
  it('writes settings as readable rows', () => {
    const rows = settingsRows(two.detail.config)
    expect(rows.find((r) => r.key === 'Sparsity')?.value).toBe('η = 10')
    expect(rows.find((r) => r.key === 'Labels')?.value).toMatch(/hide 40 %/)
  })
  it('every static option renders to SVG server-side', () => {
    const d = two.detail
    const options = [
      buildLatentOption(d, { colorBy: 'true', static: true }),
      buildConfidenceOption(d, { static: true }),
      buildBiomarkerBarOption(two.features, { static: true }),
      buildWeightMapOption(two.weights, { static: true }),
      buildLossOption(d.methods.ssae!, { static: true, logY: true }),
      buildRocOption(d, { static: true })
    ]
    for (const o of options) {
      const svg = renderSvg(o, 600, 400)
      expect(svg.startsWith('<svg')).toBe(true)
      expect(svg.length).toBeGreaterThan(2000)
    }
  })
})
