// Fixture: test/fixtures/shared/preprocess.json, copied from ../shared/fixtures (numpy 1.24 / scikit-learn 1.2.1).
import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { applyPreprocess, fitPreprocess, histogram } from '../../../src/core/preprocess'
import { UserError } from '../../../src/core/types'

interface PreprocessFixture {
  X: number[][]
  log: number[][]
  logCentered: number[][]
  logCenteredScaled: number[][]
}
const fixture: PreprocessFixture = JSON.parse(
  readFileSync(join(__dirname, '../../fixtures/shared/preprocess.json'), 'utf8')
)
const n = fixture.X.length
const d = fixture.X[0].length
const X = Float32Array.from(fixture.X.flat())

function expectClose(actual: Float32Array, expected: number[][], tol: number): void {
  const flat = expected.flat()
  expect(actual.length).toBe(flat.length)
  for (let i = 0; i < flat.length; i++) {
    expect(Number.isFinite(actual[i])).toBe(true)
    expect(Math.abs(actual[i] - flat[i])).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(flat[i])))
  }
}

describe('preprocess against numpy', () => {
  it('log only equals ln(|x|+1)', () => {
    const p = fitPreprocess(X, n, d, { log: true, center: false, scale: false })
    expect(p.mean).toBeUndefined()
    expectClose(applyPreprocess(X, n, d, p), fixture.log, 1e-6)
  })
  it('log + centre', () => {
    const p = fitPreprocess(X, n, d, { log: true, center: true, scale: false })
    expect(p.mean!.length).toBe(d)
    expect(p.sd).toBeUndefined()
    const out = applyPreprocess(X, n, d, p)
    expectClose(out, fixture.logCentered, 1e-6)
    for (let i = 0; i < n; i++) expect(out[i * d + 3]).toBe(0) // feature 4 is constant: exactly 0 once centred
  })
  it('log + centre + scale (population sd), constant feature stays 0', () => {
    const p = fitPreprocess(X, n, d, { log: true, center: true, scale: true })
    const out = applyPreprocess(X, n, d, p)
    expectClose(out, fixture.logCenteredScaled, 1e-5)
    // The fixture has a constant feature: its sd is 0 and its values 0, never NaN.
    const constant = [...Array(d).keys()].filter((j) => fixture.X.every((row) => row[j] === fixture.X[0][j]))
    expect(constant.length).toBeGreaterThan(0)
    for (const j of constant) {
      expect(p.sd![j]).toBe(0)
      for (let i = 0; i < n; i++) expect(out[i * d + j]).toBe(0)
    }
    // Each non-constant column now has mean 0 and population sd 1.
    for (let j = 0; j < d; j++) {
      if (constant.includes(j)) continue
      let s = 0
      let ss = 0
      for (let i = 0; i < n; i++) s += out[i * d + j]
      for (let i = 0; i < n; i++) ss += (out[i * d + j] - s / n) ** 2
      expect(Math.abs(s / n)).toBeLessThan(1e-6)
      expect(Math.sqrt(ss / n)).toBeCloseTo(1, 5)
    }
  })
  it('does not modify its input and re-applies stored parameters to new data', () => {
    const copy = X.slice()
    const p = fitPreprocess(X, n, d, { log: true, center: true, scale: true })
    applyPreprocess(X, n, d, p)
    expect(X).toEqual(copy)
    const firstRow = applyPreprocess(X.subarray(0, d), 1, d, p)
    const all = applyPreprocess(X, n, d, p)
    expect(Array.from(firstRow)).toEqual(Array.from(all.subarray(0, d)))
  })
  it('scale without centre divides by the sd around the mean (scikit-learn scale(with_mean=False))', () => {
    const Y = Float32Array.from([1, 5, 3, 5, 5, 5])
    const p = fitPreprocess(Y, 3, 2, { log: false, center: false, scale: true })
    expect(p.sd![0]).toBeCloseTo(Math.sqrt(8 / 3), 12)
    expect(p.sd![1]).toBe(0)
    const out = applyPreprocess(Y, 3, 2, p)
    expect(out[0]).toBeCloseTo(1 / Math.sqrt(8 / 3), 6)
    expect(out[1]).toBe(5)
  })
  it('rejects a wrong shape and missing parameters with UserErrors', () => {
    expect(() => fitPreprocess(X, n, d + 1, { log: false, center: true, scale: false })).toThrow(UserError)
    expect(() => applyPreprocess(X, n, d, { log: false, center: true, scale: false })).toThrow(/feature means/)
  })
})

describe('histogram', () => {
  it('counts every finite value once, numpy edges', () => {
    const h = histogram([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, NaN, Infinity], 5)
    expect(h.edges).toEqual([0, 2, 4, 6, 8, 10])
    expect(h.counts).toEqual([2, 2, 2, 2, 3]) // last bin closed on the right
  })
  it('is robust when all values are equal or none is finite', () => {
    const h = histogram(new Float32Array([3, 3, 3]), 4)
    expect(h.edges[0]).toBe(2.5)
    expect(h.edges[4]).toBe(3.5)
    expect(h.counts.reduce((a, b) => a + b, 0)).toBe(3)
    const e = histogram([NaN], 3)
    expect(e.counts).toEqual([0, 0, 0])
    expect(e.edges.every(Number.isFinite)).toBe(true)
  })
  it('puts values on inner edges in the upper bin and rejects bad bin counts', () => {
    const h = histogram([0, 0.1, 0.2, 0.3, 1], 10)
    expect(h.counts.reduce((a, b) => a + b, 0)).toBe(5)
    expect(h.counts[1]).toBe(1)
    expect(h.counts[2]).toBe(1)
    expect(h.counts[3]).toBe(1)
    expect(() => histogram([1, 2], 0)).toThrow(UserError)
  })
})
