// A figure as an image file: the same option re-rendered offscreen in the light theme on white, with the
// canvas renderer for PNG (2× pixels) or the SVG renderer for SVG, so exports look the same whatever the
// screen's theme and never include the interactive toolbox.
import type { EChartsOption } from 'echarts'
import { echarts } from './echarts'
import { dataUrlToBlob } from './download'

export function renderFigure(option: EChartsOption, type: 'png' | 'svg', width: number, height: number): Blob {
  const host = document.createElement('div')
  host.style.cssText = `position:fixed;left:-20000px;top:0;width:${width}px;height:${height}px;`
  document.body.appendChild(host)
  const chart = echarts.init(host, undefined, { renderer: type === 'svg' ? 'svg' : 'canvas', width, height })
  try {
    chart.setOption({ ...option, toolbox: { show: false }, animation: false, backgroundColor: '#ffffff' })
    if (type === 'svg') return new Blob([chart.renderToSVGString()], { type: 'image/svg+xml' })
    return dataUrlToBlob(chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#ffffff' }))
  } finally {
    chart.dispose()
    host.remove()
  }
}
