import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Rng } from '../../../src/core/random'
import { UserError } from '../../../src/core/types'
import type { ProjectionKind } from '../../../src/core/types'
import { projL1Sort } from '../../../src/core/projection/l1'
import {
  etaForFeatureCount,
  keptFeaturesFromMask,
  maskFromWeights,
  project,
  projL11,
  projL1inf,
  projL21
} from '../../../src/core/projection/bilevel'

// proj_l11.json: copied from ../shared/fixtures (tools/make_fixtures.py, a textbook numpy proj_l11).
// Layout, checked against the definition: W is h × d ROW-MAJOR with one column per input feature
// (column j = W[i*d + j]); reading it as d × h (one row per feature) misses `expected` by ~0.1, the
// row-major h × d reading matches to 4e-10 (the fixture's 10-decimal rounding). `columnRadii` are
// the t_j, `keptColumns` the non-zero columns. Compared in float64 (the float32 path rounds ~1e-8).
const fixture = JSON.parse(readFileSync(join(__dirname, '../../fixtures/shared/proj_l11.json'), 'utf8')) as {
  cases: { h: number; d: number; eta: number; W: number[]; expected: number[]; columnRadii: number[]; keptColumns: number[]; layout: string }[]
}

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length)
  let worst = 0
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]))
  return worst
}

function column(W: ArrayLike<number>, h: number, d: number, j: number): Float64Array {
  const c = new Float64Array(h)
  for (let i = 0; i < h; i++) c[i] = W[i * d + j]
  return c
}

const norm1 = (v: ArrayLike<number>): number => Array.from(v).reduce((s, x) => s + Math.abs(x), 0)
const norm2 = (v: ArrayLike<number>): number => Math.sqrt(Array.from(v).reduce((s, x) => s + x * x, 0))
const normInf = (v: ArrayLike<number>): number => Array.from(v).reduce((s, x) => Math.max(s, Math.abs(x)), 0)

/** method.md's definition written the slow, obvious way with the sort-based oracle. */
function naiveL11(W: ArrayLike<number>, h: number, d: number, eta: number): { P: Float64Array; t: Float64Array } {
  const norms = Array.from({ length: d }, (_, j) => norm1(column(W, h, d, j)))
  const t = projL1Sort(norms, eta)
  const P = new Float64Array(h * d)
  for (let j = 0; j < d; j++) {
    const pc = projL1Sort(column(W, h, d, j), t[j])
    for (let i = 0; i < h; i++) P[i * d + j] = pc[i]
  }
  return { P, t }
}

function randomWeights(rng: Rng, h: number, d: number, type: 'f32' | 'f64' = 'f64'): Float32Array | Float64Array {
  const W = type === 'f32' ? new Float32Array(h * d) : new Float64Array(h * d)
  // PyTorch Linear init scale, with some columns made larger so the budget is shared unevenly
  const bound = 1 / Math.sqrt(d)
  for (let j = 0; j < d; j++) {
    const boost = rng.next() < 0.1 ? 5 : 1
    for (let i = 0; i < h; i++) W[i * d + j] = rng.uniform(-bound, bound) * boost
  }
  return W
}

describe('projL11 against the shared fixture', () => {
  it('equals proj_l11.json to 1e-9 (W row-major h × d, one column per feature)', () => {
    expect(fixture.cases.length).toBeGreaterThan(0)
    for (const c of fixture.cases) {
      expect(c.layout).toMatch(/row-major h x d/)
      const r = projL11(Float64Array.from(c.W), c.h, c.d, c.eta)
      expect(maxDiff(r.W, c.expected)).toBeLessThanOrEqual(1e-9)
      expect(maxDiff(r.radius, c.columnRadii)).toBeLessThanOrEqual(1e-9)
      expect(Array.from(r.kept)).toEqual(c.keptColumns)
    }
  })

  it('the float32 path agrees with the fixture to float32 rounding', () => {
    for (const c of fixture.cases) {
      const r = projL11(Float32Array.from(c.W), c.h, c.d, c.eta)
      expect(r.W).toBeInstanceOf(Float32Array)
      expect(maxDiff(r.W, c.expected)).toBeLessThanOrEqual(1e-6)
    }
  })
})

describe('projL11 properties', () => {
  it('matches the naive definition on random layers, and spends exactly η', () => {
    const rng = new Rng(11)
    for (let trial = 0; trial < 40; trial++) {
      const h = 1 + rng.int(30)
      const d = 1 + rng.int(200)
      const W = randomWeights(rng, h, d)
      const total = norm1(W)
      const eta = total * 10 ** rng.uniform(-3, 0.2)
      const r = projL11(W, h, d, eta)
      const { P, t } = naiveL11(W, h, d, eta)
      expect(maxDiff(r.W, P)).toBeLessThanOrEqual(1e-12)
      expect(maxDiff(r.radius, t)).toBeLessThanOrEqual(1e-12)
      if (eta < total) expect(Math.abs(norm1(r.W) - eta)).toBeLessThanOrEqual(1e-9 * eta)
      else expect(Array.from(r.W)).toEqual(Array.from(W))
      for (let j = 0; j < d; j++) {
        const pc = column(r.W, h, d, j)
        expect(norm1(pc)).toBeLessThanOrEqual(r.radius[j] * (1 + 1e-12) + 1e-15)
        if (r.radius[j] === 0) expect(pc.every((x) => x === 0)).toBe(true)
        expect(r.kept.includes(j)).toBe(pc.some((x) => x !== 0))
      }
      expect(Array.from(r.kept)).toEqual([...r.kept].sort((a, b) => a - b))
    }
  })

  it('η = 0 gives zeros and no kept feature; smaller η keeps fewer features', () => {
    const rng = new Rng(5)
    const h = 8
    const d = 50
    const W = randomWeights(rng, h, d, 'f32') as Float32Array
    const zero = projL11(W, h, d, 0)
    expect(zero.W.every((x) => x === 0)).toBe(true)
    expect(zero.kept.length).toBe(0)
    let previous = -1
    for (const eta of [0.01, 0.1, 0.5, 1, 2, 5, 100]) {
      const k = projL11(W, h, d, eta).kept.length
      expect(k).toBeGreaterThanOrEqual(previous)
      previous = k
    }
    expect(previous).toBe(d)
  })

  it('rejects bad shapes and η, writes into out when given', () => {
    const W = new Float32Array(6).fill(0.5)
    expect(() => projL11(W, 2, 4, 1)).toThrow(RangeError)
    expect(() => projL11(W, 2, 3, NaN)).toThrow(UserError)
    expect(() => projL11(W, 2, 3, -1)).toThrow(UserError)
    expect(() => project('l22' as ProjectionKind, W, 2, 3, 1)).toThrow(UserError)
    const out = new Float32Array(6)
    expect(projL11(W, 2, 3, 1, out).W).toBe(out)
    expect(norm1(out)).toBeCloseTo(1, 6)
  })
})

describe('projL21 and projL1inf', () => {
  it('l21: columns rescaled to the l2 budget t = projL1(column l2 norms, η)', () => {
    const rng = new Rng(21)
    for (let trial = 0; trial < 30; trial++) {
      const h = 1 + rng.int(20)
      const d = 1 + rng.int(100)
      const W = randomWeights(rng, h, d)
      const norms = Array.from({ length: d }, (_, j) => norm2(column(W, h, d, j)))
      const total = norms.reduce((a, b) => a + b, 0)
      const eta = total * rng.uniform(0.01, 1.2)
      const r = projL21(W, h, d, eta)
      expect(maxDiff(r.radius, projL1Sort(norms, eta))).toBeLessThanOrEqual(1e-12)
      for (let j = 0; j < d; j++) {
        const pc = column(r.W, h, d, j)
        expect(Math.abs(norm2(pc) - r.radius[j])).toBeLessThanOrEqual(1e-12)
        // same direction as the original column
        const c = column(W, h, d, j)
        if (r.radius[j] > 0) expect(maxDiff(pc, c.map((x) => (x * r.radius[j]) / norms[j]))).toBeLessThanOrEqual(1e-12)
      }
      if (eta >= total) expect(maxDiff(r.W, W)).toBe(0)
    }
  })

  it('l1inf: columns clipped to [−t_j, t_j] with t = projL1(column max |w|, η)', () => {
    const rng = new Rng(31)
    for (let trial = 0; trial < 30; trial++) {
      const h = 1 + rng.int(20)
      const d = 1 + rng.int(100)
      const W = randomWeights(rng, h, d)
      const maxima = Array.from({ length: d }, (_, j) => normInf(column(W, h, d, j)))
      const eta = maxima.reduce((a, b) => a + b, 0) * rng.uniform(0.01, 1.2)
      const r = projL1inf(W, h, d, eta)
      expect(maxDiff(r.radius, projL1Sort(maxima, eta))).toBeLessThanOrEqual(1e-12)
      let mismatches = 0
      for (let k = 0; k < h * d; k++) {
        const t = r.radius[k % d]
        if (r.W[k] !== Math.max(-t, Math.min(t, W[k]))) mismatches++ // +0 and −0 alike
      }
      expect(mismatches).toBe(0)
      expect(Array.from(r.kept)).toEqual(Array.from({ length: d }, (_, j) => j).filter((j) => r.radius[j] > 0))
    }
  })

  it('project dispatches on the kind', () => {
    const rng = new Rng(1)
    const W = randomWeights(rng, 5, 20)
    for (const [kind, fn] of [['l11', projL11], ['l21', projL21], ['l1inf', projL1inf]] as const)
      expect(Array.from(project(kind, W, 5, 20, 0.7).W)).toEqual(Array.from(fn(W, 5, 20, 0.7).W))
  })
})

describe('projecting in place', () => {
  it('out may be W itself, for every kind and for few or many kept columns', () => {
    const rng = new Rng(12)
    for (const kind of ['l11', 'l21', 'l1inf'] as const) {
      for (const eta of [0.05, 0.5, 50]) {
        const W = randomWeights(rng, 6, 40, 'f32') as Float32Array
        const expected = project(kind, W, 6, 40, eta)
        const copy = Float32Array.from(W)
        const r = project(kind, copy, 6, 40, eta, copy)
        expect(r.W).toBe(copy)
        expect(Array.from(copy)).toEqual(Array.from(expected.W))
        expect(Array.from(r.kept)).toEqual(Array.from(expected.kept))
      }
    }
  })
})

describe('kept columns at the edge of float32', () => {
  it('a budget too small to store in float32 leaves the column zero and not kept', () => {
    for (const kind of ['l11', 'l21', 'l1inf'] as const) {
      const W32 = Float32Array.from([1e-44, 1e-44, -1e-44, -1e-44]) // two equal subnormal columns share the budget
      const r32 = project(kind, W32, 2, 2, 1e-45)
      expect(r32.radius[0]).toBeGreaterThan(0)
      expect(Array.from(r32.W).every((x) => x === 0)).toBe(true)
      expect(Array.from(r32.kept)).toEqual([])
      const r64 = project(kind, Float64Array.from(W32), 2, 2, 1e-45)
      expect(Array.from(r64.kept)).toEqual([0, 1])
    }
  })
})

describe('mask and kept features', () => {
  it('mask is 1 where |w| ≥ threshold; kept features are the columns with a 1', () => {
    const h = 2
    const d = 4
    const W = Float32Array.from([0, 1e-4, -2e-4, 0, 5e-5, 0, 0.3, -1e-4])
    const mask = maskFromWeights(W)
    expect(Array.from(mask)).toEqual([0, 1, 1, 0, 0, 0, 1, 1])
    expect(Array.from(keptFeaturesFromMask(mask, h, d))).toEqual([1, 2, 3])
    expect(Array.from(maskFromWeights(W, 0.1))).toEqual([0, 0, 0, 0, 0, 0, 1, 0])
    expect(() => keptFeaturesFromMask(mask, 3, 4)).toThrow(RangeError)
  })
})

describe('etaForFeatureCount', () => {
  const count = (kind: ProjectionKind, W: Float32Array, h: number, d: number, eta: number): number =>
    keptFeaturesFromMask(maskFromWeights(project(kind, W, h, d, eta).W), h, d).length

  it('finds an η keeping exactly the target number of features (all three kinds)', () => {
    const rng = new Rng(77)
    const h = 16
    const d = 300
    const W = randomWeights(rng, h, d, 'f32') as Float32Array
    for (const kind of ['l11', 'l21', 'l1inf'] as const) {
      for (const target of [1, 2, 5, 8, 40, 150, 299]) {
        const r = etaForFeatureCount(kind, W, h, d, target)
        expect(r.kept).toBe(count(kind, W, h, d, r.eta))
        expect(r.kept).toBe(target)
      }
    }
  })

  it('the count it reports is what project() and the mask give, on varied layers (float32 and float64)', () => {
    const rng = new Rng(78)
    for (let trial = 0; trial < 12; trial++) {
      const h = 1 + rng.int(12)
      const d = 2 + rng.int(120)
      const W = randomWeights(rng, h, d, trial % 2 ? 'f32' : 'f64')
      for (const kind of ['l11', 'l21', 'l1inf'] as const) {
        const target = 1 + rng.int(d)
        const r = etaForFeatureCount(kind, W, h, d, target)
        const k = keptFeaturesFromMask(maskFromWeights(project(kind, W, h, d, r.eta).W), h, d).length
        expect(r.kept).toBe(k)
        expect(r.kept).toBeGreaterThan(0)
      }
    }
  })

  it('returns the full norm when every feature is wanted, and the closest count when a tie makes the target unreachable', () => {
    const h = 3
    const d = 6
    // columns 0..2 identical: they enter together, so 1 and 2 features are unreachable
    const W = new Float32Array(h * d)
    for (let i = 0; i < h; i++) {
      for (let j = 0; j < 3; j++) W[i * d + j] = 0.5
      W[i * d + 3] = 0.2
      W[i * d + 4] = 0.1
      W[i * d + 5] = -0.05
    }
    const all = etaForFeatureCount('l11', W, h, d, d)
    expect(all.kept).toBe(d)
    expect(count('l11', W, h, d, all.eta)).toBe(d)
    // 0 features is nearer to 1 than 3, but a projection that keeps nothing is never returned
    const one = etaForFeatureCount('l11', W, h, d, 1)
    expect(one.kept).toBe(3)
    expect(count('l11', W, h, d, one.eta)).toBe(3)
    const two = etaForFeatureCount('l11', W, h, d, 2)
    expect(two.kept).toBe(3) // |3 − 2| = 1 < |0 − 2| = 2
    const four = etaForFeatureCount('l11', W, h, d, 4)
    expect(four.kept).toBe(4)
    expect(count('l11', W, h, d, four.eta)).toBe(4)
  })

  it('validates the target', () => {
    const W = new Float32Array(6).fill(0.5)
    expect(() => etaForFeatureCount('l11', W, 2, 3, 0)).toThrow(UserError)
    expect(() => etaForFeatureCount('l11', W, 2, 3, 4)).toThrow(UserError)
    expect(() => etaForFeatureCount('l11', W, 2, 3, 1.5)).toThrow(UserError)
  })
})
