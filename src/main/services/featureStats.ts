// The selected features' per-class means of the preprocessed values, over the samples whose truth is known.

import { applyPreprocess } from '../../core/preprocess'
import type { Dataset, PreprocessParams, SelectedFeature } from '../../core/types'
import type { FeatureStats } from '../../shared/api'

export function buildFeatureStats(
  dataset: Dataset,
  preprocess: PreprocessParams,
  yTrue: Int32Array,
  k: number,
  selected: SelectedFeature[]
): FeatureStats[] {
  const { nSamples: n, nFeatures: d, X } = dataset
  const s = selected.length
  if (s === 0) return []
  // Only the selected columns, preprocessed by core itself with the run's stored parameters.
  const sub = new Float32Array(n * s)
  for (let i = 0; i < n; i++) for (let c = 0; c < s; c++) sub[i * s + c] = X[i * d + selected[c].index]
  const params: PreprocessParams = { log: preprocess.log, center: preprocess.center, scale: preprocess.scale }
  if (preprocess.mean) params.mean = Float64Array.from(selected, (f) => preprocess.mean![f.index])
  if (preprocess.sd) params.sd = Float64Array.from(selected, (f) => preprocess.sd![f.index])
  const values = preprocess.log || preprocess.center || preprocess.scale ? applyPreprocess(sub, n, s, params) : sub
  return selected.map((f, c) => {
    const sums = new Float64Array(k)
    const counts = new Float64Array(k)
    for (let i = 0; i < n; i++) {
      const y = yTrue[i]
      if (y < 0 || y >= k) continue
      sums[y] += values[i * s + c]
      counts[y]++
    }
    return {
      feature: f.feature,
      rank: c + 1,
      norm: f.norm,
      // A class without known samples has no mean: 0 keeps the output free of NaN.
      classMeans: Array.from(sums, (sum, y) => (counts[y] > 0 ? sum / counts[y] : 0))
    }
  })
}
