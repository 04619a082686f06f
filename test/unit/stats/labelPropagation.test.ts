// Fixture: test/fixtures/shared/label_propagation.json, copied from ../shared/fixtures (scikit-learn 1.2.1
// LabelPropagation / LabelSpreading: transductive fit with the hidden samples marked -1, and fit on the
// labelled samples only followed by predict_proba on the hidden ones).
import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fitLabelGraph, type LabelGraphOptions } from '../../../src/core/graph/labelPropagation'
import { kNearestNeighbors } from '../../../src/core/graph/distances'
import { Rng } from '../../../src/core/random'
import { UserError } from '../../../src/core/types'

interface GraphCase {
  algorithm: 'LabelPropagation' | 'LabelSpreading'
  kernel: 'knn' | 'rbf'
  params: { n_neighbors?: number; gamma?: number }
  defaults: { gamma: number; n_neighbors: number; max_iter: number; tol: number; alpha?: number }
  X: number[]
  n: number
  d: number
  y: number[]
  hidden: number[]
  transductive: { sklearnGaveNaN: boolean; labelDistributions: number[][]; transduction: number[] }
  labelledOnly: { sklearnGaveNaN: boolean; probaHidden: (number | null)[][]; predHidden: number[] }
}
const cases: GraphCase[] = JSON.parse(readFileSync(join(__dirname, '../../fixtures/shared/label_propagation.json'), 'utf8')).cases

function optionsOf(c: GraphCase, fit: 'transductive' | 'labelled'): LabelGraphOptions {
  return {
    algorithm: c.algorithm === 'LabelPropagation' ? 'propagation' : 'spreading',
    kernel: c.kernel,
    neighbors: c.defaults.n_neighbors,
    gamma: c.defaults.gamma,
    fit,
    alpha: c.defaults.alpha,
    maxIter: c.defaults.max_iter,
    tol: c.defaults.tol
  }
}

function trainLabels(c: GraphCase): Int32Array {
  const y = Int32Array.from(c.y)
  for (const i of c.hidden) y[i] = -1
  return y
}

function maxAbsDiff(actual: Float32Array, expected: number[][], rows: number[] | null, k: number): number {
  let worst = 0
  expected.forEach((row, r) => {
    const i = rows ? rows[r] : r
    row.forEach((v, c) => (worst = Math.max(worst, Math.abs(actual[i * k + c] - (v as number)))))
  })
  return worst
}

describe('fitLabelGraph against scikit-learn 1.2', () => {
  cases.forEach((c, index) => {
    const k = Math.max(...c.y) + 1
    const label = `case ${index}: ${c.algorithm} ${c.kernel} ${JSON.stringify(c.params)}, ${c.n} × ${c.d}, ${k} classes`
    it(`${label}, transductive`, () => {
      const r = fitLabelGraph(Float64Array.from(c.X), c.n, c.d, trainLabels(c), k, optionsOf(c, 'transductive'))
      expect(c.transductive.sklearnGaveNaN).toBe(false)
      expect(maxAbsDiff(r.proba, c.transductive.labelDistributions, null, k)).toBeLessThanOrEqual(1e-6)
      expect(Array.from(r.predicted)).toEqual(c.transductive.transduction)
      expect(r.proba.every(Number.isFinite)).toBe(true)
      const unreached = c.transductive.labelDistributions.filter((row) => row.every((v) => v === 0)).length
      expect(r.warnings.some((w) => w.includes('received no label'))).toBe(unreached > 0)
      if (unreached > 0) {
        // sklearn keeps all-zero rows where every rbf affinity underflowed; we keep its numbers and explain.
        expect(r.warnings.join(' ')).toMatch(/^\d+ of 24 unlabelled samples received no label.*gamma = 20 and a typical squared distance of [\d.]+.*'knn'/)
      }
    })
    it(`${label}, labelled samples only`, () => {
      const run = () => fitLabelGraph(Float64Array.from(c.X), c.n, c.d, trainLabels(c), k, optionsOf(c, 'labelled'))
      if (c.labelledOnly.sklearnGaveNaN) {
        expect(run).toThrow(UserError)
        try {
          run()
        } catch (e) {
          expect((e as UserError).code).toBe('rbf-underflow')
          expect((e as UserError).message).toMatch(/gamma = 20 .*typical squared distance of .*knn/)
        }
        return
      }
      const r = run()
      expect(maxAbsDiff(r.proba, c.labelledOnly.probaHidden as number[][], c.hidden, k)).toBeLessThanOrEqual(1e-6)
      expect(c.hidden.map((i) => r.predicted[i])).toEqual(c.labelledOnly.predHidden)
      expect(r.proba.every(Number.isFinite)).toBe(true)
    })
  })

  it('float32 input (what the app passes) stays within 1e-5 of scikit-learn', () => {
    for (const c of cases) {
      const k = Math.max(...c.y) + 1
      const r = fitLabelGraph(Float32Array.from(c.X), c.n, c.d, trainLabels(c), k, optionsOf(c, 'transductive'))
      expect(maxAbsDiff(r.proba, c.transductive.labelDistributions, null, k)).toBeLessThanOrEqual(1e-5)
      if (c.labelledOnly.sklearnGaveNaN) continue
      const l = fitLabelGraph(Float32Array.from(c.X), c.n, c.d, trainLabels(c), k, optionsOf(c, 'labelled'))
      expect(maxAbsDiff(l.proba, c.labelledOnly.probaHidden as number[][], c.hidden, k)).toBeLessThanOrEqual(1e-5)
    }
  })
})

describe('fitLabelGraph details', () => {
  const rng = new Rng(3)
  const n = 40
  const d = 5
  const X = new Float32Array(n * d)
  for (let i = 0; i < n; i++) for (let t = 0; t < d; t++) X[i * d + t] = rng.normal() + (i % 2) * 3 * (t === 0 ? 1 : 0)
  const y = Int32Array.from({ length: n }, (_, i) => (i < 30 ? i % 2 : -1))
  const base: LabelGraphOptions = { algorithm: 'propagation', kernel: 'knn', neighbors: 7, gamma: 20, fit: 'transductive' }

  it('validates its parameters with clear UserErrors', () => {
    const bad: [Partial<LabelGraphOptions>, RegExp][] = [
      [{ neighbors: 0 }, /neighbours must be a whole number ≥ 1/],
      [{ neighbors: 2.5 }, /neighbours/],
      [{ neighbors: 41 }, /n_neighbors ≤ the number of samples.*41 neighbours asked, 40 samples/],
      [{ kernel: 'rbf', gamma: 0 }, /gamma must be a positive number/],
      [{ algorithm: 'spreading', alpha: 1 }, /alpha must be strictly between 0 and 1/],
      [{ maxIter: 0 }, /iterations/],
      [{ tol: -1 }, /tolerance/]
    ]
    for (const [change, message] of bad) {
      expect(() => fitLabelGraph(X, n, d, y, 2, { ...base, ...change })).toThrow(message)
    }
    expect(() => fitLabelGraph(X, n, d, y, 2, { ...base, fit: 'labelled', neighbors: 31 })).toThrow(/30 samples \(labelled samples only/)
    expect(() => fitLabelGraph(X, n, d + 1, y, 2, base)).toThrow(UserError)
    expect(() => fitLabelGraph(X, n, d, new Int32Array(n).fill(-1), 2, base)).toThrow(/No sample is labelled/)
    const withNaN = X.slice()
    withNaN[7] = NaN
    expect(() => fitLabelGraph(withNaN, n, d, y, 2, base)).toThrow(/Sample 2, feature 3/)
  })
  it('labelled samples keep their label in propagation; every row is a distribution', () => {
    for (const algorithm of ['propagation', 'spreading'] as const) {
      for (const fit of ['transductive', 'labelled'] as const) {
        const r = fitLabelGraph(X, n, d, y, 2, { ...base, algorithm, fit })
        for (let i = 0; i < n; i++) expect(r.proba[2 * i] + r.proba[2 * i + 1]).toBeCloseTo(1, 6)
        if (algorithm === 'propagation' && fit === 'transductive') {
          for (let i = 0; i < 30; i++) expect(r.proba[2 * i + y[i]]).toBe(1)
        }
        // Well-separated classes: the unlabelled samples are found.
        let correct = 0
        for (let i = 30; i < n; i++) if (r.predicted[i] === i % 2) correct++
        expect(correct).toBeGreaterThanOrEqual(9)
      }
    }
  })
  it('reports non-convergence when max_iter is reached', () => {
    const r = fitLabelGraph(X, n, d, y, 2, { ...base, maxIter: 1 })
    expect(r.converged).toBe(false)
    expect(r.iterations).toBe(1)
    expect(r.warnings.join(' ')).toMatch(/max_iter = 1/)
  })
})

describe('kNearestNeighbors', () => {
  it('matches a brute-force sort, symmetric and not, across tile edges', () => {
    const rng = new Rng(11)
    const n = 150
    const m = 70
    const d = 1100 // more than one feature chunk
    const X = new Float32Array(n * d).map(() => rng.normal())
    const R = X.subarray(0, m * d)
    const brute = (q: number, rows: number, k: number) => {
      const dist = Array.from({ length: rows }, (_, j) => {
        let s = 0
        for (let t = 0; t < d; t++) s += (X[q * d + t] - X[j * d + t]) ** 2
        return { j, s: j === q ? 0 : s }
      })
      return dist.sort((a, b) => a.s - b.s || a.j - b.j).slice(0, k).map((e) => e.j)
    }
    const sym = kNearestNeighbors(X, n, X, n, d, 5, true)
    const cross = kNearestNeighbors(X, n, R, m, d, 4, false)
    for (let q = 0; q < n; q++) {
      expect(Array.from(sym.subarray(q * 5, q * 5 + 5))).toEqual(brute(q, n, 5))
      expect(Array.from(cross.subarray(q * 4, q * 4 + 4)).sort((a, b) => a - b)).toEqual(brute(q, m, 4).sort((a, b) => a - b))
    }
  })
})
