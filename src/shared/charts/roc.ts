// ROC curves of every method on one chart (benchmark mode: only where true labels are known).
import type { EChartsOption, LineSeriesOption } from 'echarts'
import type { RunDetail } from '../api'
import { fmtNumber, runMethods } from './format'
import { emptyOption } from './latent'
import { CLASS_COLORS, METHOD_LABELS } from './palette'

const DASHES = ['solid', 'dashed', 'dotted'] as const

export function hasRoc(detail: RunDetail): boolean {
  return runMethods(detail).some((m) => (detail.methods[m]?.roc ?? []).length > 0)
}

export function buildRocOption(detail: RunDetail, opts: { static?: boolean; title?: string } = {}): EChartsOption {
  const title = opts.title ?? 'ROC curves'
  if (!hasRoc(detail)) return emptyOption(title, 'No true labels for the predicted samples: no ROC curve.')
  const series: LineSeriesOption[] = []
  runMethods(detail).forEach((m, mi) => {
    const curves = detail.methods[m]?.roc ?? []
    curves.forEach((c, ci) => {
      const cls = curves.length > 1 ? ` · ${detail.classes[c.cls] ?? c.cls} vs rest` : ''
      series.push({
        type: 'line',
        name: `${METHOD_LABELS[m]}${cls} (AUC ${fmtNumber(c.auc, 3)})`,
        data: c.fpr.map((f, i) => [f, c.tpr[i]]),
        symbol: 'none',
        step: false,
        lineStyle: { width: 2, color: CLASS_COLORS[mi % CLASS_COLORS.length], type: DASHES[ci % DASHES.length] },
        itemStyle: { color: CLASS_COLORS[mi % CLASS_COLORS.length] },
        animation: false
      })
    })
  })
  series.push({
    type: 'line',
    name: 'chance',
    data: [
      [0, 0],
      [1, 1]
    ],
    symbol: 'none',
    lineStyle: { color: '#9e9e9e', type: 'dashed', width: 1 },
    itemStyle: { color: '#9e9e9e' },
    tooltip: { show: false },
    animation: false
  })
  return {
    animation: false,
    title: { text: title, left: 'center', textStyle: { fontSize: 14 } },
    legend: { type: opts.static ? 'plain' : 'scroll', orient: 'vertical', right: 8, top: 40 },
    grid: { left: 56, right: 240, top: 40, bottom: 48 },
    xAxis: { type: 'value', min: 0, max: 1, name: 'false positive rate', nameLocation: 'middle', nameGap: 26 },
    yAxis: { type: 'value', min: 0, max: 1, name: 'true positive rate', nameLocation: 'middle', nameGap: 36 },
    tooltip: opts.static ? undefined : { trigger: 'item' },
    series
  }
}
