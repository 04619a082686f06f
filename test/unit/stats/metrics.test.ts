// Fixture: test/fixtures/shared/metrics.json, copied from ../shared/fixtures (scikit-learn 1.2.1 accuracy_score,
// roc_auc_score, precision/recall/f1 macro, confusion_matrix).
import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { argmaxRows, computeMetrics, computeMetricsFromPredictions, rocCurves } from '../../../src/core/metrics'
import { UserError } from '../../../src/core/types'

interface MetricsCase {
  y: number[]
  proba: number[][]
  pred: number[]
  accuracy: number
  auc: number
  precisionMacro: number
  recallMacro: number
  f1Macro: number
  confusion: number[][]
}
const cases: MetricsCase[] = JSON.parse(readFileSync(join(__dirname, '../../fixtures/shared/metrics.json'), 'utf8')).cases

describe('computeMetrics against scikit-learn', () => {
  cases.forEach((c, caseIndex) => {
    it(`case ${caseIndex}: ${c.proba[0].length} classes, ${c.y.length} samples`, () => {
      const k = c.proba[0].length
      const yTrue = Int32Array.from(c.y)
      const proba = Float64Array.from(c.proba.flat())
      expect(Array.from(argmaxRows(proba, k))).toEqual(c.pred)
      const all = Array.from({ length: c.y.length }, (_, i) => i)
      const m = computeMetrics(yTrue, proba, k, all)!
      expect(m.n).toBe(c.y.length)
      expect(Math.abs(m.accuracy - c.accuracy)).toBeLessThanOrEqual(1e-9)
      expect(Math.abs(m.auc! - c.auc)).toBeLessThanOrEqual(1e-9)
      expect(Math.abs(m.precision - c.precisionMacro)).toBeLessThanOrEqual(1e-9)
      expect(Math.abs(m.recall - c.recallMacro)).toBeLessThanOrEqual(1e-9)
      expect(Math.abs(m.f1 - c.f1Macro)).toBeLessThanOrEqual(1e-9)
      expect(m.confusion).toEqual(c.confusion)
      // The AUC from the plotted curves is the same number.
      const curves = rocCurves(yTrue, proba, k, all)
      expect(curves.length).toBe(k === 2 ? 1 : k)
      const mean = curves.reduce((a, r) => a + r.auc, 0) / curves.length
      expect(Math.abs(mean - c.auc)).toBeLessThanOrEqual(1e-9)
      for (const r of curves) {
        expect(r.fpr[0]).toBe(0)
        expect(r.tpr[r.tpr.length - 1]).toBe(1)
      }
    })
  })
})

describe('metric details', () => {
  it('scores only the subset samples whose truth is known', () => {
    const yTrue = Int32Array.from([0, 1, -1, 1, 0])
    const proba = Float64Array.from([0.9, 0.1, 0.2, 0.8, 0.5, 0.5, 0.3, 0.7, 0.4, 0.6])
    const m = computeMetrics(yTrue, proba, 2, [1, 2, 3, 4])!
    expect(m.n).toBe(3)
    expect(m.accuracy).toBeCloseTo(2 / 3, 12)
    expect(m.confusion).toEqual([[0, 1], [0, 2]])
    expect(m.auc).toBe(1) // class-1 scores 0.8, 0.7 above the class-0 score 0.6
    expect(computeMetrics(yTrue, proba, 2, [2])).toBeNull()
  })
  it('counts tied scores as half (rank-based, like scikit-learn)', () => {
    const yTrue = Int32Array.from([0, 1, 0, 1])
    const proba = Float64Array.from([0.5, 0.5, 0.5, 0.5, 0.8, 0.2, 0.2, 0.8])
    // Pairs (pos, neg): (s1=.5, s0=.5) ½, (.5, .2) 1, (.8, .5) 1, (.8, .2) 1 → 3.5 / 4
    expect(computeMetrics(yTrue, proba, 2, [0, 1, 2, 3])!.auc).toBeCloseTo(0.875, 12)
  })
  it('argmax ties go to the lowest class index', () => {
    expect(Array.from(argmaxRows(Float32Array.from([0.5, 0.5, 0.2, 0.2, 0.4, 0.4]), 3))).toEqual([0, 1])
  })
  it('AUC is null with one class present, precision of a never-predicted class is 0', () => {
    const yTrue = Int32Array.from([1, 1, 1])
    const proba = Float64Array.from([0.9, 0.1, 0.2, 0.8, 0.3, 0.7])
    const m = computeMetrics(yTrue, proba, 2, [0, 1, 2])!
    expect(m.auc).toBeNull()
    // labels present: {0, 1}; class 0: p = 0 (1 prediction, wrong), r = 0 (no truth); class 1: p = 1, r = 2/3.
    expect(m.precision).toBeCloseTo(0.5, 12)
    expect(m.recall).toBeCloseTo(1 / 3, 12)
    expect(m.f1).toBeCloseTo(0.4, 12)
    expect(Object.values(m).every((v) => v === null || Array.isArray(v) || Number.isFinite(v))).toBe(true)
  })
  it('multiclass AUC averages the classes present with both outcomes', () => {
    const yTrue = Int32Array.from([0, 0, 1, 1])
    const proba = Float64Array.from([0.8, 0.1, 0.1, 0.6, 0.3, 0.1, 0.2, 0.7, 0.1, 0.1, 0.5, 0.4])
    const m = computeMetrics(yTrue, proba, 3, [0, 1, 2, 3])!
    expect(m.auc).toBeCloseTo(1, 12)
    expect(m.confusion[2]).toEqual([0, 0, 0])
  })
  it('from predictions alone: no AUC', () => {
    const m = computeMetricsFromPredictions(Int32Array.from([0, 1]), Int32Array.from([0, 0]), 2, [0, 1])!
    expect(m.auc).toBeNull()
    expect(m.accuracy).toBe(0.5)
  })
  it('rejects bad shapes and indices with UserErrors', () => {
    expect(() => computeMetrics(Int32Array.from([0, 1]), Float64Array.from([1, 0, 0]), 2, [0])).toThrow(UserError)
    expect(() => computeMetrics(Int32Array.from([0, 1]), Float64Array.from([1, 0, 0, 1]), 2, [5])).toThrow(/outside/)
  })
})
