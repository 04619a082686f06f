// First-layer weights after the second descent (paper Figures 7/10/13): neurons × features sorted by
// column norm, log10|w| colour scale, zero weights left white (no cell drawn).
import type { EChartsOption } from 'echarts'
import type { WeightMap } from '../api'
import { escapeHtml, fmtNumber } from './format'
import { SEQUENTIAL } from './palette'

export interface WeightMapCells {
  /** [column, row, log10|w|] for every non-zero cell. */
  data: [number, number, number][]
  minLog: number
  maxLog: number
  /** Index of the first aggregated (not kept) column; -1 when every column is a kept feature. */
  firstDropped: number
}

/** How many decades below the largest weight the colour scale reaches. */
const DECADES = 5

export function weightMapCells(map: WeightMap): WeightMapCells {
  const cols = map.columns.length
  if (map.values.length !== cols * map.rows)
    throw new Error(`weight map has ${map.values.length} values, expected rows × columns = ${map.rows} × ${cols}`)
  const data: [number, number, number][] = []
  let minPos = Infinity
  for (let r = 0; r < map.rows; r++)
    for (let c = 0; c < cols; c++) {
      const v = Math.abs(map.values[r * cols + c])
      if (v > 0 && Number.isFinite(v)) {
        const l = Math.log10(v)
        data.push([c, r, l])
        if (v < minPos) minPos = v
      }
    }
  const maxLog = map.maxAbs > 0 ? Math.log10(map.maxAbs) : 0
  const minLog = Number.isFinite(minPos) ? Math.max(Math.log10(minPos), maxLog - DECADES) : maxLog - 1
  return { data, minLog: Math.floor(minLog * 2) / 2, maxLog: Math.ceil(maxLog * 2) / 2, firstDropped: map.columns.findIndex((c) => !c.kept) }
}

export function buildWeightMapOption(
  map: WeightMap,
  opts: { static?: boolean; title?: string; /** Neurons merged per row (coarsened maps). */ rowGroup?: number } = {}
): EChartsOption {
  const rowGroup = opts.rowGroup ?? 1
  const cells = weightMapCells(map)
  const labels = map.columns.map((c) => c.label)
  const kept = map.columns.filter((c) => c.kept).length
  const totalFeatures = map.columns.reduce((s, c) => s + c.features, 0)
  // When few features survive, open zoomed on them (and a little beyond); the slider shows the rest.
  const zoomEnd = cells.firstDropped > 0 && cells.firstDropped < labels.length * 0.5 ? Math.min(labels.length - 1, Math.max(20, Math.ceil(cells.firstDropped * 1.3))) : labels.length - 1
  return {
    animation: false,
    title: opts.title ? { text: opts.title, left: 'center', textStyle: { fontSize: 14 } } : undefined,
    grid: { left: 60, right: 90, top: opts.title ? 40 : 16, bottom: opts.static ? 56 : 84 },
    dataZoom: opts.static
      ? undefined
      : [
          { type: 'slider', xAxisIndex: 0, startValue: 0, endValue: zoomEnd, height: 16, bottom: 8, filterMode: 'empty', labelFormatter: '' },
          { type: 'inside', xAxisIndex: 0, startValue: 0, endValue: zoomEnd, filterMode: 'empty' }
        ],
    xAxis: {
      type: 'category',
      data: labels,
      name: `features sorted by norm (${kept} kept of ${totalFeatures})`,
      nameLocation: 'middle',
      nameGap: 36,
      axisLabel: { show: labels.length <= 60, rotate: 60, fontSize: 9 },
      axisTick: { show: false },
      splitArea: { show: false }
    },
    yAxis: {
      type: 'category',
      data: Array.from({ length: map.rows }, (_, r) => String(r * rowGroup + 1)),
      name: rowGroup > 1 ? `hidden neuron (mean of ${rowGroup})` : 'hidden neuron',
      nameLocation: 'middle',
      nameGap: 40,
      inverse: true,
      axisLabel: { interval: Math.max(0, Math.ceil(map.rows / 10) - 1) },
      axisTick: { show: false }
    },
    visualMap: {
      type: 'continuous',
      min: cells.minLog,
      max: cells.maxLog,
      dimension: 2,
      calculable: false,
      orient: 'vertical',
      right: 8,
      top: 'middle',
      itemHeight: 160,
      text: [`|w| ${fmtNumber(10 ** cells.maxLog, 2)}`, fmtNumber(10 ** cells.minLog, 2)],
      formatter: (v: unknown) => fmtNumber(10 ** Number(v), 2),
      inRange: { color: SEQUENTIAL }
    },
    tooltip: opts.static
      ? undefined
      : {
          trigger: 'item',
          formatter: (p: unknown) => {
            const q = p as { value: [number, number, number] }
            const col = map.columns[q.value[0]]
            const what = col.features > 1 ? `${escapeHtml(col.label)} (mean of ${col.features} features)` : escapeHtml(col.label)
            return `${what}<br/>neuron ${q.value[1] * rowGroup + 1}: |w| = ${fmtNumber(10 ** q.value[2], 4)}`
          }
        },
    series: [
      {
        type: 'heatmap',
        data: cells.data,
        progressive: 0,
        emphasis: { disabled: true },
        markLine:
          cells.firstDropped > 0
            ? {
                silent: true,
                symbol: 'none',
                lineStyle: { color: '#d32f2f', type: 'dashed' },
                label: { formatter: 'dropped →', position: 'end' },
                data: [{ xAxis: cells.firstDropped - 0.5 }]
              }
            : undefined
      }
    ]
  }
}

/**
 * A smaller map for a static figure (report, SVG export): at most maxColumns columns, the kept features
 * exact as long as they fit in 70 % of the columns, the rest merged into bins (feature-weighted mean
 * of |w|); rows merged in groups so at most maxRows remain. Display only.
 */
export function coarsenWeightMap(map: WeightMap, maxRows: number, maxColumns: number): { map: WeightMap; rowGroup: number } {
  const cols = map.columns.length
  const group = Math.max(1, Math.ceil(map.rows / Math.max(1, maxRows)))
  const outRows = Math.ceil(map.rows / group)
  // Column plan: each output column lists the input columns it merges.
  let plan: number[][]
  if (cols <= maxColumns) plan = map.columns.map((_, c) => [c])
  else {
    const keptCount = map.columns.filter((c) => c.kept).length
    const exact = Math.min(keptCount, Math.floor(maxColumns * 0.7))
    plan = Array.from({ length: exact }, (_, c) => [c])
    const rest = cols - exact
    const bins = maxColumns - exact
    for (let b = 0; b < bins; b++) {
      const from = exact + Math.floor((b * rest) / bins)
      const to = exact + Math.floor(((b + 1) * rest) / bins)
      if (to > from) plan.push(Array.from({ length: to - from }, (_, i) => from + i))
    }
  }
  const rankStart: number[] = []
  map.columns.reduce((s, c, i) => ((rankStart[i] = s), s + c.features), 0)
  const columns = plan.map((members) => {
    if (members.length === 1) return map.columns[members[0]]
    const first = members[0]
    const last = members[members.length - 1]
    const features = members.reduce((s, c) => s + map.columns[c].features, 0)
    return {
      label: `ranks ${rankStart[first] + 1}–${rankStart[last] + map.columns[last].features}`,
      features,
      kept: members.every((c) => map.columns[c].kept)
    }
  })
  const values = new Array<number>(outRows * columns.length).fill(0)
  let maxAbs = 0
  for (let r = 0; r < outRows; r++) {
    const r0 = r * group
    const r1 = Math.min(map.rows, r0 + group)
    plan.forEach((members, oc) => {
      let sum = 0
      let weight = 0
      for (let rr = r0; rr < r1; rr++)
        for (const c of members) {
          const f = map.columns[c].features
          sum += Math.abs(map.values[rr * cols + c]) * f
          weight += f
        }
      const v = weight > 0 ? sum / weight : 0
      values[r * columns.length + oc] = v
      if (v > maxAbs) maxAbs = v
    })
  }
  return { map: { columns, rows: outRows, values, maxAbs }, rowGroup: group }
}
