// The first-layer weight heat map for display: features sorted by column norm (descending); the kept
// features as exact columns, the rest averaged into bins so the map has at most maxColumns columns.

import type { SelectedFeature } from '../../core/types'
import type { WeightMap } from '../../shared/api'

export function columnNorms(w: Float32Array, rows: number, cols: number): Float64Array {
  const norms = new Float64Array(cols)
  for (let i = 0; i < rows; i++) {
    const base = i * cols
    for (let j = 0; j < cols; j++) norms[j] += w[base + j] * w[base + j]
  }
  for (let j = 0; j < cols; j++) norms[j] = Math.sqrt(norms[j])
  return norms
}

interface Column {
  label: string
  features: number[]
  kept: boolean
}

/** Splits `order` into at most `bins` contiguous groups of near-equal size. */
function binned(order: number[], bins: number, kept: boolean, names: string[], firstRank: number): Column[] {
  const out: Column[] = []
  const n = order.length
  const b = Math.min(bins, n)
  for (let c = 0; c < b; c++) {
    const from = Math.floor((c * n) / b)
    const to = Math.floor(((c + 1) * n) / b)
    const features = order.slice(from, to)
    const label = features.length === 1 ? names[features[0]] : `#${firstRank + from}–${firstRank + to - 1} (${features.length} features)`
    out.push({ label, features, kept })
  }
  return out
}

export function buildWeightMap(
  w: Float32Array,
  rows: number,
  cols: number,
  featureNames: string[],
  selected: SelectedFeature[] | undefined,
  maxColumns = 400
): WeightMap {
  if (!Number.isInteger(maxColumns) || maxColumns < 1) throw new RangeError(`maxColumns must be a positive integer, got ${maxColumns}`)
  const norms = columnNorms(w, rows, cols)
  const keptSet = new Set((selected ?? []).map((s) => s.index))
  const byNorm = (a: number, b: number) => norms[b] - norms[a] || a - b
  const kept = [...keptSet].filter((j) => j >= 0 && j < cols).sort(byNorm)
  const dropped: number[] = []
  for (let j = 0; j < cols; j++) if (!keptSet.has(j)) dropped.push(j)
  dropped.sort(byNorm)

  let columns: Column[]
  if (kept.length + dropped.length <= maxColumns) {
    columns = [...kept, ...dropped].map((j) => ({ label: featureNames[j] ?? `feature ${j}`, features: [j], kept: keptSet.has(j) }))
  } else if (kept.length < maxColumns) {
    const exact = kept.map((j) => ({ label: featureNames[j] ?? `feature ${j}`, features: [j], kept: true }))
    columns = [...exact, ...binned(dropped, maxColumns - kept.length, false, featureNames, kept.length + 1)]
  } else {
    // More kept features than columns: bin the kept ones too (at least one bin left for the rest).
    const keptBins = dropped.length > 0 ? maxColumns - 1 : maxColumns
    columns = [...binned(kept, keptBins, true, featureNames, 1), ...binned(dropped, maxColumns - keptBins, false, featureNames, kept.length + 1)]
  }

  const values = new Array<number>(rows * columns.length)
  let maxAbs = 0
  for (let i = 0; i < rows; i++) {
    const base = i * cols
    for (let c = 0; c < columns.length; c++) {
      const f = columns[c].features
      let s = 0
      for (const j of f) s += Math.abs(w[base + j])
      const v = s / f.length
      values[i * columns.length + c] = v
      if (v > maxAbs) maxAbs = v
    }
  }
  return { columns: columns.map((c) => ({ label: c.label, features: c.features.length, kept: c.kept })), rows, values, maxAbs }
}
