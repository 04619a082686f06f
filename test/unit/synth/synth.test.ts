import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { UserError } from '../../../src/core/types'
import { Rng } from '../../../src/core/random'
import { formatFloat32, makeClassification, synthCsvLines, synthSampleIds, synthToCsv } from '../../../src/core/synth'
import type { SynthOptions, SynthResult } from '../../../src/core/synth'

// The first 3 lines of ../shared/datasets/synthetic_d1000_seed7.csv.gz (scikit-learn 1.2.1
// make_classification, the paper's benchmark file): the layout our CSV must have.
const sklearnHead = readFileSync(join(__dirname, '../../fixtures/synth/synthetic_d1000_seed7_head.csv'), 'utf8').split('\n')

function column(r: SynthResult, j: number): Float64Array {
  const c = new Float64Array(r.n)
  for (let i = 0; i < r.n; i++) c[i] = r.X[i * r.d + j]
  return c
}

function variance(v: ArrayLike<number>): number {
  let m = 0
  for (let i = 0; i < v.length; i++) m += v[i]
  m /= v.length
  let s = 0
  for (let i = 0; i < v.length; i++) s += (v[i] - m) ** 2
  return s / v.length
}

function counts(y: Int32Array, k: number): number[] {
  const c = new Array<number>(k).fill(0)
  for (const v of y) c[v]++
  return c
}

/** Nearest class centroid on the given columns, fitted and scored on the same samples. */
function nearestCentroidAccuracy(r: SynthResult, cols: number[], k: number): number {
  const centroid = Array.from({ length: k }, () => new Float64Array(cols.length))
  const size = counts(r.y, k)
  for (let i = 0; i < r.n; i++) cols.forEach((j, q) => (centroid[r.y[i]][q] += r.X[i * r.d + j] / size[r.y[i]]))
  let right = 0
  for (let i = 0; i < r.n; i++) {
    let best = -1
    let bestDist = Infinity
    for (let c = 0; c < k; c++) {
      let dist = 0
      cols.forEach((j, q) => (dist += (r.X[i * r.d + j] - centroid[c][q]) ** 2))
      if (dist < bestDist) {
        bestDist = dist
        best = c
      }
    }
    if (best === r.y[i]) right++
  }
  return right / r.n
}

const paper: SynthOptions = { samples: 1000, features: 1000, informative: 8, redundant: 0, clustersPerClass: 1, classSep: 0.8, seed: 7 }

describe('makeClassification', () => {
  it('has the asked shapes, labels in range and informative columns listed', () => {
    const r = makeClassification({ samples: 120, features: 30, informative: 5, redundant: 3, repeated: 2, classes: 3, seed: 1 })
    expect(r.n).toBe(120)
    expect(r.d).toBe(30)
    expect(r.X).toBeInstanceOf(Float32Array)
    expect(r.X.length).toBe(120 * 30)
    expect(r.y.length).toBe(120)
    expect(Array.from(r.y).every((v) => v >= 0 && v < 3)).toBe(true)
    expect(r.informative.length).toBe(5)
    expect(r.informative).toEqual([...new Set(r.informative)].sort((a, b) => a - b))
    expect(r.X.every((v) => Number.isFinite(v))).toBe(true)
  })

  it('balances the classes (no label noise): cluster sizes differ by at most one', () => {
    const two = makeClassification({ samples: 1000, features: 20, informative: 4, flipY: 0, seed: 3 })
    expect(counts(two.y, 2)).toEqual([500, 500])
    const three = makeClassification({ samples: 100, features: 10, informative: 3, classes: 3, clustersPerClass: 2, flipY: 0, seed: 3 })
    // 6 clusters of ⌊100/3/2⌋ = 16, the 4 left over go to clusters 0..3 (classes 0, 1, 2, 0)
    expect(counts(three.y, 3)).toEqual([34, 33, 33])
  })

  it('is deterministic by seed and differs between seeds', () => {
    const a = makeClassification({ ...paper, samples: 200, features: 100 })
    const b = makeClassification({ ...paper, samples: 200, features: 100 })
    const c = makeClassification({ ...paper, samples: 200, features: 100, seed: 8 })
    expect(Array.from(a.X)).toEqual(Array.from(b.X))
    expect(Array.from(a.y)).toEqual(Array.from(b.y))
    expect(a.informative).toEqual(b.informative)
    expect(Array.from(a.X)).not.toEqual(Array.from(c.X))
  })

  it('separates the classes on the informative columns (nearest centroid > 90 % at classSep 2), not on the others', () => {
    const r = makeClassification({ samples: 600, features: 40, informative: 4, redundant: 0, clustersPerClass: 1, classSep: 2, flipY: 0, seed: 11 })
    expect(nearestCentroidAccuracy(r, r.informative, 2)).toBeGreaterThan(0.9)
    const useless = Array.from({ length: 40 }, (_, j) => j).filter((j) => !r.informative.includes(j)).slice(0, 4)
    expect(nearestCentroidAccuracy(r, useless, 2)).toBeLessThan(0.65)
    // and a smaller class_sep separates less
    const close = makeClassification({ samples: 600, features: 40, informative: 4, redundant: 0, clustersPerClass: 1, classSep: 0.2, flipY: 0, seed: 11 })
    expect(nearestCentroidAccuracy(close, close.informative, 2)).toBeLessThan(nearestCentroidAccuracy(r, r.informative, 2))
  })

  it('flips about flipY × (1 − 1/classes) of the labels', () => {
    // Without shuffling, everything drawn before the label noise is the same for both calls.
    const base = { samples: 4000, features: 10, informative: 3, shuffle: false, seed: 5 }
    const clean = makeClassification({ ...base, flipY: 0 })
    const noisy = makeClassification({ ...base, flipY: 0.2 })
    expect(Array.from(noisy.X)).toEqual(Array.from(clean.X))
    let changed = 0
    for (let i = 0; i < clean.n; i++) if (clean.y[i] !== noisy.y[i]) changed++
    expect(Math.abs(changed / clean.n - 0.1)).toBeLessThan(0.025)
  })

  it('without shuffling: informative first, redundant = their linear combinations, repeated = copies, then N(0,1) noise', () => {
    const r = makeClassification({ samples: 500, features: 12, informative: 3, redundant: 2, repeated: 2, shuffle: false, flipY: 0, seed: 9 })
    expect(r.informative).toEqual([0, 1, 2])
    // redundant columns 3, 4 lie in the span of columns 0..2 (least squares residual ≈ float32 rounding)
    const inf = [0, 1, 2].map((j) => column(r, j))
    for (const j of [3, 4]) {
      const target = column(r, j)
      const G = [0, 1, 2].map((a) => [0, 1, 2].map((b) => inf[a].reduce((s, x, i) => s + x * inf[b][i], 0)))
      const g = [0, 1, 2].map((a) => inf[a].reduce((s, x, i) => s + x * target[i], 0))
      const coef = solve3(G, g)
      let res = 0
      for (let i = 0; i < r.n; i++) res += (target[i] - coef[0] * inf[0][i] - coef[1] * inf[1][i] - coef[2] * inf[2][i]) ** 2
      expect(res / r.n / variance(target)).toBeLessThan(1e-10)
    }
    // repeated columns 5, 6 equal one of columns 0..4 exactly
    for (const j of [5, 6]) {
      const c = column(r, j)
      expect([0, 1, 2, 3, 4].some((s) => column(r, s).every((x, i) => x === c[i]))).toBe(true)
    }
    // useless columns: mean ≈ 0, variance ≈ 1
    for (let j = 7; j < 12; j++) {
      const c = column(r, j)
      expect(Math.abs(c.reduce((s, x) => s + x, 0) / r.n)).toBeLessThan(0.2)
      expect(Math.abs(variance(c) - 1)).toBeLessThan(0.2)
    }
  })

  it('puts clusters on distinct hypercube vertices ±classSep (class means, no noise, one cluster per class)', () => {
    const r = makeClassification({ samples: 4000, features: 6, informative: 3, redundant: 0, classes: 4, clustersPerClass: 1, classSep: 1.5, flipY: 0, shuffle: false, seed: 2 })
    const seen = new Set<string>()
    for (let c = 0; c < 4; c++) {
      const rows = Array.from(r.y).flatMap((v, i) => (v === c ? [i] : []))
      const mean = [0, 1, 2].map((j) => rows.reduce((s, i) => s + r.X[i * r.d + j], 0) / rows.length)
      // the within-cluster noise has sd ≤ √3, so the mean of 1000 samples is within 0.2 of the vertex
      for (const m of mean) expect(Math.abs(Math.abs(m) - 1.5)).toBeLessThan(0.2)
      seen.add(mean.map((m) => Math.sign(m)).join(','))
    }
    expect(seen.size).toBe(4)
  })

  it('hypercube: false shrinks the vertices into a random polytope inside the cube; > 30 informative features work', () => {
    const r = makeClassification({ samples: 4000, features: 4, informative: 2, redundant: 0, classes: 2, clustersPerClass: 1, classSep: 3, flipY: 0, hypercube: false, shuffle: false, seed: 6 })
    for (let c = 0; c < 2; c++) {
      const rows = Array.from(r.y).flatMap((v, i) => (v === c ? [i] : []))
      for (const j of [0, 1]) {
        const m = rows.reduce((s, i) => s + r.X[i * r.d + j], 0) / rows.length
        expect(Math.abs(m)).toBeLessThan(3 - 0.2) // strictly inside: scaled by uniform factors < 1
      }
    }
    const wide = makeClassification({ samples: 50, features: 45, informative: 40, redundant: 0, classes: 4, seed: 6 })
    expect(wide.informative.length).toBe(40)
    expect(wide.X.every((v) => Number.isFinite(v))).toBe(true)
  })

  it('looks like scikit-learn\u2019s paper file: 8 informative columns stand out by variance, the others are N(0, 1)', () => {
    // On synthetic_d1000_seed{7,8,9}.csv.gz exactly 8 columns have |variance − 1| > 0.3 (numpy, full files).
    const r = makeClassification(paper)
    const deviating: number[] = []
    for (let j = 0; j < r.d; j++) if (Math.abs(variance(column(r, j)) - 1) > 0.3) deviating.push(j)
    expect(deviating.every((j) => r.informative.includes(j))).toBe(true)
    expect(deviating.length).toBeGreaterThanOrEqual(6)
    const c = counts(r.y, 2)
    expect(Math.abs(c[0] - 500)).toBeLessThanOrEqual(20) // the files: 498/502, 500/500, 498/502
  })

  it('validates its options with UserError', () => {
    const ok: SynthOptions = { samples: 10, features: 5, informative: 2, seed: 1 }
    const cases: [Partial<SynthOptions>, RegExp][] = [
      [{ informative: 3, redundant: 2, repeated: 1 }, /must not exceed the number of features \(5\)/],
      [{ informative: 1, classes: 2, clustersPerClass: 2 }, /2\^informative/],
      [{ informative: 2, redundant: 0, classes: 5, clustersPerClass: 1 }, /at most 2\^informative = 2\^2 = 4/],
      [{ samples: 0 }, /samples must be a whole number ≥ 1/],
      [{ samples: 2.5 }, /samples/],
      [{ informative: 0 }, /informative/],
      [{ flipY: 1.5 }, /flipY/],
      [{ classSep: 0 }, /classSep/],
      [{ classSep: NaN }, /classSep/],
      [{ redundant: -1 }, /redundant/],
      [{ seed: NaN }, /seed/]
    ]
    for (const [change, message] of cases) {
      let error: unknown
      try {
        makeClassification({ ...ok, ...change })
      } catch (e) {
        error = e
      }
      expect(error).toBeInstanceOf(UserError)
      expect((error as UserError).message).toMatch(message)
    }
    // sklearn's own edge: classes × clusters = 2^informative exactly is allowed
    expect(makeClassification({ samples: 8, features: 3, informative: 2, redundant: 0, classes: 4, clustersPerClass: 1, seed: 1 }).n).toBe(8)
  })
})

describe('synthToCsv', () => {
  it('has the layout of the shared synthetic files: header, zero-based sample ids, label, float32 values', () => {
    const r = makeClassification({ ...paper, samples: 3 })
    const lines = synthToCsv(r).split('\n')
    expect(lines.length).toBe(3 + 2) // header, 3 rows, and the empty string after the final newline
    expect(lines[4]).toBe('')
    expect(lines[0]).toBe(sklearnHead[0])
    const ours = lines[1].split(',')
    const theirs = sklearnHead[1].split(',')
    expect(ours.length).toBe(theirs.length)
    expect(ours[0]).toBe('s0000')
    expect(theirs[0]).toBe('s0000')
    expect(lines[2].split(',')[0]).toBe('s0001')
    // every value reads back as the exact float32 we hold
    for (let i = 0; i < 3; i++) {
      const cells = lines[i + 1].split(',')
      expect(Number(cells[1])).toBe(r.y[i])
      for (let j = 0; j < r.d; j++) expect(Math.fround(Number(cells[j + 2]))).toBe(r.X[i * r.d + j])
    }
  })

  it('takes sample ids and streams the same lines', () => {
    const r = makeClassification({ samples: 4, features: 3, informative: 2, redundant: 0, seed: 4 })
    const ids = ['a', 'b', 'c', 'd']
    const text = synthToCsv(r, { sampleIds: ids })
    expect(text.split('\n').slice(1, 5).map((l) => l.split(',')[0])).toEqual(ids)
    expect([...synthCsvLines(r, { sampleIds: ids })].join('\n') + '\n').toBe(text)
    expect(() => synthToCsv(r, { sampleIds: ['a'] })).toThrow(RangeError)
    expect(synthSampleIds(10001)[10000]).toBe('s10000')
  })

  it('formats float32 values with the fewest digits that read back exactly', () => {
    expect(formatFloat32(0)).toBe('0')
    expect(formatFloat32(Math.fround(0.1))).toBe('0.1')
    expect(formatFloat32(Math.fround(-1.5))).toBe('-1.5')
    expect(formatFloat32(Math.fround(16777217))).toBe('16777216')
    const v = Math.fround(-0.506701291)
    expect(formatFloat32(v)).toBe('-0.5067013')
    // against the plain toPrecision search on many float32 values of every magnitude
    const rng = new Rng(123)
    let differ = 0
    for (let t = 0; t < 20000; t++) {
      const f = Math.fround((rng.next() < 0.5 ? -1 : 1) * rng.next() * 10 ** rng.uniform(-12, 25))
      const s = formatFloat32(f)
      expect(Math.fround(Number(s))).toBe(f)
      if (s !== slowShortest(f)) differ++
    }
    expect(differ).toBe(0)
    for (const x of [1.5601252e-5, 3.4e38, 1e-40, -2.40960312, 1e-7, 9.999999e20, 123456789, 0.000123]) {
      const f = Math.fround(x)
      const s = formatFloat32(f)
      expect(Math.fround(Number(s))).toBe(f)
      const digits = s.replace(/^-/, '').replace(/e.*$/, '').replace('.', '').replace(/^0+/, '').replace(/0+$/, '').length
      if (digits > 1) expect(Math.fround(Number(f.toPrecision(digits - 1)))).not.toBe(f)
    }
  })
})

function slowShortest(v: number): string {
  for (let p = 1; p <= 9; p++) if (Math.fround(Number(v.toPrecision(p))) === v) return String(Number(v.toPrecision(p)))
  return String(v)
}

function solve3(A: number[][], b: number[]): number[] {
  const M = A.map((row, i) => [...row, b[i]])
  for (let c = 0; c < 3; c++) {
    let p = c
    for (let r = c + 1; r < 3; r++) if (Math.abs(M[r][c]) > Math.abs(M[p][c])) p = r
    ;[M[c], M[p]] = [M[p], M[c]]
    for (let r = 0; r < 3; r++) {
      if (r === c) continue
      const f = M[r][c] / M[c][c]
      for (let k = c; k < 4; k++) M[r][k] -= f * M[c][k]
    }
  }
  return [0, 1, 2].map((i) => M[i][3] / M[i][i])
}
