// The supervised autoencoder (and its encoder alone, the FCNN) as TensorFlow.js variables, in one of two
// layouts with the same mathematics:
//  - 'plain': activations [batch, features], weights stored transposed [in, out] (as tf.layers.dense). The
//    reference implementation; used on the tensorflow (tfjs-node) and cpu backends.
//  - 'feature-major': activations [features, batch], weights in PyTorch's [out, in] layout. On wasm, BatchMatMul only takes XNNPACK's fast path
//    when neither operand is transposed, and it caches the packed RIGHT operand by tensor id (weights get a
//    fresh id every Adam step, so a big right operand is repacked every call). Here every big matmul has a
//    weight as its LEFT operand and a batch-sized right operand: 2.5–5× less CPU per epoch (tfjs-backends.md).
//
// Loss of a batch: CE(z, y) summed + λ · SmoothL1(x̂ − x, β = 1) summed (FCNN: CE alone). z = class logits.
//
// Second descent: the encoder may read only the kept input columns (`kept`) with a mask over the kept part of
// W1. A column of W1 that is entirely masked multiplies its input feature by zero in every forward pass, and
// its gradient is masked to zero, so dropping it from the encoder input computes exactly the masked full
// model. The decoder still reconstructs all d features, as in the paper. Inside kept columns the mask is
// applied to W1's gradient; since those weights start at 0 (M ⊙ W_init) and Adam turns a gradient that is
// always exactly 0 into an update of exactly 0 (m = v = 0 → 0/(0+ε) = 0), they stay exactly 0.
import * as tf from '@tensorflow/tfjs-core'
import { gatherColumns, scatterColumns, transpose, type DenseParams, type NetworkParams } from './params'

export type Layout = 'plain' | 'feature-major'

export interface NetworkData {
  /** n × d, row-major. */
  X: Float32Array
  n: number
  d: number
  /** Class index per sample; only the rows used in batches need one (≥ 0). */
  y: Int32Array
}

export interface NetworkSpec {
  layout: Layout
  h: number
  k: number
  /** true: SSAE (encoder + decoder, CE + λ·SmoothL1); false: FCNN (encoder, CE). */
  withDecoder: boolean
  lambda: number
  /** Encoder input columns (ascending); absent = all d. */
  kept?: Int32Array
  /** h × kept.length, 1 = trainable, 0 = held at exactly 0; absent = dense. */
  mask?: Uint8Array
}

export interface BatchLoss {
  total: tf.Scalar
  classification: tf.Scalar
  reconstruction: tf.Scalar
}

export class Network {
  readonly layout: Layout
  readonly variables: tf.Variable[]
  readonly spec: NetworkSpec
  private readonly data: NetworkData
  /** Encoder input: X itself, or its kept columns (n × dIn). */
  private readonly XEnc: Float32Array
  private readonly dIn: number
  private readonly maskTensor: tf.Tensor | null

  /** init: PyTorch layout, full width (W1 is h × d); the kept columns and the mask are taken from it here. */
  constructor(init: NetworkParams, data: NetworkData, spec: NetworkSpec) {
    const { d } = data
    const { h, k } = spec
    const expected = spec.withDecoder ? 4 : 2
    if (init.layers.length !== expected) throw new Error(`expected ${expected} layers, got ${init.layers.length}`)
    if (init.layers[0].inputs !== d || init.layers[0].outputs !== h || init.layers[1].outputs !== k) {
      throw new Error('initial weights do not match d, h, k')
    }
    this.layout = spec.layout
    this.spec = spec
    this.data = data
    const kept = spec.kept
    this.dIn = kept ? kept.length : d
    this.XEnc = kept ? gatherColumns(data.X, data.n, d, kept) : data.X
    if (spec.mask && spec.mask.length !== h * this.dIn) throw new Error('mask must be h × kept columns')

    let W1 = kept ? gatherColumns(init.layers[0].W, h, d, kept) : init.layers[0].W
    if (spec.mask) {
      W1 = W1.slice()
      for (let i = 0; i < W1.length; i++) if (!spec.mask[i]) W1[i] = 0
    }
    const layers: DenseParams[] = [{ ...init.layers[0], W: W1, inputs: this.dIn }, ...init.layers.slice(1)]
    const fm = spec.layout === 'feature-major'
    this.variables = []
    for (const l of layers) {
      // tidy: tf.variable keeps its own reference; the tensor it was made from must go.
      this.variables.push(
        tf.tidy(() => tf.variable(fm ? tf.tensor2d(l.W, [l.outputs, l.inputs]) : tf.tensor2d(transpose(l.W, l.outputs, l.inputs), [l.inputs, l.outputs]))),
        tf.tidy(() => tf.variable(fm ? tf.tensor2d(l.b, [l.outputs, 1]) : tf.tensor1d(l.b)))
      )
    }
    this.maskTensor = spec.mask
      ? fm
        ? tf.tensor2d(Float32Array.from(spec.mask), [h, this.dIn])
        : tf.tensor2d(transpose(Float32Array.from(spec.mask), h, this.dIn), [this.dIn, h])
      : null
  }

  get inputColumns(): number {
    return this.dIn
  }

  /** Loss of one batch and the gradient of every variable (same order); the caller disposes all of it. */
  lossAndGrads(rows: Int32Array): { loss: BatchLoss; grads: tf.Tensor[] } {
    const batch = this.batchTensors(rows)
    try {
      const out = tf.tidy(() => (this.layout === 'feature-major' ? this.backwardFeatureMajor(batch) : this.backwardPlain(batch)))
      const [total, classification, reconstruction, ...grads] = out
      return { loss: { total: total as tf.Scalar, classification: classification as tf.Scalar, reconstruction: reconstruction as tf.Scalar }, grads }
    } finally {
      tf.dispose(Object.values(batch))
    }
  }

  /** Class logits (= latent z) of every sample, n × k row-major. */
  logits(): Float32Array {
    const { n } = this.data
    const { k } = this.spec
    const out = new Float32Array(n * k)
    const chunk = 256
    for (let start = 0; start < n; start += chunk) {
      const m = Math.min(chunk, n - start)
      const rows = new Int32Array(m)
      for (let i = 0; i < m; i++) rows[i] = start + i
      const z = tf.tidy(() => {
        const [W1, b1, W2, b2] = this.variables
        if (this.layout === 'feature-major') {
          const xT = tf.tensor2d(gatherRowsT(this.XEnc, this.dIn, rows), [this.dIn, m])
          const h1 = tf.relu(tf.add(tf.matMul(W1, xT), b1))
          return tf.add(tf.matMul(W2, h1), b2)
        }
        const x = tf.tensor2d(gatherRows(this.XEnc, this.dIn, rows), [m, this.dIn])
        const h1 = tf.relu(tf.add(tf.matMul(x, W1), b1))
        return tf.add(tf.matMul(h1, W2), b2)
      })
      const zs = z.dataSync() as Float32Array
      z.dispose()
      if (this.layout === 'feature-major') out.set(transpose(zs, k, m), start * k)
      else out.set(zs, start * k)
    }
    return out
  }

  /** Current weights in PyTorch layout, W1 expanded back to h × d (zeros in dropped columns). */
  read(): NetworkParams {
    return this.toTorchLayout(this.variables)
  }

  /** Tensors shaped like the variables (weights or gradients) → PyTorch layout, W1 at full width. */
  toTorchLayout(tensors: tf.Tensor[]): NetworkParams {
    const { d } = this.data
    const layers: DenseParams[] = []
    for (let l = 0; l < tensors.length / 2; l++) {
      const Wt = tensors[2 * l]
      const bt = tensors[2 * l + 1]
      const fm = this.layout === 'feature-major'
      const [rows, cols] = Wt.shape as [number, number]
      const [outputs, inputs] = fm ? [rows, cols] : [cols, rows]
      const raw = Wt.dataSync() as Float32Array
      let W = fm ? Float32Array.from(raw) : transpose(raw, inputs, outputs)
      let width = inputs
      if (l === 0 && this.spec.kept) {
        W = scatterColumns(W, outputs, d, this.spec.kept)
        width = d
      }
      layers.push({ W, b: Float32Array.from(bt.dataSync() as Float32Array), inputs: width, outputs })
    }
    return { layers }
  }

  dispose(): void {
    tf.dispose(this.variables)
    if (this.maskTensor) this.maskTensor.dispose()
  }

  private batchTensors(rows: Int32Array): Record<string, tf.Tensor> {
    const B = rows.length
    const { d, X, y } = this.data
    const { k } = this.spec
    const oneHot = new Float32Array(B * k)
    const fm = this.layout === 'feature-major'
    for (let i = 0; i < B; i++) oneHot[fm ? y[rows[i]] * B + i : i * k + y[rows[i]]] = 1
    const t: Record<string, tf.Tensor> = { y: fm ? tf.tensor2d(oneHot, [k, B]) : tf.tensor2d(oneHot, [B, k]) }
    const xEnc = gatherRows(this.XEnc, this.dIn, rows)
    t.xEnc = tf.tensor2d(xEnc, [B, this.dIn])
    if (fm) t.xEncT = tf.tensor2d(transpose(xEnc, B, this.dIn), [this.dIn, B])
    if (this.spec.withDecoder) {
      const x = this.spec.kept ? gatherRows(X, d, rows) : xEnc
      t.x = fm ? tf.tensor2d(transpose(x, B, d), [d, B]) : this.spec.kept ? tf.tensor2d(x, [B, d]) : t.xEnc
    }
    return t
  }

  // Forward and backward passes are written by hand: tfjs-core alone registers no gradient functions in
  // Node (they ship with the @tensorflow/tfjs bundle, which we do not depend on), and the explicit form also
  // needs fewer kernels (CE' = softmax − y, SmoothL1' = clip(x̂ − x, −1, 1)). Checked against finite differences
  // of a float64 implementation of the loss in the tests. Returns [total, ce, rec, ...grads in variable order].

  /** Natural layout: activations [B, features], weights [in, out]. */
  private backwardPlain(t: Record<string, tf.Tensor>): tf.Tensor[] {
    const [W1, b1, W2, b2, W3, b3, W4, b4] = this.variables
    const W1eff = this.maskTensor ? tf.mul(W1, this.maskTensor) : W1
    const h1 = tf.relu(tf.add(tf.matMul(t.xEnc, W1eff), b1)) // [B, h]
    const z = tf.add(tf.matMul(h1, W2), b2) // [B, k]
    const lse = tf.logSumExp(z, 1, true)
    const ce = tf.sub(tf.sum(lse), tf.sum(tf.mul(z, t.y))) as tf.Scalar
    let dz = tf.sub(tf.exp(tf.sub(z, lse)), t.y) // softmax − y
    let tail: tf.Tensor[] = []
    let rec: tf.Scalar = tf.scalar(0)
    if (this.spec.withDecoder) {
      const h3 = tf.relu(tf.add(tf.matMul(z, W3), b3)) // [B, h]
      const e = tf.sub(tf.add(tf.matMul(h3, W4), b4), t.x) // x̂ − x, [B, d]
      rec = smoothL1Sum(e)
      const de = tf.mul(tf.clipByValue(e, -1, 1), this.spec.lambda)
      const da3 = tf.mul(tf.matMul(de, W4, false, true), tf.step(h3))
      dz = tf.add(dz, tf.matMul(da3, W3, false, true))
      tail = [tf.matMul(z, da3, true, false), tf.sum(da3, 0), tf.matMul(h3, de, true, false), tf.sum(de, 0)]
    }
    const da1 = tf.mul(tf.matMul(dz, W2, false, true), tf.step(h1))
    let dW1 = tf.matMul(t.xEnc, da1, true, false)
    if (this.maskTensor) dW1 = tf.mul(dW1, this.maskTensor)
    const total = this.spec.withDecoder ? tf.add(ce, tf.mul(rec, this.spec.lambda)) : ce
    return [total, ce, rec, dW1, tf.sum(da1, 0), tf.matMul(h1, dz, true, false), tf.sum(dz, 0), ...tail]
  }

  /**
   * Feature-major layout: activations [features, B], weights [out, in]. Every big matmul has a weight (or the
   * big gradient) as its LEFT operand and a batch-sized right operand, untransposed (XNNPACK's path on wasm).
   */
  private backwardFeatureMajor(t: Record<string, tf.Tensor>): tf.Tensor[] {
    const [W1, b1, W2, b2, W3, b3, W4, b4] = this.variables
    const h1 = tf.relu(tf.add(tf.matMul(W1, t.xEncT), b1)) // [h, B]; masked entries of W1 are exactly 0
    const z = tf.add(tf.matMul(W2, h1), b2) // [k, B]
    const lse = tf.logSumExp(z, 0, true)
    const ce = tf.sub(tf.sum(lse), tf.sum(tf.mul(z, t.y))) as tf.Scalar
    let dz = tf.sub(tf.exp(tf.sub(z, lse)), t.y) // softmax − y
    let tail: tf.Tensor[] = []
    let rec: tf.Scalar = tf.scalar(0)
    if (this.spec.withDecoder) {
      const h3 = tf.relu(tf.add(tf.matMul(W3, z), b3)) // [h, B]
      const e = tf.sub(tf.add(tf.matMul(W4, h3), b4), t.x) // x̂ − x, [d, B]
      rec = smoothL1Sum(e)
      const de = tf.mul(tf.clipByValue(e, -1, 1), this.spec.lambda)
      // W4ᵀ @ de: one explicit [d, h] transpose is much cheaper on wasm than a transposed or repacked matmul.
      const da3 = tf.mul(tf.matMul(tf.transpose(W4), de), tf.step(h3))
      dz = tf.add(dz, tf.matMul(tf.transpose(W3), da3))
      tail = [tf.matMul(da3, tf.transpose(z)), tf.sum(da3, 1, true), tf.matMul(de, tf.transpose(h3)), tf.sum(de, 1, true)]
    }
    const da1 = tf.mul(tf.matMul(tf.transpose(W2), dz), tf.step(h1)) // [h, B]
    let dW1 = tf.matMul(da1, t.xEnc) // [h, B] @ [B, dIn]
    if (this.maskTensor) dW1 = tf.mul(dW1, this.maskTensor)
    const total = this.spec.withDecoder ? tf.add(ce, tf.mul(rec, this.spec.lambda)) : ce
    return [total, ce, rec, dW1, tf.sum(da1, 1, true), tf.matMul(dz, tf.transpose(h1)), tf.sum(dz, 1, true), ...tail]
  }
}

/** Σ SmoothL1(e), β = 1: ½e² where |e| < 1, |e| − ½ elsewhere; written as q·(|e| − q/2) with q = min(|e|, 1). */
function smoothL1Sum(e: tf.Tensor): tf.Scalar {
  const a = tf.abs(e)
  const q = tf.minimum(a, 1)
  return tf.sum(tf.mul(q, tf.sub(a, tf.mul(q, 0.5))))
}

/** The given rows of a row-major matrix with `cols` columns: rows.length × cols. */
export function gatherRows(X: Float32Array, cols: number, rows: Int32Array): Float32Array {
  const out = new Float32Array(rows.length * cols)
  for (let i = 0; i < rows.length; i++) out.set(X.subarray(rows[i] * cols, rows[i] * cols + cols), i * cols)
  return out
}

/** The given rows, transposed: cols × rows.length. */
function gatherRowsT(X: Float32Array, cols: number, rows: Int32Array): Float32Array {
  return transpose(gatherRows(X, cols, rows), rows.length, cols)
}
