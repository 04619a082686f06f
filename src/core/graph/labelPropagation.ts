// LabelPropagation and LabelSpreading with scikit-learn 1.2's semantics, number for number
// (sklearn/semi_supervised/_label_propagation.py, scipy.sparse.csgraph.laplacian):
//  - knn graph: kneighbors_graph(X_fit, n_neighbors, mode='connectivity'), each sample its own first neighbour;
//    LabelPropagation scales it by 1 / (column 0's sum) (what `data /= np.diag(np.array(normalizer))` does);
//    LabelSpreading takes −laplacian(normed=True) with a zero diagonal: S_ij = A_ij / √(w_i w_j), w = column sums
//    without the diagonal (1 for an isolated node).
//  - rbf graph: exp(−γ‖a − b‖²), dense; LabelPropagation divides row i by column i's sum; LabelSpreading as above.
//  - iterations: stop when Σ|F − F_prev| < tol, at most max_iter; propagation renormalises rows and clamps the
//    labelled ones, spreading does F ← αSF + (1 − α)Y; rows are normalised at the end (all-zero rows stay zero).
//  - 'labelled' fit (the paper's code): fit on the labelled samples only, then predict_proba for every sample:
//    knn → sum of the fitted distributions of its n_neighbors nearest training samples; rbf → kernel-weighted
//    sum; each row normalised. Where that is 0/0 (every rbf affinity underflows) scikit-learn returns NaN; we
//    stop with a UserError instead.
import { UserError } from '../types'
import type { GraphConfig } from '../types'
import { kNearestNeighbors, squaredDistances, type Matrix } from './distances'
import { argmaxRows } from '../metrics'

export interface LabelGraphOptions extends GraphConfig {
  algorithm: 'propagation' | 'spreading'
  /** LabelSpreading's clamping factor, in (0, 1); default 0.2. */
  alpha?: number
  /** Default 1000 for propagation, 30 for spreading (scikit-learn's). */
  maxIter?: number
  /** Default 1e-3. */
  tol?: number
}

export interface LabelGraphResult {
  /** n × k label distributions (row-major), every sample. */
  proba: Float32Array
  /** argmax per row, ties to the lowest class (scikit-learn's transduction_ / predict). */
  predicted: Int32Array
  /** scikit-learn's n_iter_ of the fit. */
  iterations: number
  converged: boolean
  /** Things a user should know about the result (samples no label reached, no convergence). */
  warnings: string[]
}

/** Largest n for the dense rbf graph (one n × n float64 array: 800 MB at 10 000). */
export const MAX_RBF_SAMPLES = 10000

interface ResolvedOptions {
  algorithm: 'propagation' | 'spreading'
  kernel: 'knn' | 'rbf'
  neighbors: number
  gamma: number
  fit: 'transductive' | 'labelled'
  alpha: number
  maxIter: number
  tol: number
}

function resolveOptions(opts: LabelGraphOptions): ResolvedOptions {
  const { algorithm, kernel, fit } = opts
  if (algorithm !== 'propagation' && algorithm !== 'spreading') {
    throw new UserError('bad-graph-option', `Unknown graph algorithm '${algorithm}': expected 'propagation' or 'spreading'.`)
  }
  if (kernel !== 'knn' && kernel !== 'rbf') {
    throw new UserError('bad-graph-option', `Unknown kernel '${kernel}': expected 'knn' or 'rbf'.`)
  }
  if (fit !== 'transductive' && fit !== 'labelled') {
    throw new UserError('bad-graph-option', `Unknown fit '${fit}': expected 'transductive' or 'labelled'.`)
  }
  if (kernel === 'knn' && !(Number.isInteger(opts.neighbors) && opts.neighbors >= 1)) {
    throw new UserError('bad-graph-option', `The number of neighbours must be a whole number ≥ 1 (got ${opts.neighbors}).`)
  }
  if (kernel === 'rbf' && !(Number.isFinite(opts.gamma) && opts.gamma > 0)) {
    throw new UserError('bad-graph-option', `The rbf gamma must be a positive number (got ${opts.gamma}).`)
  }
  const alpha = opts.alpha ?? 0.2
  if (algorithm === 'spreading' && !(alpha > 0 && alpha < 1)) {
    throw new UserError('bad-graph-option', `LabelSpreading's alpha must be strictly between 0 and 1 (got ${alpha}).`)
  }
  const maxIter = opts.maxIter ?? (algorithm === 'propagation' ? 1000 : 30)
  if (!(Number.isInteger(maxIter) && maxIter >= 1)) {
    throw new UserError('bad-graph-option', `The maximum number of iterations must be a whole number ≥ 1 (got ${maxIter}).`)
  }
  const tol = opts.tol ?? 1e-3
  if (!(Number.isFinite(tol) && tol >= 0)) {
    throw new UserError('bad-graph-option', `The tolerance must be a number ≥ 0 (got ${tol}).`)
  }
  return { algorithm, kernel, fit, neighbors: opts.neighbors, gamma: opts.gamma, alpha, maxIter, tol }
}

function validateData(X: Matrix, n: number, d: number, yTrain: Int32Array, k: number): void {
  if (!Number.isInteger(n) || n < 2 || !Number.isInteger(d) || d < 1) {
    throw new UserError('bad-shape', `The graph methods need at least 2 samples and 1 feature (got ${n} × ${d}).`)
  }
  if (X.length !== n * d) {
    throw new UserError('bad-shape', `The matrix has ${X.length} values, expected ${n} samples × ${d} features = ${n * d}.`)
  }
  for (let i = 0; i < X.length; i++) {
    if (!Number.isFinite(X[i])) {
      throw new UserError('not-finite', `Sample ${Math.floor(i / d) + 1}, feature ${(i % d) + 1} is not a finite number.`)
    }
  }
  if (!Number.isInteger(k) || k < 1) throw new UserError('bad-classes', `The number of classes must be a whole number ≥ 1 (got ${k}).`)
  if (yTrain.length !== n) throw new UserError('bad-shape', `There are ${yTrain.length} training labels for ${n} samples.`)
  let labelled = 0
  for (let i = 0; i < n; i++) {
    const c = yTrain[i]
    if (c < -1 || c >= k) throw new UserError('bad-label-index', `Sample ${i + 1} has class index ${c}; expected -1 (unlabelled) or 0..${k - 1}.`)
    if (c >= 0) labelled++
  }
  if (labelled === 0) throw new UserError('no-labelled', 'No sample is labelled: the graph methods need labelled samples to propagate from.')
}

/** A sparse or dense operator F ↦ G F on n × k row-major distributions. */
type GraphOperator = (F: Float64Array, out: Float64Array) => void

function knnOperator(nbr: Int32Array, n: number, K: number, k: number, weight: (i: number, t: number) => number): GraphOperator {
  const w = new Float64Array(n * K)
  for (let i = 0; i < n; i++) for (let t = 0; t < K; t++) w[i * K + t] = weight(i, t)
  return (F, out) => {
    out.fill(0)
    for (let i = 0; i < n; i++) {
      const o = i * k
      for (let t = 0; t < K; t++) {
        const wt = w[i * K + t]
        if (wt === 0) continue
        const src = nbr[i * K + t] * k
        for (let c = 0; c < k; c++) out[o + c] += wt * F[src + c]
      }
    }
  }
}

function denseOperator(G: Float64Array, n: number, k: number): GraphOperator {
  return (F, out) => {
    out.fill(0)
    for (let i = 0; i < n; i++) {
      const o = i * k
      const row = i * n
      for (let j = 0; j < n; j++) {
        const g = G[row + j]
        if (g === 0) continue
        const src = j * k
        for (let c = 0; c < k; c++) out[o + c] += g * F[src + c]
      }
    }
  }
}

/** Typical (median) and smallest squared distance between different samples, for messages. */
function distanceSummary(D2: Float64Array, n: number): { median: number; min: number } {
  const values: number[] = []
  const step = Math.max(1, Math.floor((n * (n - 1)) / 2 / 20000))
  let count = 0
  let min = Infinity
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const v = D2[i * n + j]
      if (v < min) min = v
      if (count++ % step === 0) values.push(v)
    }
  }
  values.sort((a, b) => a - b)
  return { median: values.length ? values[values.length >> 1] : 0, min }
}

function fmt(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toPrecision(3)
}

function underflowAdvice(gamma: number, { median, min }: { median: number; min: number }): string {
  // exp(−γ d²) is 0 in double precision once γ d² > ~745.
  const suggested = median > 0 ? 1 / median : NaN
  return (
    `with gamma = ${fmt(gamma)} and a typical squared distance of ${fmt(median)} between samples (smallest ${fmt(min)}), ` +
    `exp(−gamma · d²) underflows to 0. Use kernel 'knn', or a much smaller gamma` +
    (Number.isFinite(suggested) ? ` (for example ${fmt(suggested)} = 1 / typical squared distance).` : '.')
  )
}

interface BuiltGraph {
  apply: GraphOperator
  /** Typical and smallest squared distance (rbf only), for messages. */
  distances?: { median: number; min: number }
  /** n × K neighbour indices, nearest first (knn only). */
  neighbors?: Int32Array
}

function buildGraph(X: Matrix, n: number, d: number, k: number, o: ResolvedOptions): BuiltGraph {
  if (o.kernel === 'knn') {
    if (o.neighbors > n) {
      throw new UserError(
        'bad-graph-option',
        `The knn graph needs n_neighbors ≤ the number of samples it is built on: ${o.neighbors} neighbours asked, ${n} samples` +
          (o.fit === 'labelled' ? ' (labelled samples only, as fit = labelled).' : '.')
      )
    }
    const K = o.neighbors
    const nbr = kNearestNeighbors(X, n, X, n, d, K, true)
    if (o.algorithm === 'propagation') {
      // scikit-learn divides every entry by the sum of column 0 (a scalar; the row normalisation cancels it).
      let col0 = 0
      for (let t = 0; t < n * K; t++) if (nbr[t] === 0) col0++
      const s = col0 > 0 ? 1 / col0 : 1
      return { apply: knnOperator(nbr, n, K, k, () => s), neighbors: nbr }
    }
    const w = new Float64Array(n)
    for (let i = 0; i < n; i++) for (let t = 0; t < K; t++) if (nbr[i * K + t] !== i) w[nbr[i * K + t]] += 1
    for (let j = 0; j < n; j++) w[j] = w[j] === 0 ? 1 : Math.sqrt(w[j])
    return {
      apply: knnOperator(nbr, n, K, k, (i, t) => {
        const j = nbr[i * K + t]
        return j === i ? 0 : 1 / w[i] / w[j]
      }),
      neighbors: nbr
    }
  }
  if (n > MAX_RBF_SAMPLES) {
    throw new UserError('too-large', `The rbf kernel builds a dense ${n} × ${n} matrix, too large above ${MAX_RBF_SAMPLES} samples: use kernel 'knn'.`)
  }
  // One n × n array: squared distances, then affinities in place.
  const W = squaredDistances(X, n, X, n, d, true)
  const distances = distanceSummary(W, n)
  for (let t = 0; t < n * n; t++) W[t] = Math.exp(-o.gamma * W[t])
  if (o.algorithm === 'propagation') {
    const colSum = new Float64Array(n)
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) colSum[j] += W[i * n + j]
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) W[i * n + j] /= colSum[i]
  } else {
    for (let i = 0; i < n; i++) W[i * n + i] = 0
    const w = new Float64Array(n)
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) w[j] += W[i * n + j]
    for (let j = 0; j < n; j++) w[j] = w[j] === 0 ? 1 : Math.sqrt(w[j])
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) W[i * n + j] = W[i * n + j] / w[j] / w[i]
  }
  return { apply: denseOperator(W, n, k), distances }
}

interface FitState {
  distributions: Float64Array
  iterations: number
  converged: boolean
  graph: BuiltGraph
}

/** scikit-learn's BaseLabelPropagation.fit on X (n × d) with labels y (-1 = unlabelled). */
function fitDistributions(X: Matrix, n: number, d: number, y: Int32Array, k: number, o: ResolvedOptions): FitState {
  const graph = buildGraph(X, n, d, k, o)
  let F = new Float64Array(n * k)
  for (let i = 0; i < n; i++) if (y[i] >= 0) F[i * k + y[i]] = 1
  const yStatic = F.slice()
  if (o.algorithm === 'spreading') for (let t = 0; t < yStatic.length; t++) yStatic[t] *= 1 - o.alpha
  let previous = new Float64Array(n * k)
  let next = new Float64Array(n * k)
  let iterations = 0
  let converged = false
  for (let it = 0; it < o.maxIter; it++) {
    let change = 0
    for (let t = 0; t < F.length; t++) change += Math.abs(F[t] - previous[t])
    if (change < o.tol) {
      iterations = it
      converged = true
      break
    }
    graph.apply(F, next)
    if (o.algorithm === 'propagation') {
      for (let i = 0; i < n; i++) {
        const r = i * k
        if (y[i] >= 0) {
          for (let c = 0; c < k; c++) next[r + c] = yStatic[r + c]
          continue
        }
        let s = 0
        for (let c = 0; c < k; c++) s += next[r + c]
        if (s === 0) s = 1
        for (let c = 0; c < k; c++) next[r + c] /= s
      }
    } else {
      for (let t = 0; t < next.length; t++) next[t] = o.alpha * next[t] + yStatic[t]
    }
    const spent = previous
    previous = F
    F = next
    next = spent
  }
  if (!converged) iterations = o.maxIter
  normaliseRows(F, n, k)
  return { distributions: F, iterations, converged, graph }
}

/** Divide each row by its sum; an all-zero row stays zero (scikit-learn sets the normaliser to 1). */
function normaliseRows(F: Float64Array, n: number, k: number): void {
  for (let i = 0; i < n; i++) {
    const r = i * k
    let s = 0
    for (let c = 0; c < k; c++) s += F[r + c]
    if (s === 0) continue
    for (let c = 0; c < k; c++) F[r + c] /= s
  }
}

function rowsSelect(X: Matrix, d: number, rows: number[]): Float64Array | Float32Array {
  const out = X instanceof Float64Array ? new Float64Array(rows.length * d) : new Float32Array(rows.length * d)
  rows.forEach((r, i) => out.set(X.subarray(r * d, (r + 1) * d), i * d))
  return out
}

/**
 * Fit LabelPropagation ('propagation') or LabelSpreading ('spreading') and return label distributions for every
 * sample. X: n × d row-major (float32, or float64 for exact parity tests); yTrain: class index or -1.
 */
export function fitLabelGraph(
  X: Matrix,
  n: number,
  d: number,
  yTrain: Int32Array,
  k: number,
  opts: LabelGraphOptions
): LabelGraphResult {
  const o = resolveOptions(opts)
  validateData(X, n, d, yTrain, k)
  const warnings: string[] = []
  const name = o.algorithm === 'propagation' ? 'Label propagation' : 'Label spreading'

  if (o.fit === 'transductive') {
    const state = fitDistributions(X, n, d, yTrain, k, o)
    const F = state.distributions
    if (!state.converged) warnings.push(`${name} reached max_iter = ${o.maxIter} without converging (tol ${o.tol}).`)
    let unreached = 0
    let toPredict = 0
    for (let i = 0; i < n; i++) {
      if (yTrain[i] >= 0) continue
      toPredict++
      let s = 0
      for (let c = 0; c < k; c++) s += F[i * k + c]
      if (s === 0) unreached++
    }
    if (unreached > 0) {
      // scikit-learn leaves these rows at 0 (and predicts the first class); we keep its numbers and say so.
      const why =
        o.kernel === 'rbf' && state.graph.distances
          ? underflowAdvice(o.gamma, state.graph.distances)
          : `they are in parts of the ${o.neighbors}-nearest-neighbour graph with no labelled sample; try more neighbours.`
      warnings.push(
        `${unreached} of ${toPredict} unlabelled samples received no label (all-zero confidences, shown as the first class): ${why}`
      )
    }
    return { proba: Float32Array.from(F), predicted: argmaxRows(F, k), iterations: state.iterations, converged: state.converged, warnings }
  }

  // 'labelled': scikit-learn fit on the labelled samples only, then predict_proba on every sample.
  const train: number[] = []
  const position = new Int32Array(n).fill(-1)
  for (let i = 0; i < n; i++) {
    if (yTrain[i] >= 0) {
      position[i] = train.length
      train.push(i)
    }
  }
  const m = train.length
  if (m < 2) throw new UserError('no-labelled', `Only ${m} sample is labelled: fitting on the labelled samples needs at least 2.`)
  const Xtrain = rowsSelect(X, d, train)
  const ytrain = Int32Array.from(train, (i) => yTrain[i])
  const state = fitDistributions(Xtrain, m, d, ytrain, k, o)
  if (!state.converged) warnings.push(`${name} reached max_iter = ${o.maxIter} without converging (tol ${o.tol}).`)
  const L = state.distributions
  const P = new Float64Array(n * k)
  if (o.kernel === 'knn') {
    // A labelled sample's neighbours among the labelled samples are those of the training graph (same
    // distances bit for bit, itself first); only the other samples need a search.
    const K = o.neighbors
    const trainNeighbors = state.graph.neighbors!
    const others: number[] = []
    for (let i = 0; i < n; i++) if (position[i] < 0) others.push(i)
    const otherNeighbors = others.length > 0 ? kNearestNeighbors(rowsSelect(X, d, others), others.length, Xtrain, m, d, K, false) : new Int32Array(0)
    const addNeighbors = (i: number, nbr: Int32Array, row: number) => {
      for (let t = 0; t < K; t++) {
        const src = nbr[row * K + t] * k
        for (let c = 0; c < k; c++) P[i * k + c] += L[src + c]
      }
    }
    for (let i = 0; i < n; i++) if (position[i] >= 0) addNeighbors(i, trainNeighbors, position[i])
    others.forEach((i, r) => addNeighbors(i, otherNeighbors, r))
  } else {
    const D2 = squaredDistances(X, n, Xtrain, m, d, false)
    for (let i = 0; i < n; i++) {
      const p = position[i]
      if (p >= 0) D2[i * m + p] = 0
      for (let j = 0; j < m; j++) {
        const w = Math.exp(-o.gamma * D2[i * m + j])
        if (w === 0) continue
        for (let c = 0; c < k; c++) P[i * k + c] += w * L[j * k + c]
      }
    }
    let lost = 0
    for (let i = 0; i < n; i++) {
      let s = 0
      for (let c = 0; c < k; c++) s += P[i * k + c]
      if (s === 0) lost++
    }
    if (lost > 0) {
      throw new UserError(
        'rbf-underflow',
        `${name} (rbf kernel, fit on labelled samples) cannot score ${lost} of ${n} samples: every rbf affinity between ` +
          `them and the labelled samples is 0 (scikit-learn would return NaN) — ${underflowAdvice(o.gamma, state.graph.distances ?? distanceSummary(squaredDistances(Xtrain, m, Xtrain, m, d, true), m))}`
      )
    }
  }
  normaliseRows(P, n, k)
  return { proba: Float32Array.from(P), predicted: argmaxRows(P, k), iterations: state.iterations, converged: state.converged, warnings }
}
