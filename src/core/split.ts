// Which samples the methods train on and which they are scored on.
// 'given': the file's labelled samples train, its unlabelled ones are predicted.
// 'hidden' (the paper's benchmark, done properly): hide a fraction of the labelled samples, stratified by class,
// without replacement, from a seed; score on them.
//
// Rule for the hidden count of a class with m labelled samples: h = round(fraction × m) (halves round up),
// at most m − 1. Every class must keep at least 2 labelled samples for training, otherwise the split stops with
// a UserError naming the class and its counts (rather than silently hiding fewer than asked).
import { Rng } from './random'
import { UserError } from './types'
import type { SampleRole, Split, SplitOptions } from './types'

/** Fewest labelled samples of a class the methods may train on. */
export const MIN_TRAINING_PER_CLASS = 2

function className(classes: string[], c: number): string {
  return `'${classes[c]}'`
}

function validateLabels(y: Int32Array, classes: string[]): number[] {
  const counts = new Array<number>(classes.length).fill(0)
  for (let i = 0; i < y.length; i++) {
    const c = y[i]
    if (c < -1 || c >= classes.length) {
      throw new UserError('bad-label-index', `Sample ${i + 1} has class index ${c}; expected -1 (unlabelled) or 0..${classes.length - 1}.`)
    }
    if (c >= 0) counts[c]++
  }
  const present = counts.filter((m) => m > 0).length
  if (present < 2) {
    const only = counts.findIndex((m) => m > 0)
    throw new UserError(
      'single-class',
      present === 0
        ? 'No sample has a label: at least two classes with labelled samples are needed.'
        : `Only one class (${className(classes, only)}) has labelled samples: at least two classes are needed to classify.`
    )
  }
  return counts
}

function checkTrainingCounts(classes: string[], labelled: number[], hidden: number[], fraction?: number): void {
  for (let c = 0; c < classes.length; c++) {
    const kept = labelled[c] - hidden[c]
    if (kept >= MIN_TRAINING_PER_CLASS) continue
    const detail =
      fraction === undefined
        ? `it has ${labelled[c]} labelled sample${labelled[c] === 1 ? '' : 's'}`
        : `it has ${labelled[c]} labelled sample${labelled[c] === 1 ? '' : 's'} and hiding ${fraction} of them leaves ${kept}`
    throw new UserError(
      'class-too-small',
      `Class ${className(classes, c)} has fewer than ${MIN_TRAINING_PER_CLASS} labelled samples to train on: ${detail}.` +
        (fraction === undefined ? ' Label more samples of this class or remove it.' : ' Hide a smaller fraction, or label more samples of this class.')
    )
  }
}

/** Split samples into labelled / hidden / unlabelled. y: class index per sample, -1 = unlabelled. */
export function makeSplit(y: Int32Array, classes: string[], options: SplitOptions): Split {
  const n = y.length
  const labelledCounts = validateLabels(y, classes)
  const unlabelled = y.reduce((a, c) => a + (c < 0 ? 1 : 0), 0)
  const role: SampleRole[] = new Array(n)
  const yTrain = new Int32Array(n).fill(-1)
  const yTrue = new Int32Array(n).fill(-1)
  for (let i = 0; i < n; i++) {
    role[i] = y[i] >= 0 ? 'labelled' : 'unlabelled'
    yTrue[i] = y[i]
  }

  if (options.mode === 'given') {
    if (unlabelled === 0) {
      throw new UserError(
        'nothing-to-predict',
        `Nothing to predict: all ${n} samples are labelled. Hide a fraction of them to benchmark (e.g. --hide 0.4), or add unlabelled samples.`
      )
    }
    checkTrainingCounts(classes, labelledCounts, new Array(classes.length).fill(0))
    for (let i = 0; i < n; i++) yTrain[i] = y[i]
    return { mode: 'given', role, yTrain, yTrue }
  }

  if (options.mode !== 'hidden') {
    throw new UserError('bad-split', `Unknown split mode '${(options as { mode: unknown }).mode}': expected 'given' or 'hidden'.`)
  }
  const { fraction, seed } = options
  if (typeof fraction !== 'number' || !(fraction > 0 && fraction < 1)) {
    throw new UserError('bad-fraction', `The hidden fraction must be strictly between 0 and 1 (got ${fraction}).`)
  }
  if (typeof seed !== 'number' || !Number.isFinite(seed)) {
    throw new UserError('bad-seed', `The seed must be a finite number (got ${seed}).`)
  }
  const hiddenCounts = labelledCounts.map((m) => (m === 0 ? 0 : Math.min(Math.round(fraction * m), m - 1)))
  const totalHidden = hiddenCounts.reduce((a, b) => a + b, 0)
  if (totalHidden === 0 && unlabelled === 0) {
    throw new UserError(
      'nothing-to-predict',
      `Nothing to predict: there are no unlabelled samples and hiding ${fraction} of the labelled ones hides none (classes too small). Hide a larger fraction.`
    )
  }
  checkTrainingCounts(classes, labelledCounts, hiddenCounts, fraction)

  // One generator for the whole split; classes in index order, members in sample order, then a partial
  // Fisher–Yates draw: the same seed gives the same hidden set on every machine.
  const rng = new Rng(seed)
  for (let c = 0; c < classes.length; c++) {
    const members: number[] = []
    for (let i = 0; i < n; i++) if (y[i] === c) members.push(i)
    const h = hiddenCounts[c]
    for (let t = 0; t < h; t++) {
      const j = t + rng.int(members.length - t)
      const pick = members[j]
      members[j] = members[t]
      members[t] = pick
      role[pick] = 'hidden'
    }
  }
  for (let i = 0; i < n; i++) if (role[i] === 'labelled') yTrain[i] = y[i]
  return { mode: 'hidden', seed, fraction, role, yTrain, yTrue }
}
