import { describe, expect, it } from 'vitest'
import { recommendPreprocess } from '../../../src/core/dataset'

/** n × d matrix from a value function (deterministic). */
function matrix(n: number, d: number, f: (i: number, j: number) => number): Float32Array {
  const X = new Float32Array(n * d)
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) X[i * d + j] = f(i, j)
  return X
}
const wave = (i: number, j: number) => Math.sin(i * 1.7 + j * 0.3) // in [-1, 1]

describe('recommendPreprocess', () => {
  it('negative values: no log, and says why', () => {
    const r = recommendPreprocess(matrix(30, 5, (i, j) => 2 * wave(i, j) + 0.5), 30, 5)
    expect(r.preprocess.log).toBe(false)
    expect(r.reasons[0]).toMatch(/negative/)
    expect(r.reasons[0]).toMatch(/fold/)
    expect(r.preprocess.center && r.preprocess.scale).toBe(true)
  })

  it('values already in a log range: no log', () => {
    const r = recommendPreprocess(matrix(30, 5, (i, j) => 12 + 3 * wave(i, j)), 30, 5)
    expect(r.preprocess).toEqual({ log: false, center: true, scale: true })
    expect(r.reasons[0]).toMatch(/log scale/)
  })

  it('raw intensities over orders of magnitude: log', () => {
    const r = recommendPreprocess(matrix(40, 6, (i, j) => Math.exp(5 + 4 * wave(i, j))), 40, 6)
    expect(r.preprocess).toEqual({ log: true, center: true, scale: true })
    expect(r.reasons[0]).toMatch(/orders of magnitude/)
  })

  it('standardised data: nothing to do', () => {
    const n = 50
    const d = 4
    const X = matrix(n, d, wave)
    for (let j = 0; j < d; j++) {
      let m = 0
      for (let i = 0; i < n; i++) m += X[i * d + j] / n
      let v = 0
      for (let i = 0; i < n; i++) v += (X[i * d + j] - m) ** 2 / n
      for (let i = 0; i < n; i++) X[i * d + j] = (X[i * d + j] - m) / Math.sqrt(v)
    }
    const r = recommendPreprocess(X, n, d)
    expect(r.preprocess).toEqual({ log: false, center: false, scale: false })
    expect(r.reasons.join(' ')).toMatch(/already has mean ≈ 0/)
  })

  it('ignores missing values and mentions constant features', () => {
    const X = matrix(10, 3, (i, j) => (j === 2 ? 4 : i === 3 ? NaN : 5 + i + j))
    const r = recommendPreprocess(X, 10, 3)
    expect(r.reasons.join(' ')).toMatch(/1 feature has the same value/)
    expect(r.reasons.join(' ')).not.toMatch(/NaN/)
  })

  it('validates its shape', () => {
    expect(() => recommendPreprocess(new Float32Array(5), 2, 3)).toThrow(/n × d/)
  })
})
