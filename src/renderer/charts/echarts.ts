// ECharts for the results views, tree-shaken: the charts and components the figure builders in
// src/shared/charts use, the canvas renderer for the screen and the SVG renderer for SVG export.
import * as echarts from 'echarts/core'
import { BarChart, HeatmapChart, LineChart, ScatterChart } from 'echarts/charts'
import {
  BrushComponent,
  DataZoomComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TitleComponent,
  ToolboxComponent,
  TooltipComponent,
  VisualMapComponent
} from 'echarts/components'
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers'

echarts.use([
  ScatterChart,
  LineChart,
  BarChart,
  HeatmapChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  DataZoomComponent,
  BrushComponent,
  VisualMapComponent,
  ToolboxComponent,
  TitleComponent,
  MarkLineComponent,
  CanvasRenderer,
  SVGRenderer
])

export { echarts }
export type ChartInstance = echarts.EChartsType
