// Squared Euclidean distances between rows, computed blockwise as ‖a‖² + ‖b‖² − 2 a·b in float64
// (scikit-learn's euclidean_distances), without ever holding more than a tile of them unless asked to.
// Rows are packed tile by tile into float64 scratch so the inner loop (dotKernel) is monomorphic and
// cache-friendly.
import { CHUNK, TILE, createDotKernel, type DotKernel } from './dotKernel'

export type Matrix = Float32Array | Float64Array

export function rowSquaredNorms(X: Matrix, n: number, d: number): Float64Array {
  const out = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    let s = 0
    const o = i * d
    for (let t = 0; t < d; t++) s += X[o + t] * X[o + t]
    out[i] = s
  }
  return out
}

/** Pack rows [r0, r1) × features [t0, t0 + width) as 4-row groups: dst[(g · width + t) · 4 + r]. */
function pack(src: Matrix, d: number, r0: number, r1: number, t0: number, width: number, dst: Float64Array): void {
  const rows = r1 - r0
  const padded = (rows + 3) & ~3
  for (let r = 0; r < padded; r++) {
    const base = (r >> 2) * width * 4 + (r & 3)
    if (r >= rows) {
      // Padding rows are zero: computed by the kernel and never read.
      for (let t = 0; t < width; t++) dst[base + 4 * t] = 0
      continue
    }
    const s = (r0 + r) * d + t0
    for (let t = 0; t < width; t++) dst[base + 4 * t] = src[s + t]
  }
}

let sharedKernel: DotKernel | null = null

/**
 * Called once per tile with D[(i − i0) * TILE_STRIDE + (j − j0)] = squared distance between query row i and
 * reference row j, for i in [i0, i1), j in [j0, j1).
 */
export type TileVisitor = (i0: number, i1: number, j0: number, j1: number, D: Float64Array) => void
export const TILE_STRIDE = TILE

/**
 * Visit every tile of squared distances between the rows of Q (nq × d) and of R (nr × d).
 * symmetric: Q and R are the same matrix; only tiles with j0 ≥ i0 are visited (the caller mirrors them)
 * and the diagonal is exactly 0, as scikit-learn sets it.
 */
export function forEachDistanceTile(
  Q: Matrix,
  nq: number,
  R: Matrix,
  nr: number,
  d: number,
  symmetric: boolean,
  visit: TileVisitor
): void {
  const qNorms = rowSquaredNorms(Q, nq, d)
  const rNorms = symmetric ? qNorms : rowSquaredNorms(R, nr, d)
  const width = Math.min(CHUNK, d)
  // One kernel per process: this loop is synchronous and no visitor re-enters it.
  const kernel = (sharedKernel ??= createDotKernel())
  const acc = kernel.acc
  for (let i0 = 0; i0 < nq; i0 += TILE) {
    const i1 = Math.min(i0 + TILE, nq)
    for (let j0 = symmetric ? i0 : 0; j0 < nr; j0 += TILE) {
      const j1 = Math.min(j0 + TILE, nr)
      acc.fill(0)
      for (let t0 = 0; t0 < d; t0 += width) {
        const w = Math.min(width, d - t0)
        pack(Q, d, i0, i1, t0, w, kernel.A)
        pack(R, d, j0, j1, t0, w, kernel.B)
        kernel.run(w, roundUp4(i1 - i0), roundUp4(j1 - j0))
      }
      for (let i = i0; i < i1; i++) {
        const o = (i - i0) * TILE
        for (let j = j0; j < j1; j++) {
          const dist = qNorms[i] + rNorms[j] - 2 * acc[o + j - j0]
          acc[o + j - j0] = dist > 0 ? dist : 0
        }
        if (symmetric && i >= j0 && i < j1) acc[o + i - j0] = 0
      }
      visit(i0, i1, j0, j1, acc)
    }
  }
}

function roundUp4(x: number): number {
  return (x + 3) & ~3
}

/** The full nq × nr matrix of squared distances (row-major). */
export function squaredDistances(Q: Matrix, nq: number, R: Matrix, nr: number, d: number, symmetric: boolean): Float64Array {
  const out = new Float64Array(nq * nr)
  forEachDistanceTile(Q, nq, R, nr, d, symmetric, (i0, i1, j0, j1, D) => {
    for (let i = i0; i < i1; i++) {
      const o = (i - i0) * TILE
      for (let j = j0; j < j1; j++) {
        out[i * nr + j] = D[o + j - j0]
        if (symmetric) out[j * nr + i] = D[o + j - j0]
      }
    }
  })
  return out
}

/**
 * Indices of the k nearest reference rows of every query row (nq × k, nearest first), ties broken by the lower
 * index. symmetric: queries are the reference rows themselves, each its own nearest neighbour (distance 0), as
 * scikit-learn's kneighbors_graph(X_fit) gives.
 */
export function kNearestNeighbors(
  Q: Matrix,
  nq: number,
  R: Matrix,
  nr: number,
  d: number,
  k: number,
  symmetric: boolean
): Int32Array {
  const heapDist = new Float64Array(nq * k)
  const heapIdx = new Int32Array(nq * k)
  const size = new Int32Array(nq)

  // A bounded max-heap per query on (distance, index): the root is the worst neighbour kept so far.
  const worse = (da: number, ia: number, db: number, ib: number): boolean => da > db || (da === db && ia > ib)
  const offer = (q: number, dist: number, r: number): void => {
    const base = q * k
    let s = size[q]
    if (s < k) {
      let c = s
      size[q] = s + 1
      while (c > 0) {
        const p = (c - 1) >> 1
        if (!worse(dist, r, heapDist[base + p], heapIdx[base + p])) break
        heapDist[base + c] = heapDist[base + p]
        heapIdx[base + c] = heapIdx[base + p]
        c = p
      }
      heapDist[base + c] = dist
      heapIdx[base + c] = r
      return
    }
    if (!worse(heapDist[base], heapIdx[base], dist, r)) return
    s = k
    let c = 0
    for (;;) {
      const l = 2 * c + 1
      if (l >= s) break
      let m = l
      if (l + 1 < s && worse(heapDist[base + l + 1], heapIdx[base + l + 1], heapDist[base + l], heapIdx[base + l])) m = l + 1
      if (!worse(heapDist[base + m], heapIdx[base + m], dist, r)) break
      heapDist[base + c] = heapDist[base + m]
      heapIdx[base + c] = heapIdx[base + m]
      c = m
    }
    heapDist[base + c] = dist
    heapIdx[base + c] = r
  }

  forEachDistanceTile(Q, nq, R, nr, d, symmetric, (i0, i1, j0, j1, D) => {
    for (let i = i0; i < i1; i++) {
      const o = (i - i0) * TILE
      for (let j = j0; j < j1; j++) {
        const dist = D[o + j - j0]
        offer(i, dist, j)
        // The mirrored pair of an off-diagonal tile, visited only once in symmetric mode.
        if (symmetric && j0 !== i0) offer(j, dist, i)
      }
    }
  })

  // Sort each heap ascending by (distance, index).
  const out = new Int32Array(nq * k)
  const order = new Array<number>(k)
  for (let q = 0; q < nq; q++) {
    const base = q * k
    for (let t = 0; t < k; t++) order[t] = t
    order.sort((a, b) => heapDist[base + a] - heapDist[base + b] || heapIdx[base + a] - heapIdx[base + b])
    for (let t = 0; t < k; t++) out[base + t] = heapIdx[base + order[t]]
  }
  return out
}
