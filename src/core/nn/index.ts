// The networks of SSAE Studio: the supervised autoencoder with the double descent (method.md) and the FCNN
// baseline, trained on the labelled samples and predicting every sample.
import { Rng } from '../random'
import { UserError, type BackendChoice, type BackendName, type EpochLoss, type NetworkConfig, type SelectedFeature } from '../types'
import { argmaxRows } from '../metrics'
import { etaForFeatureCount, keptFeaturesFromMask, maskFromWeights, project } from '../projection/bilevel'
import { selectBackend } from './backend'
import { Network, type Layout } from './network'
import { initNetwork, type NetworkParams } from './params'
import { trainDescent } from './train'

export { selectBackend } from './backend'
export type { BackendSelection } from './backend'

export interface NetworkInput {
  /** n × d, row-major. */
  X: Float32Array
  n: number
  d: number
  /** Number of classes. */
  k: number
  /** Class index of each labelled sample, −1 for the others (hidden or unlabelled). */
  yTrain: Int32Array
  featureNames: string[]
}

export interface EpochEvent {
  descent: 1 | 2
  epoch: number
  epochs: number
  loss: number
  classification: number
  reconstruction: number
}

export interface NetworkHooks {
  signal?: AbortSignal
  onEpoch?: (e: EpochEvent) => void
  /** Called between the phases of the double descent. */
  onPhase?: (phase: 'descent1' | 'projection' | 'descent2' | 'predict') => void
}

export interface NetworkOutput {
  backend: BackendName
  /** n × k softmax of the logits, every sample. */
  proba: Float32Array
  predicted: Int32Array
  losses: EpochLoss[]
  /** SSAE: n × k latent coordinates (= class logits). */
  latent?: Float32Array
  /** SSAE: the η used for the projection. */
  eta?: number
  /** SSAE: η as asked (paper mode); absent when a target feature count was asked. */
  etaRequested?: number
  /** SSAE: the number of features asked (η then found by bisection after the first descent). */
  targetFeatures?: number
  /** SSAE: kept features ranked by the l2 norm of their W1 column after the second descent, descending. */
  selected?: SelectedFeature[]
  /** SSAE: W1 after the second descent, h × d row-major (PyTorch layout), zeros in dropped columns. */
  weights?: Float32Array
  weightsShape?: [number, number]
  /** SSAE: fraction of W1 entries kept by the mask. */
  maskDensity?: number
  /** SSAE: n × k softmax after the first descent. */
  descent1Proba?: Float32Array
  warnings: string[]
}

/** The layout that is fastest on each backend (network.ts explains why). */
export function layoutFor(backend: BackendName): Layout {
  return backend === 'wasm' ? 'feature-major' : 'plain'
}

/** Supervised autoencoder with the double descent: train, project W1, rewind to W_init, retrain masked. */
export async function trainSSAE(
  input: NetworkInput,
  cfg: NetworkConfig,
  seed: number,
  backend: BackendChoice,
  hooks: NetworkHooks = {}
): Promise<NetworkOutput> {
  const labelled = validate(input, cfg, true)
  const selection = await selectBackend(backend)
  const layout = layoutFor(selection.name)
  const { X, n, d, k } = input
  const h = cfg.hidden
  const data = { X, n, d, y: input.yTrain }
  const spec = { layout, h, k, withDecoder: true, lambda: cfg.lambda }
  const init = initNetwork(new Rng(seed), d, h, k, true)
  const shuffle = new Rng(seed, 1)
  const descentOptions = { epochs: cfg.epochs, batchSize: cfg.batchSize, lr: cfg.lr, labelled, shuffle, signal: hooks.signal, onEpoch: hooks.onEpoch }

  // Descent 1: from W_init.
  hooks.onPhase?.('descent1')
  let trained: NetworkParams
  let logits1: Float32Array
  const losses: EpochLoss[] = []
  {
    const net = new Network(init, data, spec)
    try {
      losses.push(...(await trainDescent(net, { ...descentOptions, descent: 1 })))
      logits1 = net.logits()
      trained = net.read()
    } finally {
      net.dispose()
    }
  }

  // Projection of W1 (h × d) and its mask.
  hooks.onPhase?.('projection')
  const W1 = trained.layers[0].W
  let eta: number
  if (cfg.targetFeatures !== undefined) eta = etaForFeatureCount(cfg.projection, W1, h, d, cfg.targetFeatures).eta
  else eta = cfg.eta as number
  const projected = project(cfg.projection, W1, h, d, eta)
  const fullMask = maskFromWeights(projected.W)
  const kept = keptFeaturesFromMask(fullMask, h, d)
  if (kept.length === 0) {
    throw new UserError(
      'no-features-kept',
      `The ${cfg.projection} projection with η = ${formatNumber(eta)} kept no feature (every first-layer weight fell below 1e-4). Use a larger η or ask for a number of features.`
    )
  }
  let maskCount = 0
  for (let i = 0; i < fullMask.length; i++) maskCount += fullMask[i]
  const keptMask = new Uint8Array(h * kept.length)
  for (let r = 0; r < h; r++) for (let j = 0; j < kept.length; j++) keptMask[r * kept.length + j] = fullMask[r * d + kept[j]]

  // Descent 2: rewind every weight to W_init (fresh Adam state), W1 masked; the encoder reads only the kept
  // columns (network.ts: the same mathematics as the masked full model), the decoder rebuilds all d features.
  hooks.onPhase?.('descent2')
  let final: NetworkParams
  let logits: Float32Array
  {
    const net = new Network(init, data, { ...spec, kept, mask: keptMask })
    try {
      losses.push(...(await trainDescent(net, { ...descentOptions, descent: 2 })))
      hooks.onPhase?.('predict')
      logits = net.logits()
      final = net.read()
    } finally {
      net.dispose()
    }
  }

  const weights = final.layers[0].W
  return {
    backend: selection.name,
    proba: softmaxRows(logits, n, k),
    predicted: argmaxRows(logits, k),
    losses,
    latent: logits,
    eta,
    etaRequested: cfg.targetFeatures === undefined ? cfg.eta : undefined,
    targetFeatures: cfg.targetFeatures,
    selected: rankFeatures(weights, h, d, kept, input.featureNames),
    weights,
    weightsShape: [h, d],
    maskDensity: maskCount / (h * d),
    descent1Proba: softmaxRows(logits1, n, k),
    warnings: selection.warnings
  }
}

/** FCNN baseline: the SSAE's encoder alone, cross-entropy alone, one descent with the same settings. */
export async function trainFCNN(
  input: NetworkInput,
  cfg: NetworkConfig,
  seed: number,
  backend: BackendChoice,
  hooks: NetworkHooks = {}
): Promise<NetworkOutput> {
  const labelled = validate(input, cfg, false)
  const selection = await selectBackend(backend)
  const { X, n, d, k } = input
  const init = initNetwork(new Rng(seed), d, cfg.hidden, k, false)
  const net = new Network(init, { X, n, d, y: input.yTrain }, { layout: layoutFor(selection.name), h: cfg.hidden, k, withDecoder: false, lambda: 0 })
  try {
    hooks.onPhase?.('descent1')
    const losses = await trainDescent(net, {
      descent: 1,
      epochs: cfg.epochs,
      batchSize: cfg.batchSize,
      lr: cfg.lr,
      labelled,
      shuffle: new Rng(seed, 1),
      signal: hooks.signal,
      onEpoch: hooks.onEpoch
    })
    hooks.onPhase?.('predict')
    const logits = net.logits()
    return { backend: selection.name, proba: softmaxRows(logits, n, k), predicted: argmaxRows(logits, k), losses, warnings: selection.warnings }
  } finally {
    net.dispose()
  }
}

/** Checks the input and settings; returns the indices of the labelled samples. */
function validate(input: NetworkInput, cfg: NetworkConfig, ssae: boolean): Int32Array {
  const { X, n, d, k, yTrain, featureNames } = input
  const bad = (message: string): never => {
    throw new UserError('invalid-network-input', message)
  }
  if (!Number.isInteger(n) || n < 1) bad(`The number of samples must be a positive whole number, got ${n}.`)
  if (!Number.isInteger(d) || d < 1) bad(`The number of features must be a positive whole number, got ${d}.`)
  if (!Number.isInteger(k) || k < 2) bad(`A classifier needs at least 2 classes, got ${k}.`)
  if (X.length !== n * d) bad(`X holds ${X.length} values; ${n} samples × ${d} features need ${n * d}.`)
  if (yTrain.length !== n) bad(`There are ${yTrain.length} training labels for ${n} samples.`)
  if (featureNames.length !== d) bad(`There are ${featureNames.length} feature names for ${d} features.`)
  for (let i = 0; i < X.length; i++) {
    if (!Number.isFinite(X[i])) bad(`Sample ${Math.floor(i / d) + 1}, feature '${featureNames[i % d]}' is not a finite number (${X[i]}); handle missing values first.`)
  }
  const idx: number[] = []
  for (let i = 0; i < n; i++) {
    const y = yTrain[i]
    if (y >= k || y < -1) bad(`Sample ${i + 1} has class index ${y}; expected −1 (no label) or 0..${k - 1}.`)
    if (y >= 0) idx.push(i)
  }
  if (idx.length === 0) bad('No sample has a training label: label some samples (or hide fewer).')
  const posInt = (name: string, v: number) => {
    if (!Number.isInteger(v) || v < 1) bad(`${name} must be a positive whole number, got ${v}.`)
  }
  posInt('The number of epochs', cfg.epochs)
  posInt('The batch size', cfg.batchSize)
  posInt('The number of hidden units', cfg.hidden)
  if (!(cfg.lr > 0) || !Number.isFinite(cfg.lr)) bad(`The learning rate must be a positive number, got ${cfg.lr}.`)
  if (ssae) {
    if (!(cfg.lambda >= 0) || !Number.isFinite(cfg.lambda)) bad(`λ (reconstruction weight) must be ≥ 0, got ${cfg.lambda}.`)
    if (cfg.targetFeatures !== undefined) {
      if (!Number.isInteger(cfg.targetFeatures) || cfg.targetFeatures < 1 || cfg.targetFeatures > d) {
        bad(`The target number of features must be a whole number from 1 to ${d}, got ${cfg.targetFeatures}.`)
      }
    } else if (cfg.eta === undefined || !(cfg.eta > 0) || !Number.isFinite(cfg.eta)) {
      bad(`The projection radius η must be a positive number (or give a target number of features), got ${cfg.eta}.`)
    }
  }
  return Int32Array.from(idx)
}

/** Ascending indices of the columns of an h × d mask with at least one entry set. */
/** Kept features with a non-zero column, by l2 norm of their W1 column, descending (ties: feature order). */
function rankFeatures(W: Float32Array, h: number, d: number, kept: Int32Array, names: string[]): SelectedFeature[] {
  const out: SelectedFeature[] = []
  for (const j of kept) {
    let s = 0
    for (let r = 0; r < h; r++) s += W[r * d + j] * W[r * d + j]
    if (s > 0) out.push({ index: j, feature: names[j], norm: Math.sqrt(s) })
  }
  return out.sort((a, b) => b.norm - a.norm || a.index - b.index)
}

export function softmaxRows(logits: Float32Array, n: number, k: number): Float32Array {
  const out = new Float32Array(n * k)
  for (let i = 0; i < n; i++) {
    let max = -Infinity
    for (let c = 0; c < k; c++) max = Math.max(max, logits[i * k + c])
    let sum = 0
    for (let c = 0; c < k; c++) sum += Math.exp(logits[i * k + c] - max)
    for (let c = 0; c < k; c++) out[i * k + c] = Math.exp(logits[i * k + c] - max) / sum
  }
  return out
}

function formatNumber(x: number): string {
  return Number(x.toPrecision(4)).toString()
}
