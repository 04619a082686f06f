// Colours and names every figure shares, so a class has the same colour on the run page, in Compare
// and in the HTML report.
import type { MethodName, SampleRole } from '../../core/types'

/** Colour-blind-friendly (Okabe–Ito), then a few extra for many classes. */
export const CLASS_COLORS = [
  '#0072B2', '#E69F00', '#009E73', '#CC79A7', '#D55E00', '#56B4E9', '#F0E442', '#000000',
  '#8C564B', '#7F7F7F', '#BCBD22', '#17BECF'
]
export const UNKNOWN_COLOR = '#9E9E9E'

export function classColor(index: number): string {
  return index < 0 ? UNKNOWN_COLOR : CLASS_COLORS[index % CLASS_COLORS.length]
}

export const METHOD_LABELS: Record<MethodName, string> = {
  ssae: 'SSAE',
  fcnn: 'FCNN',
  labelprop: 'LabelPropagation',
  labelspread: 'LabelSpreading'
}

export const METHOD_ORDER: MethodName[] = ['ssae', 'fcnn', 'labelprop', 'labelspread']

/** Marker per sample role: what the model trained on is a plain circle, the rest stand out. */
export const ROLE_SYMBOLS: Record<SampleRole, string> = {
  labelled: 'circle',
  hidden: 'diamond',
  unlabelled: 'triangle'
}

export const ROLE_LABELS: Record<SampleRole, string> = {
  labelled: 'labelled',
  hidden: 'hidden (benchmark)',
  unlabelled: 'unlabelled'
}

/** Viridis stops, low → high; distinct from the white of a zero weight. */
export const SEQUENTIAL = ['#440154', '#414487', '#2A788E', '#22A884', '#7AD151', '#FDE725']
