// Training curves: loss per epoch for both descents (SSAE) or the one descent (FCNN).
import type { EChartsOption, LineSeriesOption } from 'echarts'
import type { EpochLoss } from '../../core/types'
import type { MethodDetail } from '../api'
import { emptyOption } from './latent'
import { METHOD_LABELS } from './palette'

const PARTS = [
  { key: 'total', name: 'total', color: '#212121' },
  { key: 'classification', name: 'classification (CE)', color: '#0072B2' },
  { key: 'reconstruction', name: 'reconstruction (SmoothL1)', color: '#E69F00' }
] as const

export function buildLossOption(method: MethodDetail, opts: { logY?: boolean; static?: boolean; title?: string } = {}): EChartsOption {
  const losses: EpochLoss[] = method.losses ?? []
  const title = opts.title ?? `${METHOD_LABELS[method.method]} training loss`
  if (!losses.length) return emptyOption(title, 'No losses recorded for this method.')
  const d1 = losses.filter((l) => l.descent === 1)
  const d1Epochs = d1.length ? Math.max(...d1.map((l) => l.epoch)) : 0
  // Both descents on one axis: the jump back up after the rewind is the double descent.
  const x = (l: EpochLoss): number => (l.descent === 2 ? d1Epochs + l.epoch : l.epoch)
  const hasRecon = losses.some((l) => l.reconstruction > 0)
  const value = (v: number): number | null => (opts.logY && !(v > 0) ? null : v)
  const series: LineSeriesOption[] = PARTS.filter((p) => p.key !== 'reconstruction' || hasRecon).map((p) => ({
    type: 'line',
    name: p.name,
    symbol: losses.length > 60 ? 'none' : 'circle',
    symbolSize: 4,
    data: losses.map((l) => [x(l), value(l[p.key])]),
    lineStyle: { width: p.key === 'total' ? 2 : 1.5, color: p.color },
    itemStyle: { color: p.color },
    connectNulls: false,
    animation: false
  }))
  const twoDescents = losses.some((l) => l.descent === 2) && d1Epochs > 0
  if (twoDescents)
    series[0].markLine = {
      silent: true,
      symbol: 'none',
      lineStyle: { color: '#757575', type: 'dashed' },
      label: { formatter: 'projection + rewind', position: 'insideEndTop', fontSize: 10 },
      data: [{ xAxis: d1Epochs + 0.5 }]
    }
  return {
    animation: false,
    title: { text: title, left: 'center', textStyle: { fontSize: 14 } },
    legend: { bottom: 0 },
    grid: { left: 64, right: 24, top: 40, bottom: 60 },
    xAxis: {
      type: 'value',
      name: twoDescents ? 'epoch (descent 1, then descent 2)' : 'epoch',
      nameLocation: 'middle',
      nameGap: 26,
      minInterval: 1,
      min: 1
    },
    yAxis: { type: opts.logY ? 'log' : 'value', name: 'loss (summed over the batch)', nameGap: 12, scale: !opts.logY },
    tooltip: opts.static ? undefined : { trigger: 'axis' },
    series
  }
}
