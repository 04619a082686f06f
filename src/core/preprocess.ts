// Optional preprocessing in the paper's order: x ← ln(|x|+1), centre per feature, scale per feature by the
// population sd (ddof 0, as scikit-learn's `scale`). Fitted parameters are returned so a run can store them
// and re-apply them. Sums are accumulated in float64; the matrix stays float32.
import { UserError } from './types'
import type { Histogram, PreprocessOptions, PreprocessParams } from './types'

function checkShape(X: ArrayLike<number>, n: number, d: number): void {
  if (!Number.isInteger(n) || n < 1 || !Number.isInteger(d) || d < 1) {
    throw new UserError('bad-shape', `The matrix needs at least one sample and one feature (got ${n} × ${d}).`)
  }
  if (X.length !== n * d) {
    throw new UserError('bad-shape', `The matrix has ${X.length} values, expected ${n} samples × ${d} features = ${n * d}.`)
  }
}

function logValue(x: number): number {
  // log1p is exact where ln(1 + |x|) would round 1 + |x| first.
  return Math.log1p(Math.abs(x))
}

/** Learn the per-feature mean (centre on) and population sd (scale on) of X after the optional log. */
export function fitPreprocess(X: Float32Array, n: number, d: number, opts: PreprocessOptions): PreprocessParams {
  checkShape(X, n, d)
  const params: PreprocessParams = { log: opts.log, center: opts.center, scale: opts.scale }
  if (!opts.center && !opts.scale) return params
  const mean = new Float64Array(d)
  const lo = new Float64Array(d).fill(Infinity)
  const hi = new Float64Array(d).fill(-Infinity)
  for (let i = 0; i < n; i++) {
    const row = i * d
    for (let j = 0; j < d; j++) {
      const x = opts.log ? logValue(X[row + j]) : X[row + j]
      mean[j] += x
      if (x < lo[j]) lo[j] = x
      if (x > hi[j]) hi[j] = x
    }
  }
  for (let j = 0; j < d; j++) mean[j] /= n
  for (let j = 0; j < d; j++) {
    if (!Number.isFinite(mean[j])) {
      throw new UserError('not-finite', `Feature ${j + 1} has a missing or infinite value; it cannot be centred or scaled.`)
    }
    // A constant feature: its mean is its value exactly, so centring gives exact zeros (a float sum would not).
    if (lo[j] === hi[j]) mean[j] = lo[j]
  }
  if (opts.center) params.mean = mean
  if (opts.scale) {
    // Two passes (mean, then squared deviations) as numpy's var: no catastrophic cancellation.
    const ss = new Float64Array(d)
    for (let i = 0; i < n; i++) {
      const row = i * d
      for (let j = 0; j < d; j++) {
        const x = X[row + j]
        const dev = (opts.log ? logValue(x) : x) - mean[j]
        ss[j] += dev * dev
      }
    }
    const sd = new Float64Array(d)
    // sd below 10·eps is rounding noise around a constant (scikit-learn's _handle_zeros_in_scale rule).
    for (let j = 0; j < d; j++) {
      const s = Math.sqrt(ss[j] / n)
      sd[j] = lo[j] === hi[j] || s < 10 * Number.EPSILON ? 0 : s
    }
    params.sd = sd
  }
  return params
}

/**
 * Apply fitted preprocessing to X (n × d, row-major); returns a new Float32Array.
 * A zero-sd feature is divided by 1 (scikit-learn's rule), so a centred constant feature becomes 0, never NaN.
 */
export function applyPreprocess(X: Float32Array, n: number, d: number, params: PreprocessParams): Float32Array {
  checkShape(X, n, d)
  const mean = params.center ? params.mean : undefined
  const sd = params.scale ? params.sd : undefined
  if (params.center && (!mean || mean.length !== d)) {
    throw new UserError('bad-preprocess', `Centring needs ${d} feature means; the stored parameters have ${mean ? mean.length : 'none'}.`)
  }
  if (params.scale && (!sd || sd.length !== d)) {
    throw new UserError('bad-preprocess', `Scaling needs ${d} feature sds; the stored parameters have ${sd ? sd.length : 'none'}.`)
  }
  const divisor = new Float64Array(d).fill(1)
  if (sd) for (let j = 0; j < d; j++) if (sd[j] > 0 && Number.isFinite(sd[j])) divisor[j] = sd[j]
  const out = new Float32Array(n * d)
  for (let i = 0; i < n; i++) {
    const row = i * d
    for (let j = 0; j < d; j++) {
      let x = X[row + j]
      if (params.log) x = logValue(x)
      if (mean) x -= mean[j]
      out[row + j] = x / divisor[j]
    }
  }
  return out
}

/**
 * Histogram of the finite values, numpy.histogram semantics: `bins` equal-width bins between min and max,
 * the last bin closed on the right; when every value is equal the range is value ± 0.5; no finite value → [0, 1].
 */
export function histogram(values: ArrayLike<number>, bins = 30): Histogram {
  if (!Number.isInteger(bins) || bins < 1) {
    throw new UserError('bad-bins', `The number of histogram bins must be a positive integer (got ${bins}).`)
  }
  let lo = Infinity
  let hi = -Infinity
  for (let i = 0; i < values.length; i++) {
    const v = values[i]
    if (!Number.isFinite(v)) continue
    if (v < lo) lo = v
    if (v > hi) hi = v
  }
  if (lo > hi) {
    lo = 0
    hi = 1
  } else if (lo === hi) {
    lo -= 0.5
    hi += 0.5
  }
  const edges: number[] = new Array(bins + 1)
  for (let b = 0; b <= bins; b++) edges[b] = lo + ((hi - lo) * b) / bins
  edges[bins] = hi
  const counts: number[] = new Array(bins).fill(0)
  const norm = bins / (hi - lo)
  for (let i = 0; i < values.length; i++) {
    const v = values[i]
    if (!Number.isFinite(v)) continue
    let b = Math.floor((v - lo) * norm)
    if (b >= bins) b = bins - 1
    if (b < 0) b = 0
    // Rounding can put a value one bin off its edges: correct against the edges themselves, as numpy does.
    if (v < edges[b] && b > 0) b--
    else if (b < bins - 1 && v >= edges[b + 1]) b++
    counts[b]++
  }
  return { edges, counts }
}
