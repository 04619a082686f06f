import type { Dataset } from '../types'

/** Class index per sample into ds.classes; -1 for an unlabelled sample. */
export function classIndices(ds: Dataset): Int32Array {
  const index = new Map<string, number>()
  ds.classes.forEach((c, k) => index.set(c, k))
  const out = new Int32Array(ds.nSamples)
  for (let i = 0; i < ds.nSamples; i++) {
    const label = ds.labels[i]
    out[i] = label === null ? -1 : index.get(label) ?? -1
  }
  return out
}
