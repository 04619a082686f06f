// Network weights as plain typed arrays in PyTorch's layout (W: out × in, row-major; b: out), drawn in JS from
// the run's seed so the initial weights are bit-identical on every backend.
import type { Rng } from '../random'

export interface DenseParams {
  /** out × in, row-major (torch.nn.Linear.weight). */
  W: Float32Array
  b: Float32Array
  inputs: number
  outputs: number
}

/** encoder: [Linear(d→h), Linear(h→k)]; decoder (SSAE only): [Linear(k→h), Linear(h→d)]. */
export interface NetworkParams {
  layers: DenseParams[]
}

/** torch.nn.Linear's default init: weight (kaiming_uniform, a=√5) and bias both uniform in ±1/√fan_in. */
export function linearInit(rng: Rng, inputs: number, outputs: number): DenseParams {
  const bound = 1 / Math.sqrt(inputs)
  const W = new Float32Array(outputs * inputs)
  for (let i = 0; i < W.length; i++) W[i] = rng.uniform(-bound, bound)
  const b = new Float32Array(outputs)
  for (let i = 0; i < b.length; i++) b[i] = rng.uniform(-bound, bound)
  return { W, b, inputs, outputs }
}

/** SSAE (withDecoder) or FCNN initial weights, layer by layer in PyTorch's construction order. */
export function initNetwork(rng: Rng, d: number, h: number, k: number, withDecoder: boolean): NetworkParams {
  const layers = [linearInit(rng, d, h), linearInit(rng, h, k)]
  if (withDecoder) layers.push(linearInit(rng, k, h), linearInit(rng, h, d))
  return { layers }
}

export function cloneNetwork(p: NetworkParams): NetworkParams {
  return { layers: p.layers.map((l) => ({ W: l.W.slice(), b: l.b.slice(), inputs: l.inputs, outputs: l.outputs })) }
}

/** Row-major transpose of a rows × cols matrix. */
export function transpose(A: Float32Array, rows: number, cols: number): Float32Array {
  const T = new Float32Array(rows * cols)
  for (let r = 0; r < rows; r++) {
    const base = r * cols
    for (let c = 0; c < cols; c++) T[c * rows + r] = A[base + c]
  }
  return T
}

/** The kept columns of an h × d matrix: h × kept.length. */
export function gatherColumns(W: Float32Array, h: number, d: number, kept: Int32Array): Float32Array {
  const out = new Float32Array(h * kept.length)
  for (let r = 0; r < h; r++) {
    const src = r * d
    const dst = r * kept.length
    for (let j = 0; j < kept.length; j++) out[dst + j] = W[src + kept[j]]
  }
  return out
}

/** Inverse of gatherColumns: h × d with zeros in the dropped columns. */
export function scatterColumns(Wk: Float32Array, h: number, d: number, kept: Int32Array): Float32Array {
  const out = new Float32Array(h * d)
  for (let r = 0; r < h; r++) {
    const src = r * kept.length
    const dst = r * d
    for (let j = 0; j < kept.length; j++) out[dst + kept[j]] = Wk[src + j]
  }
  return out
}
