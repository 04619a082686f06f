// A 2-D view of a k-dimensional latent space for display only (k = number of classes, so small):
// principal axes of the k × k covariance by Jacobi rotations. This is a display transform, not a
// result: the run's science (the latent itself) comes from core via the store.

export interface Projection2D {
  x: Float64Array
  y: Float64Array
  /** Fraction of the variance on each of the two axes. */
  explained: [number, number]
}

export function pca2(points: number[][]): Projection2D {
  const n = points.length
  const k = n ? points[0].length : 0
  if (k < 1) throw new Error(`pca2 needs points with at least one coordinate, got ${k}`)
  const mean = new Float64Array(k)
  for (const p of points) for (let j = 0; j < k; j++) mean[j] += p[j] / n
  const cov: number[][] = Array.from({ length: k }, () => new Array<number>(k).fill(0))
  for (const p of points)
    for (let a = 0; a < k; a++) {
      const da = p[a] - mean[a]
      for (let b = a; b < k; b++) cov[a][b] += (da * (p[b] - mean[b])) / Math.max(1, n - 1)
    }
  for (let a = 0; a < k; a++) for (let b = 0; b < a; b++) cov[a][b] = cov[b][a]
  const { values, vectors } = jacobiEigen(cov)
  const order = values.map((v, i) => [v, i] as const).sort((p, q) => q[0] - p[0]).map(([, i]) => i)
  const axis = (r: number): number[] => (order[r] !== undefined ? vectors.map((row) => row[order[r]]) : new Array(k).fill(0))
  const a0 = axis(0)
  const a1 = axis(1)
  const x = new Float64Array(n)
  const y = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    let sx = 0
    let sy = 0
    for (let j = 0; j < k; j++) {
      const c = points[i][j] - mean[j]
      sx += c * a0[j]
      sy += c * a1[j]
    }
    x[i] = sx
    y[i] = sy
  }
  const total = values.reduce((s, v) => s + Math.max(0, v), 0)
  const ex = (r: number): number => (total > 0 && order[r] !== undefined ? Math.max(0, values[order[r]]) / total : 0)
  return { x, y, explained: [ex(0), ex(1)] }
}

/** Eigen-decomposition of a small symmetric matrix; vectors[i][j] = component i of eigenvector j. */
export function jacobiEigen(matrix: number[][]): { values: number[]; vectors: number[][] } {
  const k = matrix.length
  const a = matrix.map((r) => r.slice())
  const v: number[][] = Array.from({ length: k }, (_, i) => Array.from({ length: k }, (_, j) => (i === j ? 1 : 0)))
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0
    for (let p = 0; p < k; p++) for (let q = p + 1; q < k; q++) off += a[p][q] * a[p][q]
    if (off < 1e-22) break
    for (let p = 0; p < k; p++)
      for (let q = p + 1; q < k; q++) {
        if (Math.abs(a[p][q]) < 1e-300) continue
        const theta = (a[q][q] - a[p][p]) / (2 * a[p][q])
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1))
        const c = 1 / Math.sqrt(t * t + 1)
        const s = t * c
        for (let r = 0; r < k; r++) {
          const arp = a[r][p]
          const arq = a[r][q]
          a[r][p] = c * arp - s * arq
          a[r][q] = s * arp + c * arq
        }
        for (let r = 0; r < k; r++) {
          const apr = a[p][r]
          const aqr = a[q][r]
          a[p][r] = c * apr - s * aqr
          a[q][r] = s * apr + c * aqr
        }
        for (let r = 0; r < k; r++) {
          const vrp = v[r][p]
          const vrq = v[r][q]
          v[r][p] = c * vrp - s * vrq
          v[r][q] = s * vrp + c * vrq
        }
      }
  }
  return { values: a.map((r, i) => r[i]), vectors: v }
}
