// One whole configured run: split → preprocess → every method → metrics. Reports progress through a
// callback and stops on an AbortSignal; knows nothing of where data is stored or shown.

import { validateRunConfig } from './config'
import { classIndices } from './dataset'
import { fitLabelGraph } from './graph/labelPropagation'
import { argmaxRows, computeMetrics, rocCurves } from './metrics'
import { trainFCNN, trainSSAE, type NetworkOutput } from './nn'
import { applyPreprocess, fitPreprocess } from './preprocess'
import { makeSplit } from './split'
import {
  CancelledError,
  type Dataset,
  type MethodName,
  type MethodResult,
  type Phase,
  type RunConfig,
  type RunHooks,
  type RunResult,
  type Split
} from './types'

/** Fast methods first, so a biologist sees results early and a cancel loses little. */
const METHOD_ORDER: MethodName[] = ['labelprop', 'labelspread', 'fcnn', 'ssae']

/** Relative cost of each method, in "epoch units", for the progress fraction and the time estimate. */
function methodUnits(method: MethodName, cfg: RunConfig): number {
  if (method === 'ssae') return 2 * cfg.network.epochs
  if (method === 'fcnn') return cfg.network.epochs * 0.5
  return 1
}

/** Indices of the samples scored by the metrics: hidden ones (their truth is known but unused in training). */
export function scoredSamples(split: Split): Int32Array {
  const idx: number[] = []
  split.role.forEach((r, i) => {
    if (r === 'hidden' && split.yTrue[i] >= 0) idx.push(i)
  })
  return Int32Array.from(idx)
}

export async function runAnalysis(dataset: Dataset, configIn: RunConfig, hooks: RunHooks = {}): Promise<RunResult> {
  const config = validateRunConfig(configIn)
  const { signal, onProgress } = hooks
  const t0 = performance.now()
  const startedAt = new Date().toISOString()
  const elapsed = (): number => (performance.now() - t0) / 1000
  const checkCancel = (): void => {
    if (signal?.aborted) throw new CancelledError()
  }
  const methods = METHOD_ORDER.filter((m) => config.methods.includes(m))
  const totalUnits = methods.reduce((s, m) => s + methodUnits(m, config), 0)
  let doneUnits = 0
  const report = (method: MethodName | null, phase: Phase, extra: { epoch?: number; epochs?: number; loss?: number; units?: number; message?: string } = {}): void => {
    if (!onProgress) return
    const units = doneUnits + (extra.units ?? 0)
    const fraction = Math.min(1, totalUnits > 0 ? units / totalUnits : 1)
    const e = elapsed()
    const remaining = fraction > 0.02 && phase !== 'done' ? (e / fraction) * (1 - fraction) : undefined
    onProgress({ method, phase, epoch: extra.epoch, epochs: extra.epochs, loss: extra.loss, elapsed: e, remaining, fraction, message: extra.message })
  }

  checkCancel()
  report(null, 'preprocess')
  const { nSamples: n, nFeatures: d } = dataset
  const k = dataset.classes.length
  const split = makeSplit(classIndices(dataset), dataset.classes, config.split)
  const preprocess = fitPreprocess(dataset.X, n, d, config.preprocess)
  const X = config.preprocess.log || config.preprocess.center || config.preprocess.scale ? applyPreprocess(dataset.X, n, d, preprocess) : dataset.X
  const scored = scoredSamples(split)
  const hasTruth = scored.length > 0
  const score = (proba: Float32Array) => (hasTruth ? computeMetrics(split.yTrue, proba, k, scored) : null)
  const roc = (proba: Float32Array) => (hasTruth ? rocCurves(split.yTrue, proba, k, scored) : undefined)

  const results: Partial<Record<MethodName, MethodResult>> = {}
  const perMethod: Partial<Record<MethodName, number>> = {}
  for (const method of methods) {
    checkCancel()
    const tm = performance.now()
    let result: MethodResult
    if (method === 'labelprop' || method === 'labelspread') {
      report(method, 'fit')
      const fit = fitLabelGraph(X, n, d, split.yTrain, k, {
        ...config.graph,
        algorithm: method === 'labelprop' ? 'propagation' : 'spreading'
      })
      result = {
        method,
        seconds: 0,
        proba: fit.proba,
        predicted: fit.predicted,
        metrics: score(fit.proba),
        roc: roc(fit.proba),
        graph: { ...config.graph },
        // The graph module words its own warnings (no convergence, rows with no label).
        warnings: fit.warnings
      }
    } else {
      const units = methodUnits(method, config)
      const epochsPerDescent = config.network.epochs
      const input = { X, n, d, k, yTrain: split.yTrain, featureNames: dataset.featureNames }
      const netHooks = {
        signal,
        // Between descents the projection runs: say so, so a long pause is never silent.
        onPhase: (phase: 'descent1' | 'projection' | 'descent2' | 'predict') => {
          if (phase === 'projection') report(method, 'projection', { units: units / 2, message: 'Projecting the first layer (ℓ1,1) and masking features' })
        },
        onEpoch: (e: { descent: 1 | 2; epoch: number; epochs: number; loss: number }) => {
          const doneEpochs = (e.descent - 1) * epochsPerDescent + e.epoch
          const totalEpochs = method === 'ssae' ? 2 * epochsPerDescent : epochsPerDescent
          report(method, e.descent === 1 ? 'descent1' : 'descent2', {
            epoch: e.epoch,
            epochs: e.epochs,
            loss: e.loss,
            units: (units * doneEpochs) / totalEpochs
          })
        }
      }
      report(method, 'descent1', { epoch: 0, epochs: epochsPerDescent })
      const out: NetworkOutput =
        method === 'ssae'
          ? await trainSSAE(input, config.network, config.seed, config.backend, netHooks)
          : await trainFCNN(input, config.network, config.seed, config.backend, netHooks)
      result = {
        method,
        seconds: 0,
        proba: out.proba,
        predicted: out.predicted ?? argmaxRows(out.proba, k),
        metrics: score(out.proba),
        roc: roc(out.proba),
        backend: out.backend,
        losses: out.losses,
        latent: out.latent,
        eta: out.eta,
        etaRequested: out.etaRequested,
        targetFeatures: out.targetFeatures,
        selected: out.selected,
        weights: out.weights,
        weightsShape: out.weightsShape,
        maskDensity: out.maskDensity,
        descent1: out.descent1Proba ? { metrics: score(out.descent1Proba) } : undefined,
        warnings: out.warnings
      }
    }
    result.seconds = (performance.now() - tm) / 1000
    perMethod[method] = result.seconds
    results[method] = result
    doneUnits += methodUnits(method, config)
    report(method, 'predict')
  }
  report(null, 'done')
  return {
    config,
    classes: [...dataset.classes],
    preprocess,
    split,
    methods: results,
    timings: { startedAt, finishedAt: new Date().toISOString(), seconds: elapsed(), perMethod }
  }
}
