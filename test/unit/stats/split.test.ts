import { describe, expect, it } from 'vitest'
import { makeSplit } from '../../../src/core/split'
import { UserError } from '../../../src/core/types'

function labels(counts: number[], unlabelled = 0): Int32Array {
  const y: number[] = []
  // Interleave classes so a split that ignored the class would be visible.
  const left = counts.slice()
  while (left.some((m) => m > 0)) for (let c = 0; c < left.length; c++) if (left[c]-- > 0) y.push(c)
  for (let i = 0; i < unlabelled; i++) y.splice((i * 7) % (y.length + 1), 0, -1)
  return Int32Array.from(y)
}
const classes3 = ['A', 'B', 'C']

function hiddenIndices(roles: string[]): number[] {
  return roles.flatMap((r, i) => (r === 'hidden' ? [i] : []))
}

function expectUserError(f: () => unknown, code: string, message: RegExp): void {
  try {
    f()
  } catch (e) {
    expect(e).toBeInstanceOf(UserError)
    expect((e as UserError).code).toBe(code)
    expect((e as UserError).message).toMatch(message)
    return
  }
  throw new Error('expected a UserError')
}

describe('makeSplit given', () => {
  it('trains on the labelled samples and predicts the unlabelled ones', () => {
    const y = labels([4, 3], 5)
    const s = makeSplit(y, ['a', 'b'], { mode: 'given' })
    expect(s.mode).toBe('given')
    for (let i = 0; i < y.length; i++) {
      expect(s.role[i]).toBe(y[i] >= 0 ? 'labelled' : 'unlabelled')
      expect(s.yTrain[i]).toBe(y[i])
      expect(s.yTrue[i]).toBe(y[i])
    }
  })
  it('refuses when nothing is unlabelled', () => {
    expectUserError(() => makeSplit(labels([4, 3]), ['a', 'b'], { mode: 'given' }), 'nothing-to-predict', /^Nothing to predict: all 7 samples are labelled/)
  })
})

describe('makeSplit hidden', () => {
  const y = labels([50, 30, 21], 9)
  const opts = { mode: 'hidden' as const, fraction: 0.4, seed: 7 }

  it('hides round(fraction × count) of each class exactly, without duplicates', () => {
    const s = makeSplit(y, classes3, opts)
    const hidden = hiddenIndices(s.role)
    expect(new Set(hidden).size).toBe(hidden.length)
    const perClass = [0, 0, 0]
    for (const i of hidden) perClass[y[i]]++
    expect(perClass).toEqual([20, 12, 8]) // 0.4 × 21 = 8.4 → 8
    for (let i = 0; i < y.length; i++) {
      if (y[i] < 0) expect(s.role[i]).toBe('unlabelled')
      expect(s.yTrue[i]).toBe(y[i])
      expect(s.yTrain[i]).toBe(s.role[i] === 'labelled' ? y[i] : -1)
    }
    expect(s.seed).toBe(7)
    expect(s.fraction).toBe(0.4)
  })
  it('is deterministic per seed and differs between seeds', () => {
    const a = hiddenIndices(makeSplit(y, classes3, opts).role)
    const b = hiddenIndices(makeSplit(y, classes3, opts).role)
    const c = hiddenIndices(makeSplit(y, classes3, { ...opts, seed: 8 }).role)
    expect(a).toEqual(b)
    expect(c).not.toEqual(a)
    expect(c.length).toBe(a.length)
  })
  it('rounds halves up', () => {
    const s = makeSplit(labels([5, 7]), ['a', 'b'], { mode: 'hidden', fraction: 0.5, seed: 1 })
    const counts = [0, 0]
    for (const i of hiddenIndices(s.role)) counts[s.yTrue[i]]++
    expect(counts).toEqual([3, 4]) // 2.5 → 3, 3.5 → 4
  })
  it('rejects fractions outside (0, 1)', () => {
    for (const f of [0, 1, -0.2, 1.5, NaN]) {
      expectUserError(() => makeSplit(y, classes3, { mode: 'hidden', fraction: f, seed: 1 }), 'bad-fraction', /strictly between 0 and 1/)
    }
  })
  it('names a class left with fewer than 2 labelled samples for training', () => {
    expectUserError(
      () => makeSplit(labels([10, 3]), ['ctrl', 'case'], { mode: 'hidden', fraction: 0.6, seed: 1 }),
      'class-too-small',
      /Class 'case' .*3 labelled samples and hiding 0.6 of them leaves 1/
    )
    expectUserError(() => makeSplit(labels([10, 1], 3), ['ctrl', 'case'], { mode: 'given' }), 'class-too-small', /Class 'case' .*1 labelled sample\b/)
  })
  it('refuses a single class and a split with nothing to predict', () => {
    expectUserError(() => makeSplit(labels([10], 4), ['only'], { mode: 'given' }), 'single-class', /Only one class \('only'\)/)
    expectUserError(() => makeSplit(labels([0, 6], 4), ['a', 'b'], { mode: 'given' }), 'single-class', /'b'/)
    expectUserError(() => makeSplit(labels([2, 2]), ['a', 'b'], { mode: 'hidden', fraction: 0.1, seed: 3 }), 'nothing-to-predict', /^Nothing to predict/)
  })
  it('rejects class indices out of range', () => {
    expectUserError(() => makeSplit(Int32Array.from([0, 1, 2, -1]), ['a', 'b'], { mode: 'given' }), 'bad-label-index', /Sample 3/)
  })
})
