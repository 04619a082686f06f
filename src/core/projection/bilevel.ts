// Bilevel projections of the first-layer weights (method.md, "Structured sparsity").
// W is h × d row-major (PyTorch layout): column j = W[i*d + j], i = 0..h−1, holds the weights
// leaving input feature j. Each projection first shares the budget η between columns by projecting
// a per-column statistic onto the l1 ball (t = projL1(stat, η)); a column with t_j = 0 becomes
// exactly zero, i.e. its input feature is dropped. Then each column is brought within its budget:
//   l11   : stat = ‖col‖₁,   col ← projL1(col, t_j)          (the paper's projection)
//   l21   : stat = ‖col‖₂,   col ← col · t_j / ‖col‖₂        (group-lasso ball projection)
//   l1inf : stat = ‖col‖_∞, col ← clip(col, −t_j, t_j)      (Barlaud's bilevel l1,∞)
// Traversals are row-major (columns are strided); l11 gathers blocks of columns into scratch so
// Condat's algorithm reads them contiguously. Sums run in float64 whatever the storage type.

import type { ProjectionKind } from '../types'
import { UserError } from '../types'
import { condatThreshold, projL1 } from './l1'

export type Weights = Float32Array | Float64Array

export interface ProjectionResult<T extends Weights = Float32Array> {
  /** The projected weights, h × d row-major, same storage type as the input. */
  W: T
  /** Feature (column) indices whose projected column is not all zero, ascending. */
  kept: Int32Array
  /** Per-column budget t_j (the projection of the column statistics onto the l1 ball of radius η). */
  radius: Float64Array
}

/** Mask threshold of the double descent: |w| ≥ 1e-4 is kept (method.md). */
export const MASK_THRESHOLD = 1e-4

/** Columns gathered per block by projL11: 64 × h float64 stays in L2 for h in the hundreds. */
const BLOCK = 64
const blockColumns = new Int32Array(BLOCK)

// Scratch reused across calls (module-level: these are plain synchronous functions).
let statScratch: Float64Array = new Float64Array(0)
let colParam: Float64Array = new Float64Array(0)
let blockScratch: Float64Array = new Float64Array(0)
let nonZero = new Uint8Array(0)
let activeScratch = new Int32Array(0)

function f64(buf: Float64Array, n: number): Float64Array {
  return buf.length >= n ? buf : new Float64Array(n)
}

function checkShape(W: ArrayLike<number>, h: number, d: number): void {
  if (!Number.isInteger(h) || h < 1 || !Number.isInteger(d) || d < 1)
    throw new RangeError(`weight shape must be positive integers, got h = ${h}, d = ${d}`)
  if (W.length !== h * d) throw new RangeError(`weights have ${W.length} values, expected h × d = ${h} × ${d} = ${h * d}`)
}

function checkEta(eta: number): void {
  if (Number.isNaN(eta) || eta < 0)
    throw new UserError('invalid-eta', `The projection radius η must be a number ≥ 0, got ${eta}.`)
}

function outputFor<T extends Weights>(W: T, out: T | undefined): T {
  if (out === undefined) return new (W.constructor as { new (n: number): T })(W.length)
  if (out.length !== W.length) throw new RangeError(`out has ${out.length} values, expected ${W.length}`)
  return out
}

/** Per-column statistic into stat[0..d): l1 norm, l2 norm or max |w|. Row-major traversal. */
function columnStats(kind: ProjectionKind, W: Weights, h: number, d: number, stat: Float64Array): void {
  stat.fill(0, 0, d)
  // Four rows per sweep: a quarter of the loads and stores on stat.
  let i = 0
  if (kind === 'l11') {
    for (; i + 4 <= h; i += 4) {
      const r0 = i * d
      const r1 = r0 + d
      const r2 = r1 + d
      const r3 = r2 + d
      for (let j = 0; j < d; j++) stat[j] += Math.abs(W[r0 + j]) + Math.abs(W[r1 + j]) + (Math.abs(W[r2 + j]) + Math.abs(W[r3 + j]))
    }
    for (; i < h; i++) {
      const r = i * d
      for (let j = 0; j < d; j++) stat[j] += Math.abs(W[r + j])
    }
  } else if (kind === 'l21') {
    for (; i + 4 <= h; i += 4) {
      const r0 = i * d
      const r1 = r0 + d
      const r2 = r1 + d
      const r3 = r2 + d
      for (let j = 0; j < d; j++) {
        const a = W[r0 + j]
        const b = W[r1 + j]
        const c = W[r2 + j]
        const e = W[r3 + j]
        stat[j] += a * a + b * b + (c * c + e * e)
      }
    }
    for (; i < h; i++) {
      const r = i * d
      for (let j = 0; j < d; j++) stat[j] += W[r + j] * W[r + j]
    }
    for (let j = 0; j < d; j++) stat[j] = Math.sqrt(stat[j])
  } else {
    for (; i + 4 <= h; i += 4) {
      const r0 = i * d
      const r1 = r0 + d
      const r2 = r1 + d
      const r3 = r2 + d
      for (let j = 0; j < d; j++)
        stat[j] = Math.max(stat[j], Math.abs(W[r0 + j]), Math.abs(W[r1 + j]), Math.abs(W[r2 + j]), Math.abs(W[r3 + j]))
    }
    for (; i < h; i++) {
      const r = i * d
      for (let j = 0; j < d; j++) stat[j] = Math.max(stat[j], Math.abs(W[r + j]))
    }
  }
}

/** Ascending indices of the columns flagged in nz[0..d). */
function flaggedColumns(nz: Uint8Array, d: number): Int32Array {
  let count = 0
  for (let j = 0; j < d; j++) count += nz[j]
  const kept = new Int32Array(count)
  for (let j = 0, k = 0; j < d; j++) if (nz[j]) kept[k++] = j
  return kept
}

/**
 * l11: per-column soft threshold τ_j into tau[0..d): +∞ for t_j = 0 (column dropped), 0 when the
 * column is already within its budget, else Condat's τ on the column (gathered block by block).
 */
function l11Thresholds(W: Weights, h: number, d: number, norms: Float64Array, t: Float64Array, tau: Float64Array): void {
  blockScratch = f64(blockScratch, BLOCK * h)
  const block = blockScratch
  const needed = blockColumns
  for (let j0 = 0; j0 < d; j0 += BLOCK) {
    const width = Math.min(BLOCK, d - j0)
    let q = 0
    for (let jj = 0; jj < width; jj++) {
      const j = j0 + jj
      if (t[j] <= 0) tau[j] = Infinity
      else if (t[j] >= norms[j]) tau[j] = 0
      else needed[q++] = j
    }
    if (q === 0) continue
    // gather the needed columns of this block contiguously (row-major reads within one block)
    for (let i = 0; i < h; i++) {
      const r = i * d
      for (let c = 0; c < q; c++) block[c * h + i] = W[r + needed[c]]
    }
    for (let c = 0; c < q; c++) tau[needed[c]] = Math.max(0, condatThreshold(block, t[needed[c]], c * h, h))
  }
}

// The row-major passes, one per kind so each inner loop stays branch-light and monomorphic. Dense:
// every column (a dropped column's threshold/scale/bound maps it to 0). Sparse: only the m columns
// listed in cols, the caller having zeroed out, so a small η costs little more than the statistics.

function applySoftThresholds(W: Weights, h: number, d: number, cols: Int32Array, m: number, tau: Float64Array, out: Weights): void {
  if (m === d) {
    for (let i = 0; i < h; i++) {
      const r = i * d
      for (let j = 0; j < d; j++) {
        const w = W[r + j]
        const a = Math.abs(w) - tau[j]
        out[r + j] = a > 0 ? (w < 0 ? -a : a) : 0
      }
    }
    return
  }
  for (let i = 0; i < h; i++) {
    const r = i * d
    for (let k = 0; k < m; k++) {
      const j = cols[k]
      const w = W[r + j]
      const a = Math.abs(w) - tau[j]
      out[r + j] = a > 0 ? (w < 0 ? -a : a) : 0
    }
  }
}

// "+ 0" below: a dropped column holds +0, never −0.
function applyScales(W: Weights, h: number, d: number, cols: Int32Array, m: number, scale: Float64Array, out: Weights): void {
  if (m === d) {
    for (let i = 0; i < h; i++) {
      const r = i * d
      for (let j = 0; j < d; j++) out[r + j] = W[r + j] * scale[j] + 0
    }
    return
  }
  for (let i = 0; i < h; i++) {
    const r = i * d
    for (let k = 0; k < m; k++) {
      const j = cols[k]
      out[r + j] = W[r + j] * scale[j] + 0
    }
  }
}

function applyClips(W: Weights, h: number, d: number, cols: Int32Array, m: number, bound: Float64Array, out: Weights): void {
  if (m === d) {
    for (let i = 0; i < h; i++) {
      const r = i * d
      for (let j = 0; j < d; j++) {
        const c = bound[j]
        out[r + j] = Math.max(-c, Math.min(c, W[r + j])) + 0
      }
    }
    return
  }
  for (let i = 0; i < h; i++) {
    const r = i * d
    for (let k = 0; k < m; k++) {
      const j = cols[k]
      const c = bound[j]
      out[r + j] = Math.max(-c, Math.min(c, W[r + j])) + 0
    }
  }
}

/**
 * Ascending indices of the non-zero columns of out, without scanning every value: a column with
 * budget t_j > 0 has its largest |value| ≥ t_j / h (l11: the h entries share t_j; l21: ≥ t_j/√h;
 * l1inf: = t_j), so it is non-zero as stored unless t_j / h is near the smallest storable
 * magnitude — only such columns are checked value by value.
 */
function nonZeroColumns(out: Weights, h: number, d: number, radius: Float64Array): Int32Array {
  const tiny = out instanceof Float32Array ? 2 ** -147 : 2 ** -1070
  if (nonZero.length < d) nonZero = new Uint8Array(d)
  const nz = nonZero
  for (let j = 0; j < d; j++) {
    const t = radius[j]
    if (!(t > 0)) nz[j] = 0
    else if (t / h >= tiny) nz[j] = 1
    else {
      nz[j] = 0
      for (let i = 0; i < h; i++)
        if (out[i * d + j] !== 0) {
          nz[j] = 1
          break
        }
    }
  }
  return flaggedColumns(nz, d)
}

function projectInto<T extends Weights>(kind: ProjectionKind, W: T, h: number, d: number, eta: number, out: T): ProjectionResult<T> {
  checkShape(W, h, d)
  checkEta(eta)
  statScratch = f64(statScratch, d)
  colParam = f64(colParam, d)
  if (activeScratch.length < d) activeScratch = new Int32Array(d)
  const stat = statScratch
  const param = colParam
  const cols = activeScratch

  columnStats(kind, W, h, d, stat)
  const radius = projL1(stat.subarray(0, d), eta, new Float64Array(d))
  // param[j]: what the row-major pass applies to column j (threshold, scale or clip bound).
  if (kind === 'l11') l11Thresholds(W, h, d, stat, radius, param)
  else if (kind === 'l21') for (let j = 0; j < d; j++) param[j] = radius[j] >= stat[j] ? 1 : radius[j] > 0 ? radius[j] / stat[j] : 0
  else param.set(radius.subarray(0, d))

  // Few surviving columns: zero everything and visit only those; many (or projecting in place,
  // where zeroing first would destroy the input): one dense pass, which beats indirect indexing.
  let m = 0
  for (let j = 0; j < d; j++) if (radius[j] > 0) cols[m++] = j
  if (m * 2 > d || out.buffer === W.buffer) m = d
  else out.fill(0)

  if (kind === 'l11') applySoftThresholds(W, h, d, cols, m, param, out)
  else if (kind === 'l21') applyScales(W, h, d, cols, m, param, out)
  else applyClips(W, h, d, cols, m, param, out)
  return { W: out, kept: nonZeroColumns(out, h, d, radius), radius }
}

/** Bilevel l1,1 projection (the paper's): t = projL1(column l1 norms, η); column j ← projL1(column j, t_j). */
export function projL11<T extends Weights>(W: T, h: number, d: number, eta: number, out?: T): ProjectionResult<T> {
  return projectInto('l11', W, h, d, eta, outputFor(W, out))
}

/** l2,1 ball projection: t = projL1(column l2 norms, η); column j rescaled to l2 norm t_j. */
export function projL21<T extends Weights>(W: T, h: number, d: number, eta: number, out?: T): ProjectionResult<T> {
  return projectInto('l21', W, h, d, eta, outputFor(W, out))
}

/** Bilevel l1,∞ projection: t = projL1(column max |w|, η); column j clipped to [−t_j, t_j]. */
export function projL1inf<T extends Weights>(W: T, h: number, d: number, eta: number, out?: T): ProjectionResult<T> {
  return projectInto('l1inf', W, h, d, eta, outputFor(W, out))
}

export function project<T extends Weights>(kind: ProjectionKind, W: T, h: number, d: number, eta: number, out?: T): ProjectionResult<T> {
  if (kind !== 'l11' && kind !== 'l21' && kind !== 'l1inf')
    throw new UserError('invalid-projection', `Unknown projection "${String(kind)}": use l11, l21 or l1inf.`)
  return projectInto(kind, W, h, d, eta, outputFor(W, out))
}

/** The threshold as the weights' own precision holds it: PyTorch compares a float32 tensor with float32(1e-4). */
function storedThreshold(W: Weights, threshold: number): number {
  return W instanceof Float32Array ? Math.fround(threshold) : threshold
}

/** 1 where |w| ≥ threshold, else 0 (the double-descent mask); float32 weights compare with float32(threshold). */
export function maskFromWeights(W: Weights, threshold = MASK_THRESHOLD): Uint8Array {
  const mask = new Uint8Array(W.length)
  const th = storedThreshold(W, threshold)
  for (let k = 0; k < W.length; k++) mask[k] = Math.abs(W[k]) >= th ? 1 : 0
  return mask
}

/** Ascending indices of the columns (features) with at least one mask entry set. */
export function keptFeaturesFromMask(mask: Uint8Array, h: number, d: number): Int32Array {
  checkShape(mask, h, d)
  if (nonZero.length < d) nonZero = new Uint8Array(d)
  const nz = nonZero
  nz.fill(0, 0, d)
  for (let i = 0, r = 0; i < h; i++, r += d) for (let j = 0; j < d; j++) if (mask[r + j]) nz[j] = 1
  return flaggedColumns(nz, d)
}

/**
 * The η whose projection keeps `target` features (columns with some |w| ≥ 1e-4, as the training
 * mask counts them). The count is non-decreasing in η, so bisect in log space between a tiny η and
 * the full norm (where the projection is the identity). When no η gives exactly `target` (several
 * columns enter at once), return the closer of the two bracketing counts, preferring ≥ target
 * (and never a count of 0).
 */
export function etaForFeatureCount<T extends Weights>(kind: ProjectionKind, W: T, h: number, d: number, target: number): { eta: number; kept: number } {
  checkShape(W, h, d)
  if (kind !== 'l11' && kind !== 'l21' && kind !== 'l1inf')
    throw new UserError('invalid-projection', `Unknown projection "${String(kind)}": use l11, l21 or l1inf.`)
  if (!Number.isInteger(target) || target < 1 || target > d)
    throw new UserError('invalid-target-features', `The target number of features must be a whole number from 1 to ${d}, got ${target}.`)
  const counter = new KeptCounter(kind, W, h, d)
  const full = counter.fullNorm
  const keptFull = counter.keptAt(Infinity)
  if (!(full > 0) || keptFull <= target) return { eta: full, kept: keptFull }

  let hi = full
  let keptHi = keptFull
  let lo = full * 1e-12
  let keptLo = counter.keptAt(lo)
  if (keptLo >= target) return { eta: lo, kept: keptLo }
  for (let iter = 0; iter < 60 && hi / lo > 1 + 1e-12; iter++) {
    const mid = Math.sqrt(lo * hi)
    const k = counter.keptAt(mid)
    if (k === target) return { eta: mid, kept: k }
    if (k > target) {
      hi = mid
      keptHi = k
    } else {
      lo = mid
      keptLo = k
    }
  }
  // Keeping nothing is never an answer: the second descent would have no input at all.
  return keptLo > 0 && target - keptLo < keptHi - target ? { eta: lo, kept: keptLo } : { eta: hi, kept: keptHi }
}

/**
 * Counts the columns a projection would keep under the mask without writing the projection: a
 * column's largest stored |value| is its max |w| after the column operation (soft threshold,
 * scale, clip are monotone in |w|, and so is rounding to float32), so the count is exactly what
 * project() followed by the mask gives. l11 keeps a transposed float64 copy so Condat reads columns
 * contiguously, in the same order as project() gathers them (identical τ).
 */
class KeptCounter {
  readonly fullNorm: number
  private readonly stat: Float64Array
  private readonly maxAbs: Float64Array
  private readonly columns: Float64Array | null
  private readonly radius: Float64Array
  private readonly threshold: number
  private readonly float32: boolean

  constructor(
    private readonly kind: ProjectionKind,
    W: Weights,
    private readonly h: number,
    private readonly d: number
  ) {
    this.stat = new Float64Array(d)
    columnStats(kind, W, h, d, this.stat)
    this.maxAbs = new Float64Array(d)
    columnStats('l1inf', W, h, d, this.maxAbs)
    let full = 0
    for (let j = 0; j < d; j++) full += this.stat[j]
    this.fullNorm = full
    this.radius = new Float64Array(d)
    this.float32 = W instanceof Float32Array
    this.threshold = storedThreshold(W, MASK_THRESHOLD)
    if (kind === 'l11') {
      const cols = new Float64Array(h * d)
      for (let i = 0; i < h; i++) {
        const r = i * d
        for (let j = 0; j < d; j++) cols[j * h + i] = W[r + j]
      }
      this.columns = cols
    } else this.columns = null
  }

  keptAt(eta: number): number {
    const { kind, stat, maxAbs, radius, h, d } = this
    projL1(stat, eta, radius)
    let count = 0
    for (let j = 0; j < d; j++) {
      const t = radius[j]
      if (!(t > 0)) continue
      let top: number
      if (kind === 'l11') {
        const tau = t >= stat[j] ? 0 : Math.max(0, condatThreshold(this.columns as Float64Array, t, j * h, h))
        top = maxAbs[j] - tau
      } else if (kind === 'l21') top = t >= stat[j] ? maxAbs[j] : maxAbs[j] * (t / stat[j])
      else top = Math.min(maxAbs[j], t)
      if (this.float32) top = Math.fround(top)
      if (top >= this.threshold) count++
    }
    return count
  }
}
