// Text formatting shared by the run page, Compare and the report (display only, no science).
import type { MethodName, RunConfig } from '../../core/types'
import type { RunDetail } from '../api'
import { METHOD_ORDER } from './palette'

export function fmtNumber(x: number | null | undefined, digits = 3): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—'
  if (x !== 0 && (Math.abs(x) < 1e-3 || Math.abs(x) >= 1e5)) return x.toExponential(2)
  return Number(x.toFixed(digits)).toString()
}

export function fmtPercent(x: number | null | undefined, digits = 1): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '—'
  return `${(x * 100).toFixed(digits)} %`
}

export function fmtSeconds(s: number | null | undefined): string {
  if (s === null || s === undefined || !Number.isFinite(s)) return '—'
  if (s < 1) return `${Math.round(s * 1000)} ms`
  if (s < 120) return `${s.toFixed(1)} s`
  const m = Math.floor(s / 60)
  return `${m} min ${Math.round(s - m * 60)} s`
}

/** HTML-escape text that goes into tooltips or the report. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)
}

/** The methods a run has, in the fixed display order. */
export function runMethods(detail: Pick<RunDetail, 'methods'>): MethodName[] {
  return METHOD_ORDER.filter((m) => detail.methods[m])
}

export interface SettingRow {
  key: string
  value: string
}

/** A run's configuration as readable rows (what a methods section of a paper needs). */
export function settingsRows(config: RunConfig): SettingRow[] {
  const n = config.network
  const g = config.graph
  const split =
    config.split.mode === 'hidden'
      ? `benchmark: hide ${fmtPercent(config.split.fraction, 0)} of known labels (stratified, seed ${config.split.seed})`
      : 'labels as given in the file'
  const rows: SettingRow[] = [
    { key: 'Methods', value: config.methods.join(', ') },
    { key: 'Preprocessing', value: preprocessText(config.preprocess) },
    { key: 'Labels', value: split },
    { key: 'Seed', value: String(config.seed) },
    { key: 'Backend (asked)', value: config.backend },
    {
      key: 'Sparsity',
      value: n.targetFeatures !== undefined ? `target ${n.targetFeatures} features` : `η = ${fmtNumber(n.eta ?? NaN)}`
    },
    { key: 'Projection', value: n.projection },
    { key: 'Epochs per descent', value: String(n.epochs) },
    { key: 'Batch size', value: String(n.batchSize) },
    { key: 'Learning rate', value: String(n.lr) },
    { key: 'λ (reconstruction weight)', value: String(n.lambda) },
    { key: 'Hidden units', value: String(n.hidden) },
    {
      key: 'Graph (LabelProp/Spread)',
      value: `${g.kernel}${g.kernel === 'knn' ? `, k = ${g.neighbors}` : `, γ = ${g.gamma}`}, ${g.fit}`
    }
  ]
  if (config.import.label) rows.push({ key: 'Label column', value: config.import.label })
  if (config.import.unlabelledValue !== undefined)
    rows.push({ key: 'Unlabelled value', value: config.import.unlabelledValue })
  return rows
}

function preprocessText(p: RunConfig['preprocess']): string {
  const steps = [p.log ? 'ln(|x|+1)' : null, p.center ? 'centre' : null, p.scale ? 'scale to unit sd' : null].filter(
    (s): s is string => s !== null
  )
  return steps.length ? steps.join(' → ') : 'none'
}
