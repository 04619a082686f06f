// A stored run as the renderer shows it: typed arrays turned into plain arrays, names attached.

import { differencesFromPaper } from '../../core/config'
import type { MethodName, MethodResult, RunResult } from '../../core/types'
import type { DatasetSummary, MethodDetail, RunDetail } from '../../shared/api'
import type { DatasetNames } from '../store/datasetsRepo'
import { toRunSummary, type RunRow } from '../store/runsRepo'

function rowsOf(a: Float32Array, n: number): number[][] {
  const k = n > 0 ? a.length / n : 0
  const out: number[][] = new Array(n)
  for (let i = 0; i < n; i++) out[i] = Array.from(a.subarray(i * k, (i + 1) * k))
  return out
}

export function methodDetail(m: MethodResult, n: number): MethodDetail {
  const d: MethodDetail = {
    method: m.method,
    seconds: m.seconds,
    metrics: m.metrics,
    roc: m.roc ?? null,
    predicted: Array.from(m.predicted),
    proba: rowsOf(m.proba, n)
  }
  if (m.backend) d.backend = m.backend
  if (m.losses) d.losses = m.losses
  if (m.latent) d.latent = rowsOf(m.latent, n)
  if (m.eta !== undefined) d.eta = m.eta
  if (m.etaRequested !== undefined) d.etaRequested = m.etaRequested
  if (m.targetFeatures !== undefined) d.targetFeatures = m.targetFeatures
  if (m.selected) d.selected = m.selected
  if (m.maskDensity !== undefined) d.maskDensity = m.maskDensity
  if (m.descent1) d.descent1 = m.descent1
  if (m.graph) d.graph = m.graph
  if (m.warnings) d.warnings = m.warnings
  return d
}

export function buildRunDetail(row: RunRow, dataset: DatasetSummary, names: DatasetNames, result: RunResult | null): RunDetail {
  const n = names.sampleIds.length
  const methods: RunDetail['methods'] = {}
  if (result) for (const [name, m] of Object.entries(result.methods) as [MethodName, MethodResult][]) methods[name] = methodDetail(m, n)
  const config = result?.config ?? row.config
  return {
    summary: toRunSummary(row),
    config,
    dataset,
    classes: result?.classes ?? names.classes,
    sampleIds: names.sampleIds,
    roles: result ? result.split.role : [],
    yTrue: result ? Array.from(result.split.yTrue) : [],
    methods,
    differsFromPaper: differencesFromPaper(config),
    appVersion: row.appVersion,
    datasetHash: dataset.hash
  }
}
