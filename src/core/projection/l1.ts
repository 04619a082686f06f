// Euclidean projection onto the l1 ball { x : ‖x‖₁ ≤ η } (method.md, "Structured sparsity").
// projL1Sort is the textbook oracle (Duchi et al. 2008, O(n log n)); projL1 is Condat's 2016
// algorithm (O(n) expected), the one the bilevel projections run thousands of times per call.
// Both soft-threshold |v| by the τ ≥ 0 that brings ‖·‖₁ to η and restore the signs.

/** Scratch for Condat's candidate list, grown on demand and reused, so the hot path allocates nothing. */
let candidates: Float64Array = new Float64Array(1024)

function candidateBuffer(n: number): Float64Array {
  if (candidates.length < n) candidates = new Float64Array(Math.max(n, candidates.length * 2))
  return candidates
}

function checkEta(eta: number): void {
  if (Number.isNaN(eta)) throw new RangeError('the l1 radius η is NaN')
}

function outputFor(n: number, out: Float64Array | undefined): Float64Array {
  if (out === undefined) return new Float64Array(n)
  if (out.length !== n) throw new RangeError(`out has length ${out.length}, expected ${n}`)
  return out
}

function l1Norm(v: ArrayLike<number>): number {
  let s = 0
  for (let i = 0; i < v.length; i++) s += Math.abs(v[i])
  return s
}

function softThreshold(v: ArrayLike<number>, tau: number, out: Float64Array): Float64Array {
  for (let i = 0; i < v.length; i++) {
    const x = v[i]
    const a = Math.abs(x) - tau
    out[i] = a > 0 ? (x < 0 ? -a : a) : 0
  }
  return out
}

/**
 * The τ of the soft threshold that projects |v[offset .. offset+n)| onto the simplex of radius
 * eta > 0, by Condat's algorithm. Precondition: that slice has l1 norm > eta > 0 (so some
 * |v_i| > τ). The slice form lets the bilevel projections run it on columns without views.
 */
export function condatThreshold(v: ArrayLike<number>, eta: number, offset = 0, n = v.length - offset): number {
  const aux = candidateBuffer(n)
  // Pass 1: one sweep keeping a running τ over the candidates; a candidate that alone would give a
  // larger τ restarts the list (the earlier ones are kept aside for pass 2).
  let start = 0
  let len = 1
  let lenOld = -1
  let y = Math.abs(v[offset])
  aux[0] = y
  let tau = y - eta
  for (let i = 1; i < n; i++) {
    y = Math.abs(v[offset + i])
    if (y > tau) {
      aux[len] = y
      tau += (y - tau) / (len - lenOld)
      if (tau <= y - eta) {
        tau = y - eta
        lenOld = len - 1
      }
      len++
    }
  }
  // Pass 2: the set-aside values that still exceed τ rejoin the list (prepended in front of it).
  if (lenOld >= 0) {
    lenOld++
    len -= lenOld
    start = lenOld
    while (--lenOld >= 0) {
      y = aux[lenOld]
      if (y > tau) {
        aux[--start] = y
        len++
        tau += (y - tau) / len
      }
    }
  }
  // Pass 3: drop candidates ≤ τ until none is dropped; τ only increases, so this terminates.
  let last: number
  do {
    last = len - 1
    len = 0
    for (let i = 0; i <= last; i++) {
      y = aux[start + i]
      if (y > tau) aux[start + len++] = y
      else if (last - i + len > 0) tau += (tau - y) / (last - i + len)
      // else: η is below the rounding step of the largest |v_i| and every candidate rounds to τ;
      // the projection is zero to working precision.
    }
  } while (len <= last)
  return tau
}

/** The τ ≥ 0 with Σ max(|v_i| − τ, 0) = η; 0 when v is already inside the ball, +∞ when η ≤ 0. */
export function l1Threshold(v: ArrayLike<number>, eta: number): number {
  checkEta(eta)
  if (eta <= 0) return Infinity
  if (v.length === 0 || l1Norm(v) <= eta) return 0
  return Math.max(0, condatThreshold(v, eta))
}

/** Sort-based reference: sort |v| descending, the largest ρ with u_ρ > (Σ_{k≤ρ} u_k − η)/ρ fixes τ. */
export function l1ThresholdSort(v: ArrayLike<number>, eta: number): number {
  checkEta(eta)
  if (eta <= 0) return Infinity
  if (v.length === 0 || l1Norm(v) <= eta) return 0
  const u = Float64Array.from(v, Math.abs).sort().reverse()
  let cum = 0
  let tau = 0
  for (let k = 0; k < u.length; k++) {
    cum += u[k]
    const t = (cum - eta) / (k + 1)
    // k = 0 always qualifies (η > 0); the test could fail there only by rounding when η ≪ u[0].
    if (k === 0 || u[k] > t) tau = t
    else break
  }
  return Math.max(0, tau)
}

/** Oracle projection onto the l1 ball (sort-based). */
export function projL1Sort(v: ArrayLike<number>, eta: number, out?: Float64Array): Float64Array {
  const o = outputFor(v.length, out)
  const tau = l1ThresholdSort(v, eta)
  if (tau === Infinity) return o.fill(0)
  if (tau === 0) {
    for (let i = 0; i < v.length; i++) o[i] = v[i]
    return o
  }
  return softThreshold(v, tau, o)
}

/**
 * Projection onto the l1 ball of radius eta (Condat 2016). v itself (copied) when ‖v‖₁ ≤ eta;
 * all zeros when eta ≤ 0. out may be v's own buffer when v is a Float64Array.
 */
export function projL1(v: ArrayLike<number>, eta: number, out?: Float64Array): Float64Array {
  const o = outputFor(v.length, out)
  const tau = l1Threshold(v, eta)
  if (tau === Infinity) return o.fill(0)
  if (tau === 0) {
    if (o !== v) for (let i = 0; i < v.length; i++) o[i] = v[i]
    return o
  }
  return softThreshold(v, tau, o)
}
