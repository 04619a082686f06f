// Latent space of the SSAE (paper Figures 6/9/12): every sample, marker by role, colour by class.
import type { EChartsOption, ScatterSeriesOption } from 'echarts'
import type { SampleRole } from '../../core/types'
import type { RunDetail } from '../api'
import { escapeHtml, fmtPercent } from './format'
import { classColor, ROLE_LABELS, ROLE_SYMBOLS } from './palette'
import { pca2 } from './pca'

export type LatentView = { kind: 'axes'; x: number; y: number } | { kind: 'pca' }

export interface LatentChartOptions {
  colorBy: 'true' | 'predicted'
  /** Default: the two latent axes for k = 2, PCA for k > 2. */
  view?: LatentView
  /** No zoom, brush or toolbox: for the report and image export. */
  static?: boolean
  title?: string
}

export interface LatentPoints {
  x: ArrayLike<number>
  y: ArrayLike<number>
  xName: string
  yName: string
}

export function defaultLatentView(k: number): LatentView {
  return k > 2 ? { kind: 'pca' } : { kind: 'axes', x: 0, y: Math.min(1, k - 1) }
}

/** Coordinates to draw; null when the run has no SSAE latent. */
export function latentPoints(detail: RunDetail, view?: LatentView): LatentPoints | null {
  const latent = detail.methods.ssae?.latent
  if (!latent || latent.length === 0) return null
  const k = latent[0].length
  const v = view ?? defaultLatentView(k)
  if (v.kind === 'pca' && k > 2) {
    const p = pca2(latent)
    return {
      x: p.x,
      y: p.y,
      xName: `PC1 (${fmtPercent(p.explained[0], 0)})`,
      yName: `PC2 (${fmtPercent(p.explained[1], 0)})`
    }
  }
  const ax = v.kind === 'axes' ? v.x : 0
  const ay = v.kind === 'axes' ? v.y : Math.min(1, k - 1)
  const name = (j: number): string => `z${j + 1} (${detail.classes[j] ?? j})`
  return { x: latent.map((z) => z[ax]), y: latent.map((z) => z[ay]), xName: name(ax), yName: name(ay) }
}

const ROLES: SampleRole[] = ['labelled', 'hidden', 'unlabelled']

/** The sample index of each point is value[2], so tooltips and brushing can find the sample. */
export function buildLatentOption(detail: RunDetail, opts: LatentChartOptions): EChartsOption {
  const pts = latentPoints(detail, opts.view)
  const ssae = detail.methods.ssae
  if (!pts || !ssae) return emptyOption(opts.title ?? 'Latent space', 'This run has no SSAE latent space.')
  const n = detail.sampleIds.length
  const large = n > 2000
  const classOf = (i: number): number => (opts.colorBy === 'true' ? detail.yTrue[i] : ssae.predicted[i])
  const groups = new Map<string, { cls: number; role: SampleRole; data: number[][] }>()
  for (let i = 0; i < n; i++) {
    const cls = classOf(i) ?? -1
    const role = detail.roles[i]
    const key = `${cls}|${role}`
    let g = groups.get(key)
    if (!g) groups.set(key, (g = { cls, role, data: [] }))
    g.data.push([pts.x[i], pts.y[i], i])
  }
  const ordered = [...groups.values()].sort((a, b) => ROLES.indexOf(a.role) - ROLES.indexOf(b.role) || a.cls - b.cls)
  const className = (c: number): string => (c < 0 ? 'unknown' : (detail.classes[c] ?? String(c)))
  const series: ScatterSeriesOption[] = ordered.map((g) => ({
    type: 'scatter',
    name: `${className(g.cls)} · ${ROLE_LABELS[g.role]}`,
    data: g.data,
    symbol: ROLE_SYMBOLS[g.role],
    symbolSize: large ? 4 : g.role === 'labelled' ? 7 : 9,
    itemStyle: {
      color: classColor(g.cls),
      opacity: g.role === 'labelled' ? 0.55 : 0.9,
      borderColor: g.role === 'labelled' ? undefined : '#ffffff',
      borderWidth: g.role === 'labelled' || large ? 0 : 0.6
    },
    large,
    largeThreshold: 2000,
    progressive: large ? 5000 : 0,
    emphasis: { focus: 'none', scale: 1.6 },
    animation: false
  }))
  const tooltipFormatter = (p: unknown): string => {
    const value = (p as { value?: number[] }).value
    const i = value ? value[2] : -1
    if (i === undefined || i < 0) return ''
    const truth = detail.yTrue[i] >= 0 ? className(detail.yTrue[i]) : 'unknown'
    const conf = ssae.proba[i]
      .map((q, c) => `${escapeHtml(className(c))}: ${fmtPercent(q)}`)
      .join('<br/>')
    return (
      `<b>${escapeHtml(detail.sampleIds[i])}</b> · ${ROLE_LABELS[detail.roles[i]]}<br/>` +
      `true: ${escapeHtml(truth)} · predicted: ${escapeHtml(className(ssae.predicted[i]))}<br/>${conf}`
    )
  }
  return {
    animation: false,
    title: opts.title ? { text: opts.title, left: 'center', textStyle: { fontSize: 14 } } : undefined,
    legend: { type: opts.static ? 'plain' : 'scroll', bottom: 0, itemWidth: 12, itemHeight: 12 },
    grid: { left: 56, right: 24, top: opts.title ? 40 : 24, bottom: 64 },
    xAxis: { type: 'value', name: pts.xName, nameLocation: 'middle', nameGap: 26, scale: true, splitLine: { show: false }, axisLine: { onZero: false } },
    yAxis: { type: 'value', name: pts.yName, nameLocation: 'middle', nameGap: 40, scale: true, splitLine: { show: false }, axisLine: { onZero: false } },
    tooltip: opts.static ? undefined : { trigger: 'item', formatter: tooltipFormatter, confine: true },
    dataZoom: opts.static
      ? undefined
      : [
          { type: 'inside', xAxisIndex: 0, filterMode: 'none' },
          { type: 'inside', yAxisIndex: 0, filterMode: 'none' }
        ],
    brush: opts.static ? undefined : { toolbox: ['rect', 'polygon', 'clear'], xAxisIndex: 0, throttleType: 'debounce', throttleDelay: 200 },
    toolbox: opts.static ? undefined : { right: 8, top: 0, feature: { brush: { type: ['rect', 'polygon', 'clear'] } } },
    series
  }
}

/** Sample indices under a brush selection (the `brushSelected` event's batch[0].selected). */
export function brushedSamples(option: EChartsOption, selected: { seriesIndex: number; dataIndex: number[] }[]): number[] {
  const series = (Array.isArray(option.series) ? option.series : [option.series]) as ScatterSeriesOption[]
  const out: number[] = []
  for (const s of selected) {
    const data = series[s.seriesIndex]?.data as number[][] | undefined
    if (!data) continue
    for (const d of s.dataIndex) if (data[d]) out.push(data[d][2])
  }
  return out.sort((a, b) => a - b)
}

export function emptyOption(title: string, message: string): EChartsOption {
  return {
    animation: false,
    title: { text: title, subtext: message, left: 'center', top: 'middle', textStyle: { fontSize: 14 } },
    xAxis: { show: false },
    yAxis: { show: false },
    series: []
  }
}
