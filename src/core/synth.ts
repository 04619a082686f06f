// Synthetic classification data with the semantics of scikit-learn's make_classification
// (sklearn/datasets/_samples_generator.py, after Guyon's Madelon design): Gaussian clusters on
// distinct vertices of an `informative`-dimensional hypercube of side 2·classSep, each cluster given
// a random covariance; redundant features = random linear combinations of the informative ones;
// repeated features = copies of informative/redundant ones; the rest pure N(0, 1) noise; a fraction
// flipY of labels redrawn at random; samples and features shuffled. Shift 0 and scale 1 (sklearn's
// defaults), balanced classes. Seeded with our Rng: the numbers differ from numpy's, the
// construction does not. It is the app's demo data and the paper's benchmark at any size.

import { Rng } from './random'
import { UserError } from './types'

export interface SynthOptions {
  samples: number
  features: number
  informative: number
  /** Random linear combinations of the informative features (sklearn default 2). */
  redundant?: number
  /** Copies of informative/redundant features (default 0). */
  repeated?: number
  classes?: number
  /** Gaussian clusters per class (sklearn default 2). */
  clustersPerClass?: number
  /** Half the hypercube's side: larger spreads the classes apart (default 1). */
  classSep?: number
  /** Fraction of samples whose label is redrawn uniformly among the classes (default 0.01). */
  flipY?: number
  /** Clusters on hypercube vertices (default true); false: on a random polytope. */
  hypercube?: boolean
  /** Shuffle samples and features (default true). */
  shuffle?: boolean
  seed: number
}

export interface SynthResult {
  /** n × d row-major, float32. */
  X: Float32Array
  /** Class index per sample, 0..classes−1. */
  y: Int32Array
  n: number
  d: number
  /** Column indices of the informative features after shuffling, ascending. */
  informative: number[]
}

function bad(message: string): never {
  throw new UserError('invalid-synth-options', message)
}

function wholeAtLeast(name: string, value: number, min: number): number {
  if (!Number.isInteger(value) || value < min) bad(`${name} must be a whole number ≥ ${min}, got ${value}.`)
  return value
}

/**
 * `count` distinct vertices of the {0,1}^dims hypercube, one row each (count × dims, 0/1), as
 * sklearn's _generate_hypercube: distinct integers below 2^dims read as big-endian bits; beyond
 * 30 dimensions the leading dims − 30 coordinates are plain random bits.
 */
function hypercubeVertices(count: number, dims: number, rng: Rng): Uint8Array {
  const out = new Uint8Array(count * dims)
  const low = Math.min(dims, 30)
  const lead = dims - low
  for (let c = 0; c < count; c++) for (let k = 0; k < lead; k++) out[c * dims + k] = rng.int(2)
  const codes = sampleWithoutReplacement(2 ** low, count, rng)
  for (let c = 0; c < count; c++)
    for (let k = 0; k < low; k++) out[c * dims + lead + k] = Math.floor(codes[c] / 2 ** (low - 1 - k)) % 2
  return out
}

/** `count` distinct integers from [0, population), in random order. */
function sampleWithoutReplacement(population: number, count: number, rng: Rng): number[] {
  if (population <= 1 << 16 || count * 4 > population) {
    // partial Fisher–Yates over the whole population (small here: population ≤ 4·count or 65 536)
    const pool = new Float64Array(population)
    for (let i = 0; i < population; i++) pool[i] = i
    for (let i = 0; i < count; i++) {
      const j = i + rng.int(population - i)
      const t = pool[i]
      pool[i] = pool[j]
      pool[j] = t
    }
    return Array.from(pool.subarray(0, count))
  }
  const seen = new Set<number>()
  const picked: number[] = []
  while (picked.length < count) {
    const v = rng.int(population)
    if (!seen.has(v)) {
      seen.add(v)
      picked.push(v)
    }
  }
  return picked
}

function validate(o: SynthOptions): Required<SynthOptions> {
  const full: Required<SynthOptions> = {
    redundant: 2,
    repeated: 0,
    classes: 2,
    clustersPerClass: 2,
    classSep: 1,
    flipY: 0.01,
    hypercube: true,
    shuffle: true,
    ...Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)),
    samples: o.samples,
    features: o.features,
    informative: o.informative,
    seed: o.seed
  } as Required<SynthOptions>
  wholeAtLeast('samples', full.samples, 1)
  wholeAtLeast('features', full.features, 1)
  wholeAtLeast('informative', full.informative, 1)
  wholeAtLeast('redundant', full.redundant, 0)
  wholeAtLeast('repeated', full.repeated, 0)
  wholeAtLeast('classes', full.classes, 1)
  wholeAtLeast('clustersPerClass', full.clustersPerClass, 1)
  if (!Number.isFinite(full.seed)) bad(`seed must be a finite number, got ${full.seed}.`)
  if (!(Number.isFinite(full.classSep) && full.classSep > 0)) bad(`classSep must be a number > 0, got ${full.classSep}.`)
  if (!(full.flipY >= 0 && full.flipY <= 1)) bad(`flipY must be a fraction between 0 and 1, got ${full.flipY}.`)
  const useful = full.informative + full.redundant + full.repeated
  if (useful > full.features)
    bad(
      `informative + redundant + repeated features (${full.informative} + ${full.redundant} + ${full.repeated} = ${useful}) ` +
        `must not exceed the number of features (${full.features}).`
    )
  const clusters = full.classes * full.clustersPerClass
  if (Math.log2(clusters) > full.informative)
    bad(
      `classes × clustersPerClass (${full.classes} × ${full.clustersPerClass} = ${clusters}) must be at most ` +
        `2^informative = 2^${full.informative}${full.informative <= 52 ? ` = ${2 ** full.informative}` : ''}: ` +
        `each cluster needs its own hypercube vertex.`
    )
  if (full.samples * full.features > 2 ** 31 - 1)
    bad(`samples × features (${full.samples} × ${full.features}) is too large for one matrix; use fewer samples or features.`)
  return full
}

export function makeClassification(options: SynthOptions): SynthResult {
  const o = validate(options)
  const rng = new Rng(o.seed)
  const n = o.samples
  const d = o.features
  const nInf = o.informative
  const nRed = o.redundant
  const nRep = o.repeated
  const nUseful = nInf + nRed + nRep
  const nClusters = o.classes * o.clustersPerClass

  // Balanced classes spread over their clusters; the remainder goes round-robin over clusters.
  const perCluster: number[] = []
  for (let k = 0; k < nClusters; k++) perCluster.push(Math.floor((n * (1 / o.classes)) / o.clustersPerClass))
  for (let i = 0, extra = n - perCluster.reduce((a, b) => a + b, 0); i < extra; i++) perCluster[i % nClusters] += 1

  // Cluster centroids: hypercube vertices scaled to ±classSep (optionally shrunk into a polytope).
  const bits = hypercubeVertices(nClusters, nInf, rng)
  const centroids = new Float64Array(nClusters * nInf)
  for (let k = 0; k < centroids.length; k++) centroids[k] = bits[k] * 2 * o.classSep - o.classSep
  if (!o.hypercube) {
    const rowScale = Array.from({ length: nClusters }, () => rng.next())
    const colScale = Array.from({ length: nInf }, () => rng.next())
    for (let c = 0; c < nClusters; c++) for (let k = 0; k < nInf; k++) centroids[c * nInf + k] *= rowScale[c] * colScale[k]
  }

  // The useful block (informative | redundant | repeated), in float64 like numpy.
  const U = new Float64Array(n * nUseful)
  for (let i = 0; i < n; i++) for (let k = 0; k < nInf; k++) U[i * nUseful + k] = rng.normal()
  const y = new Int32Array(n)
  const A = new Float64Array(nInf * nInf)
  const row = new Float64Array(nInf)
  for (let c = 0, start = 0; c < nClusters; c++) {
    const stop = start + perCluster[c]
    for (let k = 0; k < A.length; k++) A[k] = 2 * rng.next() - 1 // random covariance of this cluster
    for (let i = start; i < stop; i++) {
      y[i] = c % o.classes
      const base = i * nUseful
      for (let k = 0; k < nInf; k++) row[k] = U[base + k]
      for (let k = 0; k < nInf; k++) {
        let s = 0
        for (let m = 0; m < nInf; m++) s += row[m] * A[m * nInf + k]
        U[base + k] = s + centroids[c * nInf + k]
      }
    }
    start = stop
  }
  if (nRed > 0) {
    const B = new Float64Array(nInf * nRed)
    for (let k = 0; k < B.length; k++) B[k] = 2 * rng.next() - 1
    for (let i = 0; i < n; i++) {
      const base = i * nUseful
      for (let r = 0; r < nRed; r++) {
        let s = 0
        for (let m = 0; m < nInf; m++) s += U[base + m] * B[m * nRed + r]
        U[base + nInf + r] = s
      }
    }
  }
  if (nRep > 0) {
    const pool = nInf + nRed
    const source = Array.from({ length: nRep }, () => Math.floor((pool - 1) * rng.next() + 0.5))
    for (let i = 0; i < n; i++) for (let r = 0; r < nRep; r++) U[i * nUseful + pool + r] = U[i * nUseful + source[r]]
  }

  // Unshuffled matrix: useful block, then the useless N(0, 1) features.
  const X0 = new Float32Array(n * d)
  for (let i = 0; i < n; i++) for (let k = 0; k < nUseful; k++) X0[i * d + k] = U[i * nUseful + k]
  for (let i = 0; i < n; i++) for (let k = nUseful; k < d; k++) X0[i * d + k] = rng.normal()

  // Label noise: each sample with probability flipY gets a label drawn uniformly (possibly its own).
  const flip = Array.from({ length: n }, () => rng.next() < o.flipY)
  for (let i = 0; i < n; i++) if (flip[i]) y[i] = rng.int(o.classes)

  if (!o.shuffle) return { X: X0, y, n, d, informative: Array.from({ length: nInf }, (_, k) => k) }

  const rowOrder = rng.permutation(n) // new row i = old row rowOrder[i]
  const colOrder = rng.permutation(d) // new column j = old column colOrder[j]
  const X = new Float32Array(n * d)
  const yOut = new Int32Array(n)
  for (let i = 0; i < n; i++) {
    const src = rowOrder[i] * d
    const dst = i * d
    for (let j = 0; j < d; j++) X[dst + j] = X0[src + colOrder[j]]
    yOut[i] = y[rowOrder[i]]
  }
  const informative: number[] = []
  for (let j = 0; j < d; j++) if (colOrder[j] < nInf) informative.push(j)
  return { X, y: yOut, n, d, informative }
}

/** Exact powers of ten (10^0 … 10^22 are exact doubles). */
const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k)

/** Shortest decimal by toPrecision (digits needed to round-trip grow monotonically: bisect 1..9). */
function formatFloat32Slow(v: number): string {
  let lo = 1
  let hi = 9
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (Math.fround(Number(v.toPrecision(mid))) === v) hi = mid
    else lo = mid + 1
  }
  return String(Number(v.toPrecision(lo)))
}

/**
 * The shortest decimal that reads back as the same float32, written as JavaScript writes numbers
 * (the CSV of a 1000 × 10 000 demo set has 10^7 of them, so no toPrecision in the common range).
 * For 1e-6 ≤ |v| < 1e21 (where JavaScript writes no exponent): p = 1, 2, … digits, m = round(|v|·10^k) with k = p − 1 − ⌊log10|v|⌋;
 * with |k| ≤ 22 the check m / 10^k (or m · 10^−k) is one correctly rounded operation, i.e. exactly
 * what a parser reads from those digits. Other magnitudes take the toPrecision path.
 */
export function formatFloat32(v: number): string {
  if (v === 0) return '0'
  const a = Math.abs(v)
  if (!(a >= 1e-6 && a < 1e21)) return Number.isFinite(v) ? formatFloat32Slow(v) : String(v)
  const e = Math.floor(Math.log10(a))
  for (let p = 1; p <= 9; p++) {
    const k = p - 1 - e
    if (k > 22 || k < -22) break
    const m = k >= 0 ? Math.round(a * POW10[k]) : Math.round(a / POW10[-k])
    const back = k >= 0 ? m / POW10[k] : m * POW10[-k]
    if (Math.fround(back) !== a) continue
    let digits = String(m)
    let scale = k // value = digits × 10^(−scale)
    let end = digits.length
    while (end > 1 && digits.charCodeAt(end - 1) === 48) {
      end--
      scale--
    }
    digits = digits.slice(0, end)
    const point = digits.length - scale // digits before the decimal point
    const body =
      point <= 0 ? '0.' + '0'.repeat(-point) + digits : point >= digits.length ? digits + '0'.repeat(point - digits.length) : digits.slice(0, point) + '.' + digits.slice(point)
    return v < 0 ? '-' + body : body
  }
  return formatFloat32Slow(v)
}

/** Sample ids as in the shared synthetic files: s0000, s0001, … (zero-based, at least 4 digits). */
export function synthSampleIds(n: number): string[] {
  const width = Math.max(4, String(Math.max(0, n - 1)).length)
  return Array.from({ length: n }, (_, i) => 's' + String(i).padStart(width, '0'))
}

/**
 * The CSV lines (without line ends), header first: `sample,label,f0,…,f{d−1}`, then one row per
 * sample. A generator so a CLI can stream a 1000 × 10 000 file instead of building one string.
 */
export function* synthCsvLines(r: SynthResult, opts: { sampleIds?: string[] } = {}): Generator<string> {
  const ids = opts.sampleIds ?? synthSampleIds(r.n)
  if (ids.length !== r.n) throw new RangeError(`sampleIds has ${ids.length} entries for ${r.n} samples`)
  const header = ['sample', 'label']
  for (let j = 0; j < r.d; j++) header.push('f' + j)
  yield header.join(',')
  const cells = new Array<string>(r.d + 2)
  for (let i = 0; i < r.n; i++) {
    cells[0] = ids[i]
    cells[1] = String(r.y[i])
    for (let j = 0; j < r.d; j++) cells[j + 2] = formatFloat32(r.X[i * r.d + j])
    yield cells.join(',')
  }
}

/** The whole CSV as one string (LF line ends, trailing newline); the layout of ../shared/datasets/synthetic_*.csv.gz. */
export function synthToCsv(r: SynthResult, opts: { sampleIds?: string[] } = {}): string {
  let out = ''
  for (const line of synthCsvLines(r, opts)) out += line + '\n'
  return out
}
