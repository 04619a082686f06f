import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Rng } from '../../../src/core/random'
import { l1Threshold, l1ThresholdSort, projL1, projL1Sort } from '../../../src/core/projection/l1'

// proj_l1.json: copied from ../shared/fixtures (tools/make_fixtures.py, numpy 1.24.2, sort-based projection).
const fixture = JSON.parse(readFileSync(join(__dirname, '../../fixtures/shared/proj_l1.json'), 'utf8')) as {
  cases: { v: number[]; eta: number; expected: number[] }[]
}

const l1 = (v: ArrayLike<number>): number => {
  let s = 0
  for (let i = 0; i < v.length; i++) s += Math.abs(v[i])
  return s
}

function expectClose(a: ArrayLike<number>, b: ArrayLike<number>, tol: number): void {
  expect(a.length).toBe(b.length)
  let worst = 0
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]))
  expect(worst).toBeLessThanOrEqual(tol)
}

/** Checks what any projection onto the l1 ball must satisfy, beside agreement with the oracle. */
function checkProjection(v: Float64Array, eta: number): void {
  const fast = projL1(v, eta)
  const oracle = projL1Sort(v, eta)
  const scale = Math.max(1, l1(v))
  expectClose(fast, oracle, 1e-12 * scale)
  const norm = l1(v)
  if (eta <= 0) {
    expect(Array.from(fast).every((x) => x === 0)).toBe(true)
  } else if (norm <= eta) {
    expect(Array.from(fast)).toEqual(Array.from(v))
  } else {
    // 1e-9 relative, plus the rounding of |v_i| − τ (a few ulps of ‖v‖₁) that matters only when η ≪ ‖v‖₁
    expect(Math.abs(l1(fast) - eta)).toBeLessThanOrEqual(1e-9 * eta + 1e-15 * norm)
    const tau = l1Threshold(v, eta)
    expect(tau).toBeGreaterThan(0)
    expect(Number.isFinite(tau)).toBe(true)
    // signs kept, magnitudes shrunk by exactly τ or set to zero
    let signFlips = 0
    let worst = 0
    for (let i = 0; i < v.length; i++) {
      if (fast[i] * v[i] < 0) signFlips++
      worst = Math.max(worst, Math.abs(Math.abs(fast[i]) - Math.max(Math.abs(v[i]) - tau, 0)))
    }
    expect(signFlips).toBe(0)
    expect(worst).toBeLessThanOrEqual(1e-12 * scale)
  }
}

describe('projL1 against the shared fixture', () => {
  it('equals proj_l1.json to 1e-9 (fast path and oracle)', () => {
    expect(fixture.cases.length).toBeGreaterThan(0)
    for (const c of fixture.cases) {
      expectClose(projL1(c.v, c.eta), c.expected, 1e-9)
      expectClose(projL1Sort(c.v, c.eta), c.expected, 1e-9)
    }
  })
})

describe('projL1 (Condat) against the sort-based oracle', () => {
  it('agrees on random signed vectors of many sizes and radii', () => {
    const rng = new Rng(20160101)
    for (let trial = 0; trial < 400; trial++) {
      const n = 1 + rng.int(trial < 300 ? 40 : 3000)
      const v = new Float64Array(n)
      const spread = 10 ** rng.uniform(-3, 3)
      for (let i = 0; i < n; i++) v[i] = rng.normal() * spread
      const eta = l1(v) * 10 ** rng.uniform(-4, 0.3)
      checkProjection(v, eta)
    }
  })

  it('returns a copy of v inside the ball, zeros for η ≤ 0', () => {
    const v = Float64Array.from([0.5, -0.25, 0, 0.125])
    const p = projL1(v, 1)
    expect(p).not.toBe(v)
    expect(Array.from(p)).toEqual([0.5, -0.25, 0, 0.125])
    expect(Array.from(projL1(v, 0.875))).toEqual([0.5, -0.25, 0, 0.125]) // on the sphere exactly
    expect(Array.from(projL1(v, 0))).toEqual([0, 0, 0, 0])
    expect(Array.from(projL1(v, -3))).toEqual([0, 0, 0, 0])
    expect(l1Threshold(v, 2)).toBe(0)
    expect(l1Threshold(v, 0)).toBe(Infinity)
    expect(projL1([], 1).length).toBe(0)
    expect(() => projL1(v, NaN)).toThrow(RangeError)
  })

  it('handles ties, zeros and repeated magnitudes with mixed signs', () => {
    const rng = new Rng(7)
    for (let trial = 0; trial < 300; trial++) {
      const n = 1 + rng.int(60)
      const levels = [0, 0.5, 1, 2, 3].slice(0, 1 + rng.int(5))
      const v = new Float64Array(n)
      for (let i = 0; i < n; i++) v[i] = levels[rng.int(levels.length)] * (rng.next() < 0.5 ? -1 : 1)
      const norm = l1(v)
      for (const eta of [1e-300, 1e-12, 0.3, 1, 2.5, norm / 2, norm * 0.999999, norm, norm * 2]) checkProjection(v, eta)
    }
    // a flat vector: every entry shrinks by the same amount
    expectClose(projL1([1, -1, 1, -1], 2), [0.5, -0.5, 0.5, -0.5], 1e-15)
    // all zeros stay zeros
    expect(Array.from(projL1([0, 0, 0], 1))).toEqual([0, 0, 0])
  })

  it('handles tiny and huge η and huge magnitudes', () => {
    const rng = new Rng(99)
    for (let trial = 0; trial < 50; trial++) {
      const n = 2 + rng.int(200)
      const v = new Float64Array(n)
      for (let i = 0; i < n; i++) v[i] = rng.normal() * 1e6
      checkProjection(v, 1e-9)
      checkProjection(v, 1e300)
      checkProjection(v, l1(v) * (1 - 1e-9))
      // tiny η keeps only the largest magnitude
      const p = projL1(v, 1e-9)
      let argmax = 0
      for (let i = 1; i < n; i++) if (Math.abs(v[i]) > Math.abs(v[argmax])) argmax = i
      for (let i = 0; i < n; i++) if (i !== argmax) expect(p[i]).toBe(0)
    }
  })

  it('writes into out when given (including in place) and checks its length', () => {
    const v = Float64Array.from([3, -1, 2])
    const out = new Float64Array(3)
    expect(projL1(v, 2, out)).toBe(out)
    expectClose(out, projL1Sort(v, 2), 1e-15)
    const inPlace = Float64Array.from(v)
    projL1(inPlace, 2, inPlace)
    expectClose(inPlace, out, 1e-15)
    expect(() => projL1(v, 2, new Float64Array(2))).toThrow(RangeError)
  })

  it('thresholds of both algorithms agree', () => {
    const rng = new Rng(3)
    for (let trial = 0; trial < 100; trial++) {
      const v = Array.from({ length: 1 + rng.int(100) }, () => rng.uniform(-1, 1))
      const eta = rng.uniform(0.01, 3)
      expect(Math.abs(l1Threshold(v, eta) - l1ThresholdSort(v, eta))).toBeLessThanOrEqual(1e-12)
    }
  })
})
