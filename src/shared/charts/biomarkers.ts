// The selected features (biomarkers) ranked by first-layer column norm: a top-N bar chart.
import type { EChartsOption } from 'echarts'
import { escapeHtml, fmtNumber } from './format'
import { CLASS_COLORS } from './palette'

export interface RankedFeature {
  feature: string
  norm: number
}

export function buildBiomarkerBarOption(
  features: RankedFeature[],
  opts: { topN?: number; static?: boolean; title?: string } = {}
): EChartsOption {
  const top = [...features].sort((a, b) => b.norm - a.norm).slice(0, opts.topN ?? 20)
  return {
    animation: false,
    title: opts.title ? { text: opts.title, left: 'center', textStyle: { fontSize: 14 } } : undefined,
    grid: { left: 8, right: 48, top: opts.title ? 40 : 16, bottom: 32, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    xAxis: { type: 'value', name: 'weight norm', nameLocation: 'middle', nameGap: 24, splitLine: { lineStyle: { opacity: 0.4 } } },
    yAxis: {
      type: 'category',
      inverse: true,
      data: top.map((f) => f.feature),
      axisLabel: { width: 160, overflow: 'truncate' },
      axisTick: { show: false }
    },
    tooltip: opts.static
      ? undefined
      : {
          trigger: 'item',
          formatter: (p: unknown) => {
            const q = p as { name: string; value: number; dataIndex: number }
            return `#${q.dataIndex + 1} <b>${escapeHtml(q.name)}</b><br/>norm ${fmtNumber(q.value, 4)}`
          }
        },
    series: [
      {
        type: 'bar',
        data: top.map((f) => f.norm),
        itemStyle: { color: CLASS_COLORS[0] },
        barMaxWidth: 18,
        label: { show: top.length <= 30, position: 'right', formatter: (p: { value: unknown }) => fmtNumber(Number(p.value), 3), fontSize: 10 }
      }
    ]
  }
}

/** Height that gives each bar room to read its label. */
export function biomarkerChartHeight(n: number, topN = 20): number {
  return 80 + Math.max(1, Math.min(n, topN)) * 20
}
