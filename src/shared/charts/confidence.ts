// Distribution of the predicted-class confidence per class and per method (paper Figures 5/8/11):
// a histogram per predicted class with a Gaussian-kernel smoothed curve, one panel per method.
// Histogram bins and the KDE are display transforms of the stored confidences.
import type { EChartsOption, LineSeriesOption } from 'echarts'
import type { MethodName, SampleRole } from '../../core/types'
import type { RunDetail } from '../api'
import { escapeHtml, fmtPercent, runMethods } from './format'
import { classColor, METHOD_LABELS } from './palette'

export interface ConfidenceChartOptions {
  methods?: MethodName[]
  bins?: number
  static?: boolean
  title?: string
}

/** The samples a method had to predict: hidden and unlabelled ones; all samples when there are none. */
export function predictedSampleIndices(roles: SampleRole[]): number[] {
  const idx = roles.flatMap((r, i) => (r === 'labelled' ? [] : [i]))
  return idx.length ? idx : roles.map((_, i) => i)
}

export interface ClassConfidences {
  cls: number
  values: number[]
}

/** Predicted-class confidence of each predicted sample, grouped by predicted class. */
export function confidencesByClass(detail: RunDetail, method: MethodName): ClassConfidences[] {
  const m = detail.methods[method]
  if (!m) return []
  const groups: ClassConfidences[] = detail.classes.map((_, cls) => ({ cls, values: [] }))
  for (const i of predictedSampleIndices(detail.roles)) {
    const c = m.predicted[i]
    if (groups[c]) groups[c].values.push(m.proba[i][c])
  }
  return groups
}

export function histogram(values: number[], lo: number, hi: number, bins: number): { centers: number[]; counts: number[] } {
  const width = (hi - lo) / bins
  const counts = new Array<number>(bins).fill(0)
  for (const v of values) {
    if (!Number.isFinite(v)) continue
    // The epsilon puts values on an edge (0.95 with width 0.05) in the bin they start, despite rounding.
    const b = Math.min(bins - 1, Math.max(0, Math.floor((v - lo) / width + 1e-9)))
    counts[b]++
  }
  return { centers: counts.map((_, b) => lo + (b + 0.5) * width), counts }
}

/** Gaussian KDE (Silverman's bandwidth) on a grid, scaled to histogram counts (× n × bin width). */
export function kde(values: number[], grid: number[], binWidth: number): number[] {
  const n = values.length
  if (n === 0) return grid.map(() => 0)
  const mean = values.reduce((s, v) => s + v, 0) / n
  const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / Math.max(1, n - 1))
  const h = Math.max(1.06 * (sd || binWidth) * n ** -0.2, binWidth / 2)
  const norm = (binWidth * n) / (n * h * Math.sqrt(2 * Math.PI))
  return grid.map((g) => {
    let s = 0
    for (const v of values) {
      const u = (g - v) / h
      s += Math.exp(-0.5 * u * u)
    }
    return s * norm
  })
}

export function buildConfidenceOption(detail: RunDetail, opts: ConfidenceChartOptions = {}): EChartsOption {
  const methods = (opts.methods ?? runMethods(detail)).filter((m) => detail.methods[m])
  const k = Math.max(2, detail.classes.length)
  const lo = 1 / k
  const bins = opts.bins ?? 20
  const binWidth = (1 - lo) / bins
  const grid = Array.from({ length: 81 }, (_, i) => lo + ((1 - lo) * i) / 80)
  const panelTop = opts.title ? 48 : 28
  const panelHeight = 120
  const gap = 54
  const grids: EChartsOption['grid'] = []
  const xAxes: EChartsOption['xAxis'] = []
  const yAxes: EChartsOption['yAxis'] = []
  const titles: EChartsOption['title'] = opts.title ? [{ text: opts.title, left: 'center', textStyle: { fontSize: 14 } }] : []
  const series: LineSeriesOption[] = []
  methods.forEach((method, p) => {
    const top = panelTop + p * (panelHeight + gap)
    const groups = confidencesByClass(detail, method)
    const total = groups.reduce((s, g) => s + g.values.length, 0)
    grids.push({ left: 56, right: 24, top, height: panelHeight })
    titles.push({
      text: `${METHOD_LABELS[method]} (n = ${total})`,
      left: 'center',
      top: top - 22,
      textStyle: { fontSize: 12, fontWeight: 'bold' }
    })
    xAxes.push({
      type: 'value',
      gridIndex: p,
      min: lo,
      max: 1,
      name: p === methods.length - 1 ? 'confidence of the predicted class' : undefined,
      nameLocation: 'middle',
      nameGap: 24,
      axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` },
      splitLine: { show: false }
    })
    yAxes.push({
      type: 'value',
      gridIndex: p,
      name: 'samples',
      nameLocation: 'middle',
      nameGap: 34,
      minInterval: 1,
      splitLine: { lineStyle: { opacity: 0.4 } }
    })
    for (const g of groups) {
      if (!g.values.length) continue
      const name = detail.classes[g.cls]
      const h = histogram(g.values, lo, 1, bins)
      series.push({
        type: 'line',
        name,
        xAxisIndex: p,
        yAxisIndex: p,
        step: 'middle',
        symbol: 'none',
        data: h.centers.map((c, b) => [c, h.counts[b]]),
        lineStyle: { width: 0.8, color: classColor(g.cls) },
        itemStyle: { color: classColor(g.cls) },
        areaStyle: { opacity: 0.22, color: classColor(g.cls) },
        animation: false
      })
      const density = kde(g.values, grid, binWidth)
      series.push({
        type: 'line',
        name,
        xAxisIndex: p,
        yAxisIndex: p,
        smooth: true,
        symbol: 'none',
        data: grid.map((x, i) => [x, density[i]]),
        lineStyle: { width: 2, color: classColor(g.cls) },
        itemStyle: { color: classColor(g.cls) },
        tooltip: { show: false },
        animation: false
      })
    }
  })
  return {
    animation: false,
    title: titles,
    legend: { data: detail.classes, top: opts.title ? 24 : 0, right: 16 },
    grid: grids,
    xAxis: xAxes,
    yAxis: yAxes,
    tooltip: opts.static
      ? undefined
      : {
          trigger: 'item',
          formatter: (p: unknown) => {
            const q = p as { seriesName: string; value: number[] }
            const half = binWidth / 2
            return `${escapeHtml(q.seriesName)}: ${q.value[1]} samples<br/>confidence ${fmtPercent(q.value[0] - half, 0)}–${fmtPercent(q.value[0] + half, 0)}`
          }
        },
    series
  }
}

/** Figure height that fits one panel per method. */
export function confidenceChartHeight(nMethods: number, withTitle = false): number {
  return (withTitle ? 48 : 28) + Math.max(1, nMethods) * 174 + 20
}

export interface UncertainPrediction {
  index: number
  sample: string
  role: SampleRole
  trueLabel: string | null
  predicted: string
  confidence: number
  /** Confidence of the predicted class minus the runner-up's. */
  margin: number
}

/** The least confident predictions of a method among the samples it had to predict. */
export function leastConfident(detail: RunDetail, method: MethodName, limit = 20): UncertainPrediction[] {
  const m = detail.methods[method]
  if (!m) return []
  const rows = predictedSampleIndices(detail.roles).map((i) => {
    const p = m.proba[i]
    const c = m.predicted[i]
    let second = 0
    p.forEach((q, j) => {
      if (j !== c && q > second) second = q
    })
    return {
      index: i,
      sample: detail.sampleIds[i],
      role: detail.roles[i],
      trueLabel: detail.yTrue[i] >= 0 ? detail.classes[detail.yTrue[i]] : null,
      predicted: detail.classes[c],
      confidence: p[c],
      margin: p[c] - second
    }
  })
  rows.sort((a, b) => a.confidence - b.confidence || a.margin - b.margin || a.index - b.index)
  return rows.slice(0, limit)
}
