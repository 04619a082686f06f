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

export function buildWeightMapOption(map: WeightMap, opts: { static?: boolean; title?: string } = {}): EChartsOption {
  const cells = weightMapCells(map)
  const labels = map.columns.map((c) => c.label)
  const kept = map.columns.filter((c) => c.kept).length
  const totalFeatures = map.columns.reduce((s, c) => s + c.features, 0)
  return {
    animation: false,
    title: opts.title ? { text: opts.title, left: 'center', textStyle: { fontSize: 14 } } : undefined,
    grid: { left: 60, right: 90, top: opts.title ? 40 : 16, bottom: 56 },
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
      data: Array.from({ length: map.rows }, (_, r) => String(r + 1)),
      name: 'hidden neuron',
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
      calculable: !opts.static,
      orient: 'vertical',
      right: 8,
      top: 'middle',
      itemHeight: 160,
      text: ['|w| high', 'low'],
      formatter: (v: unknown) => `1e${Number(v).toFixed(1)}`,
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
            return `${what}<br/>neuron ${q.value[1] + 1}: |w| = ${fmtNumber(10 ** q.value[2], 4)}`
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
