// Looks at the values and advises on preprocessing (log, centre, scale), with reasons a biologist can check.
import type { PreprocessOptions } from '../types'

const SAMPLE_CAP = 200_000

function fmt(x: number): string {
  if (x === 0) return '0'
  const a = Math.abs(x)
  if (a >= 1e5 || a < 1e-3) return x.toExponential(1).replace('e+', 'e')
  return Number(x.toPrecision(3)).toString()
}

/** Quantile of sorted values (linear interpolation). */
function quantile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return NaN
  const pos = (sorted.length - 1) * q
  const lo = Math.floor(pos)
  const hi = Math.min(sorted.length - 1, lo + 1)
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo)
}

/**
 * Advice for X (n × d, row-major; NaN = missing, ignored).
 * - negative values → no log: ln(|x|+1) folds −a and +a together;
 * - all values in a log-like range (max ≤ 30) → no log;
 * - positive values spanning ≥ 2 orders of magnitude → log;
 * - centre + scale unless every feature already has mean ≈ 0 and sd ≈ 1.
 */
export function recommendPreprocess(X: Float32Array, n: number, d: number): { preprocess: PreprocessOptions; reasons: string[] } {
  if (!Number.isInteger(n) || !Number.isInteger(d) || n < 0 || d < 0 || X.length < n * d) {
    throw new RangeError(`recommendPreprocess: X has ${X.length} values, expected n × d = ${n} × ${d}.`)
  }
  const reasons: string[] = []
  let min = Infinity
  let max = -Infinity
  let negatives = 0
  let observed = 0
  const mean = new Float64Array(d)
  const count = new Int32Array(d)
  for (let i = 0; i < n; i++) {
    const row = i * d
    for (let j = 0; j < d; j++) {
      const v = X[row + j]
      if (v !== v) continue
      if (v < min) min = v
      if (v > max) max = v
      if (v < 0) negatives++
      mean[j] += v
      count[j]++
      observed++
    }
  }
  if (observed === 0) {
    return { preprocess: { log: false, center: false, scale: false }, reasons: ['There are no values to look at.'] }
  }
  for (let j = 0; j < d; j++) mean[j] = count[j] > 0 ? mean[j] / count[j] : 0
  const sq = new Float64Array(d)
  for (let i = 0; i < n; i++) {
    const row = i * d
    for (let j = 0; j < d; j++) {
      const v = X[row + j]
      if (v === v) sq[j] += (v - mean[j]) * (v - mean[j])
    }
  }
  let standardised = 0
  let constant = 0
  let featuresSeen = 0
  for (let j = 0; j < d; j++) {
    if (count[j] === 0) continue
    featuresSeen++
    const sd = Math.sqrt(sq[j] / count[j])
    if (sd === 0) constant++
    const spread = Math.max(sd, 1e-12)
    if (Math.abs(mean[j]) <= 0.1 && Math.abs(sd - 1) <= 0.1) standardised++
    else if (sd === 0 && Math.abs(mean[j]) <= 0.1 * spread) standardised++
  }
  const alreadyStandardised = featuresSeen > 0 && standardised >= 0.95 * featuresSeen

  // Pooled percentiles from an evenly spaced sample of the values (deterministic).
  const step = Math.max(1, Math.floor((n * d) / SAMPLE_CAP))
  const sample: number[] = []
  for (let k = 0; k < n * d; k += step) if (X[k] === X[k]) sample.push(X[k])
  const sorted = Float64Array.from(sample).sort()
  const p1 = quantile(sorted, 0.01)
  const p99 = quantile(sorted, 0.99)

  let log = false
  if (negatives > 0) {
    const share = (100 * negatives) / observed
    reasons.push(`Some values are negative (${share < 1 ? 'under 1' : Math.round(share)} % of them, down to ${fmt(min)}): the data look already log-transformed, log-ratios or standardised. Log is not recommended: ln(|x|+1) would fold negative values onto positive ones and lose information.`)
  } else if (max <= 30) {
    const kind = max <= 1 ? 'of proportions or fractions' : 'of data already on a log scale (such as log2 intensities)'
    reasons.push(`All values lie between ${fmt(min)} and ${fmt(max)}, the range ${kind}. A log is not recommended.`)
  } else {
    const decades = Math.log10((p99 + 1) / (p1 + 1))
    if (decades >= 2) {
      log = true
      reasons.push(`Values go from ${fmt(min)} to ${fmt(max)} and span about ${Math.round(decades)} orders of magnitude (1st–99th percentile ${fmt(p1)} to ${fmt(p99)}), typical of raw intensities or counts. Log is recommended: ln(x+1) brings large and small values to a comparable scale.`)
    } else {
      reasons.push(`Values are positive and span less than 100-fold (1st–99th percentile ${fmt(p1)} to ${fmt(p99)}). Log is not needed.`)
    }
  }
  if (alreadyStandardised && !log) {
    reasons.push('Every feature already has mean ≈ 0 and standard deviation ≈ 1 (standardised data): no further centring or scaling is needed.')
  } else {
    reasons.push('Centre and scale each feature (mean 0, standard deviation 1) so that every feature counts equally, whatever its unit or abundance.')
  }
  if (constant > 0) {
    reasons.push(`${constant} feature${constant === 1 ? ' has' : 's have'} the same value in every sample; ${constant === 1 ? 'it carries' : 'they carry'} no information and will be 0 after centring.`)
  }
  const scale = !(alreadyStandardised && !log)
  return { preprocess: { log, center: scale, scale }, reasons }
}
