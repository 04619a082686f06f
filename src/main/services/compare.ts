// Two or more runs side by side: every setting (flattened to dotted keys) with a flag when it differs,
// metrics per method, and the overlap of the SSAE's selected features.

import { ALL_METHODS, type Metrics, type MethodName, type RunConfig } from '../../core/types'
import type { Comparison, RunSummary } from '../../shared/api'

export interface CompareInput {
  summary: RunSummary
  config: RunConfig
  metrics: Partial<Record<MethodName, Metrics | null>>
  /** SSAE's selected feature names; empty when the run has no SSAE result. */
  selected: string[]
}

/** { network: { eta: 10 } } → { 'network.eta': '10' }; arrays are joined ("ssae, labelprop"). */
export function flattenSettings(value: unknown, prefix = '', out: Record<string, string> = {}): Record<string, string> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (v === undefined) continue
      flattenSettings(v, prefix ? `${prefix}.${k}` : k, out)
    }
  } else if (Array.isArray(value)) {
    out[prefix] = value.map(String).join(', ')
  } else {
    out[prefix] = value === null ? '' : String(value)
  }
  return out
}

export function jaccard(a: Set<string>, b: Set<string>): number {
  let inter = 0
  for (const x of a) if (b.has(x)) inter++
  const union = a.size + b.size - inter
  // Two empty sets are identical: 1 (the usual convention), so the diagonal is always 1.
  return union === 0 ? 1 : inter / union
}

export function compareRuns(inputs: CompareInput[]): Comparison {
  const flat = inputs.map((r) => ({ dataset: r.summary.datasetName, ...flattenSettings(r.config) }) as Record<string, string>)
  const keys: string[] = []
  for (const f of flat) for (const k of Object.keys(f)) if (!keys.includes(k)) keys.push(k)
  const settings = keys.map((key) => {
    const values = flat.map((f) => f[key] ?? '')
    return { key, values, differs: values.some((v) => v !== values[0]) }
  })

  const methods = ALL_METHODS.filter((m) => inputs.some((r) => m in r.metrics))
  const metrics = methods.map((method) => ({ method, values: inputs.map((r) => r.metrics[method] ?? null) }))

  const sets = inputs.map((r) => new Set(r.selected))
  const jac = sets.map((a) => sets.map((b) => jaccard(a, b)))
  const shared = inputs[0].selected.filter((f) => sets.every((s) => s.has(f)))
  const exclusive = inputs.map((r, i) => r.selected.filter((f) => sets.every((s, j) => j === i || !s.has(f))))
  return {
    runs: inputs.map((r) => r.summary),
    settings,
    metrics,
    features: { perRun: sets.map((s) => s.size), jaccard: jac, shared, exclusive }
  }
}
