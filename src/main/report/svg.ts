// Server-side rendering of a figure to an inline SVG string (ECharts SSR): no DOM, no canvas, no script.
import * as echarts from 'echarts/core'
import { BarChart, HeatmapChart, LineChart, ScatterChart } from 'echarts/charts'
import { GridComponent, LegendComponent, MarkLineComponent, TitleComponent, VisualMapComponent } from 'echarts/components'
import { SVGRenderer } from 'echarts/renderers'
import type { EChartsOption } from 'echarts'

echarts.use([
  SVGRenderer,
  ScatterChart,
  LineChart,
  BarChart,
  HeatmapChart,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TitleComponent,
  VisualMapComponent
])

export const echartsVersion: string = echarts.version

export function renderSvg(option: EChartsOption, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height })
  try {
    // Keys present but undefined (a static option's tooltip, dataZoom …) would make ECharts look for components.
    const defined = Object.fromEntries(Object.entries(option).filter(([, v]) => v !== undefined))
    chart.setOption({ ...defined, animation: false, backgroundColor: '#ffffff' })
    // Inline SVG in HTML needs no namespace declarations; dropping them keeps the report free of URLs.
    return chart.renderToSVGString().replace(/\s+xmlns(:\w+)?="[^"]*"/g, '')
  } finally {
    chart.dispose()
  }
}
