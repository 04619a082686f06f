// Scores of a method on the samples whose truth is known, with scikit-learn 1.2's definitions:
// accuracy_score, roc_auc_score (binary: score of class 1; multiclass: multi_class='ovr', average='macro'),
// precision/recall/f1 with average='macro' over the labels present in truth or prediction and
// zero_division → 0, confusion_matrix over every class of the dataset.
import { UserError } from './types'
import type { Metrics, RocCurve } from './types'

type Scores = ArrayLike<number>

/** Row-wise argmax of an n × k matrix; ties go to the lowest class index (numpy's argmax). */
export function argmaxRows(proba: Scores, k: number): Int32Array {
  checkK(k)
  if (proba.length % k !== 0) {
    throw new UserError('bad-shape', `The confidence matrix has ${proba.length} values, not a multiple of ${k} classes.`)
  }
  const n = proba.length / k
  const out = new Int32Array(n)
  for (let i = 0; i < n; i++) {
    let best = 0
    let bestValue = proba[i * k]
    for (let c = 1; c < k; c++) {
      const v = proba[i * k + c]
      // NaN never wins, as numpy's argmax would pick it; our methods never produce NaN.
      if (v > bestValue) {
        best = c
        bestValue = v
      }
    }
    out[i] = best
  }
  return out
}

function checkK(k: number): void {
  if (!Number.isInteger(k) || k < 1) throw new UserError('bad-classes', `The number of classes must be a positive integer (got ${k}).`)
}

/** The indices of `subset` whose truth is known (yTrue ≥ 0), validated. */
function scoredIndices(yTrue: Int32Array, k: number, subset: ArrayLike<number>): number[] {
  const out: number[] = []
  for (let s = 0; s < subset.length; s++) {
    const i = subset[s]
    if (!Number.isInteger(i) || i < 0 || i >= yTrue.length) {
      throw new UserError('bad-subset', `Sample index ${i} is outside 0..${yTrue.length - 1}.`)
    }
    const t = yTrue[i]
    if (t >= k) throw new UserError('bad-label-index', `Sample ${i + 1} has class index ${t} but there are only ${k} classes.`)
    if (t >= 0) out.push(i)
  }
  return out
}

/** Metrics from predicted classes (and, when given, confidences for the AUC). null when no scored sample has a truth. */
export function computeMetricsFromPredictions(
  yTrue: Int32Array,
  predicted: Int32Array,
  k: number,
  subset: ArrayLike<number>,
  proba?: Scores
): Metrics | null {
  checkK(k)
  if (predicted.length !== yTrue.length) {
    throw new UserError('bad-shape', `There are ${predicted.length} predictions for ${yTrue.length} samples.`)
  }
  const idx = scoredIndices(yTrue, k, subset)
  if (idx.length === 0) return null
  const confusion: number[][] = Array.from({ length: k }, () => new Array<number>(k).fill(0))
  let correct = 0
  for (const i of idx) {
    const p = predicted[i]
    if (!(p >= 0 && p < k)) throw new UserError('bad-prediction', `Sample ${i + 1} is predicted as class ${p}, outside 0..${k - 1}.`)
    confusion[yTrue[i]][p]++
    if (p === yTrue[i]) correct++
  }
  // scikit-learn's labels: the union of the classes in truth and prediction.
  let precisionSum = 0
  let recallSum = 0
  let f1Sum = 0
  let nLabels = 0
  for (let c = 0; c < k; c++) {
    let trueSum = 0
    let predSum = 0
    for (let j = 0; j < k; j++) {
      trueSum += confusion[c][j]
      predSum += confusion[j][c]
    }
    if (trueSum === 0 && predSum === 0) continue
    const tp = confusion[c][c]
    const precision = predSum === 0 ? 0 : tp / predSum
    const recall = trueSum === 0 ? 0 : tp / trueSum
    const denom = precision + recall
    const f1 = denom === 0 ? 0 : (2 * precision * recall) / denom
    precisionSum += precision
    recallSum += recall
    f1Sum += f1
    nLabels++
  }
  return {
    accuracy: correct / idx.length,
    auc: proba === undefined ? null : aucOnIndices(yTrue, proba, k, idx),
    f1: f1Sum / nLabels,
    precision: precisionSum / nLabels,
    recall: recallSum / nLabels,
    confusion,
    n: idx.length
  }
}

/** Metrics of n × k confidences (row-major) on the samples in `subset` whose truth is known; null when there is none. */
export function computeMetrics(yTrue: Int32Array, proba: Scores, k: number, subset: ArrayLike<number>): Metrics | null {
  checkK(k)
  if (proba.length !== yTrue.length * k) {
    throw new UserError('bad-shape', `The confidence matrix has ${proba.length} values, expected ${yTrue.length} samples × ${k} classes.`)
  }
  return computeMetricsFromPredictions(yTrue, argmaxRows(proba, k), k, subset, proba)
}

interface BinaryCurve {
  fpr: number[]
  tpr: number[]
  auc: number
}

/**
 * sklearn.metrics.roc_curve(drop_intermediate=True) and auc(fpr, tpr) for positives `isPositive` and scores
 * `score`; null when only one class is present.
 */
function binaryRoc(isPositive: Uint8Array, score: Float64Array): BinaryCurve | null {
  const m = score.length
  // Descending score; equal scores are grouped into one threshold, so their order does not matter.
  const order = Array.from({ length: m }, (_, i) => i).sort((a, b) => score[b] - score[a])
  const tps: number[] = []
  const fps: number[] = []
  let tp = 0
  for (let r = 0; r < m; r++) {
    tp += isPositive[order[r]]
    if (r === m - 1 || score[order[r + 1]] !== score[order[r]]) {
      tps.push(tp)
      fps.push(r + 1 - tp)
    }
  }
  const totalPos = tps[tps.length - 1]
  const totalNeg = fps[fps.length - 1]
  if (totalPos === 0 || totalNeg === 0) return null
  // drop_intermediate: keep the ends and every point where the curve bends (second differences non-zero).
  const keptTps = [0]
  const keptFps = [0]
  for (let t = 0; t < tps.length; t++) {
    const end = t === 0 || t === tps.length - 1
    const bends = end || tps[t - 1] - 2 * tps[t] + tps[t + 1] !== 0 || fps[t - 1] - 2 * fps[t] + fps[t + 1] !== 0
    if (bends) {
      keptTps.push(tps[t])
      keptFps.push(fps[t])
    }
  }
  const fpr = keptFps.map((f) => f / totalNeg)
  const tpr = keptTps.map((t) => t / totalPos)
  let area = 0
  for (let t = 1; t < fpr.length; t++) area += ((fpr[t] - fpr[t - 1]) * (tpr[t] + tpr[t - 1])) / 2
  return { fpr, tpr, auc: area }
}

function classCurve(yTrue: Int32Array, proba: Scores, k: number, idx: number[], cls: number): BinaryCurve | null {
  const isPositive = new Uint8Array(idx.length)
  const score = new Float64Array(idx.length)
  for (let s = 0; s < idx.length; s++) {
    isPositive[s] = yTrue[idx[s]] === cls ? 1 : 0
    score[s] = proba[idx[s] * k + cls]
    if (!Number.isFinite(score[s])) throw new UserError('not-finite', `Sample ${idx[s] + 1} has a non-finite confidence for class ${cls}.`)
  }
  return binaryRoc(isPositive, score)
}

/** The classes whose curves make the AUC: binary → class 1; multiclass → every class (one-vs-rest). */
function curveClasses(k: number): number[] {
  if (k < 2) return []
  return k === 2 ? [1] : Array.from({ length: k }, (_, c) => c)
}

function aucOnIndices(yTrue: Int32Array, proba: Scores, k: number, idx: number[]): number | null {
  const aucs: number[] = []
  for (const c of curveClasses(k)) {
    const curve = classCurve(yTrue, proba, k, idx, c)
    if (curve) aucs.push(curve.auc)
  }
  // Multiclass: scikit-learn needs every class present; we average over the classes that have both
  // positives and negatives among the scored samples, and give null when fewer than two classes are present.
  if (aucs.length === 0) return null
  if (k > 2) {
    let present = 0
    for (let c = 0; c < k; c++) if (idx.some((i) => yTrue[i] === c)) present++
    if (present < 2) return null
  }
  return aucs.reduce((a, b) => a + b, 0) / aucs.length
}

/** ROC curves for plotting: binary → one curve (class 1); multiclass → one-vs-rest per class with both outcomes present. */
export function rocCurves(yTrue: Int32Array, proba: Scores, k: number, subset: ArrayLike<number>): RocCurve[] {
  checkK(k)
  if (proba.length !== yTrue.length * k) {
    throw new UserError('bad-shape', `The confidence matrix has ${proba.length} values, expected ${yTrue.length} samples × ${k} classes.`)
  }
  const idx = scoredIndices(yTrue, k, subset)
  const curves: RocCurve[] = []
  for (const c of curveClasses(k)) {
    const curve = classCurve(yTrue, proba, k, idx, c)
    if (curve) curves.push({ cls: c, ...curve })
  }
  return curves
}
