// Squared Euclidean distances between rows, computed blockwise as ‖a‖² + ‖b‖² − 2 a·b in float64
// (scikit-learn's euclidean_distances), without ever holding more than a tile of them unless asked to.
// Rows are packed tile by tile into float64 scratch so the inner loop is monomorphic and cache-friendly.

export type Matrix = Float32Array | Float64Array

/** Rows per tile (a multiple of 4: the micro-kernel works on 4 × 4 row pairs). */
const TILE = 64
/** Features per pass over a tile: two packed tiles of TILE × CHUNK doubles stay in L2. */
const CHUNK = 1024

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

function pack(src: Matrix, d: number, r0: number, r1: number, t0: number, width: number, dst: Float64Array): void {
  // Rows past r1 stay zero: the micro-kernel computes them and nobody reads them.
  dst.fill(0)
  for (let r = r0; r < r1; r++) {
    const s = r * d + t0
    const o = (r - r0) * width
    for (let t = 0; t < width; t++) dst[o + t] = src[s + t]
  }
}

/** acc[i * TILE + j] += Σ_t A[i, t] · B[j, t] for packed tiles A, B of TILE rows × width. */
function accumulateDots(A: Float64Array, B: Float64Array, width: number, rowsA: number, rowsB: number, acc: Float64Array): void {
  for (let i = 0; i < rowsA; i += 4) {
    const a0 = i * width
    const a1 = a0 + width
    const a2 = a1 + width
    const a3 = a2 + width
    for (let j = 0; j < rowsB; j += 4) {
      const b0 = j * width
      const b1 = b0 + width
      const b2 = b1 + width
      const b3 = b2 + width
      let s00 = 0, s01 = 0, s02 = 0, s03 = 0
      let s10 = 0, s11 = 0, s12 = 0, s13 = 0
      let s20 = 0, s21 = 0, s22 = 0, s23 = 0
      let s30 = 0, s31 = 0, s32 = 0, s33 = 0
      for (let t = 0; t < width; t++) {
        const x0 = A[a0 + t], x1 = A[a1 + t], x2 = A[a2 + t], x3 = A[a3 + t]
        const y0 = B[b0 + t], y1 = B[b1 + t], y2 = B[b2 + t], y3 = B[b3 + t]
        s00 += x0 * y0; s01 += x0 * y1; s02 += x0 * y2; s03 += x0 * y3
        s10 += x1 * y0; s11 += x1 * y1; s12 += x1 * y2; s13 += x1 * y3
        s20 += x2 * y0; s21 += x2 * y1; s22 += x2 * y2; s23 += x2 * y3
        s30 += x3 * y0; s31 += x3 * y1; s32 += x3 * y2; s33 += x3 * y3
      }
      let o = i * TILE + j
      acc[o] += s00; acc[o + 1] += s01; acc[o + 2] += s02; acc[o + 3] += s03
      o += TILE
      acc[o] += s10; acc[o + 1] += s11; acc[o + 2] += s12; acc[o + 3] += s13
      o += TILE
      acc[o] += s20; acc[o + 1] += s21; acc[o + 2] += s22; acc[o + 3] += s23
      o += TILE
      acc[o] += s30; acc[o + 1] += s31; acc[o + 2] += s32; acc[o + 3] += s33
    }
  }
}

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
  const packedQ = new Float64Array(TILE * width)
  const packedR = new Float64Array(TILE * width)
  const acc = new Float64Array(TILE * TILE)
  for (let i0 = 0; i0 < nq; i0 += TILE) {
    const i1 = Math.min(i0 + TILE, nq)
    for (let j0 = symmetric ? i0 : 0; j0 < nr; j0 += TILE) {
      const j1 = Math.min(j0 + TILE, nr)
      acc.fill(0)
      for (let t0 = 0; t0 < d; t0 += width) {
        const w = Math.min(width, d - t0)
        pack(Q, d, i0, i1, t0, w, packedQ)
        pack(R, d, j0, j1, t0, w, packedR)
        accumulateDots(packedQ, packedR, w, roundUp4(i1 - i0), roundUp4(j1 - j0), acc)
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
 * scikit-learn's kneighbors_graph(X_fit) gives. selfIndex (not symmetric): query i is reference row selfIndex[i]
 * (or -1), whose distance is then exactly 0 too.
 */
export function kNearestNeighbors(
  Q: Matrix,
  nq: number,
  R: Matrix,
  nr: number,
  d: number,
  k: number,
  symmetric: boolean,
  selfIndex?: Int32Array
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
      const self = selfIndex ? selfIndex[i] : -1
      for (let j = j0; j < j1; j++) {
        const dist = j === self ? 0 : D[o + j - j0]
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
