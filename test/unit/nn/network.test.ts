import { beforeAll, describe, expect, it } from 'vitest'
import * as tf from '@tensorflow/tfjs-core'
import { Rng } from '../../../src/core/random'
import { CancelledError, UserError, type NetworkConfig } from '../../../src/core/types'
import { selectBackend } from '../../../src/core/nn/backend'
import { Network, type Layout } from '../../../src/core/nn/network'
import { cloneNetwork, initNetwork, type NetworkParams } from '../../../src/core/nn/params'
import { trainDescent } from '../../../src/core/nn/train'
import { trainFCNN, trainSSAE, type NetworkInput } from '../../../src/core/nn/index'

const LAYOUTS: Layout[] = ['plain', 'feature-major']

/** Two Gaussian classes separated along the first `informative` features; the rest is noise. */
function toyProblem(n: number, d: number, informative: number, seed: number, hiddenEvery = 3): NetworkInput & { yTrue: Int32Array } {
  const rng = new Rng(seed)
  const X = new Float32Array(n * d)
  const yTrue = new Int32Array(n)
  const yTrain = new Int32Array(n)
  for (let i = 0; i < n; i++) {
    const c = i % 2
    yTrue[i] = c
    yTrain[i] = i % hiddenEvery === 0 ? -1 : c
    for (let j = 0; j < d; j++) X[i * d + j] = rng.normal() + (j < informative ? (c ? 2 : -2) : 0)
  }
  return { X, n, d, k: 2, yTrain, yTrue, featureNames: Array.from({ length: d }, (_, j) => `f${j}`) }
}

/** The SSAE loss of a batch in float64, straight from the definition (method.md). */
function lossFloat64(p: NetworkParams, X: Float32Array, d: number, rows: number[], y: Int32Array, lambda: number, mask?: Uint8Array): number {
  const dense = (l: number, v: number[], relu: boolean) => {
    const { W, b, inputs, outputs } = p.layers[l]
    const out: number[] = []
    for (let o = 0; o < outputs; o++) {
      let s = b[o]
      for (let i = 0; i < inputs; i++) s += (l === 0 && mask && !mask[o * inputs + i] ? 0 : W[o * inputs + i]) * v[i]
      out.push(relu ? Math.max(0, s) : s)
    }
    return out
  }
  let total = 0
  for (const r of rows) {
    const x = Array.from(X.subarray(r * d, r * d + d))
    const z = dense(1, dense(0, x, true), false)
    const m = Math.max(...z)
    total += m + Math.log(z.reduce((a, v) => a + Math.exp(v - m), 0)) - z[y[r]]
    if (p.layers.length === 4) {
      const xHat = dense(3, dense(2, z, true), false)
      let rec = 0
      for (let j = 0; j < d; j++) {
        const e = Math.abs(xHat[j] - x[j])
        rec += e < 1 ? 0.5 * e * e : e - 0.5
      }
      total += lambda * rec
    }
  }
  return total
}

function sameParams(a: NetworkParams, b: NetworkParams): boolean {
  return a.layers.every((l, i) => l.W.every((v, j) => Object.is(v, b.layers[i].W[j])) && l.b.every((v, j) => Object.is(v, b.layers[i].b[j])))
}

const paperLike = (over: Partial<NetworkConfig> = {}): NetworkConfig => ({
  eta: 10,
  projection: 'l11',
  epochs: 3,
  batchSize: 8,
  lr: 1e-3,
  lambda: 0.0005,
  hidden: 16,
  ...over
})

beforeAll(async () => {
  await selectBackend('wasm')
})

describe('SSAE loss and gradients', () => {
  it.each(LAYOUTS)('%s layout: loss equals the float64 definition and gradients match finite differences', (layout) => {
    const d = 5
    const h = 4
    const k = 3
    const n = 6
    const rng = new Rng(11)
    const X = Float32Array.from({ length: n * d }, () => rng.normal() * 2)
    const y = Int32Array.from({ length: n }, (_, i) => i % k)
    const init = initNetwork(new Rng(3), d, h, k, true)
    const mask = Uint8Array.from({ length: h * d }, (_, i) => (i % 4 === 1 ? 0 : 1))
    const lambda = 0.3 // large, so the reconstruction term weighs in the check
    const rows = Int32Array.from([0, 2, 3, 5])
    const net = new Network(init, { X, n, d, y }, { layout, h, k, withDecoder: true, lambda, mask })
    const before = tf.memory().numTensors
    const { loss, grads } = net.lossAndGrads(rows)
    const analytic = net.toTorchLayout(grads)
    const value = loss.total.dataSync()[0]
    tf.dispose([loss.total, loss.classification, loss.reconstruction, ...grads])
    expect(tf.memory().numTensors).toBe(before)
    net.dispose()

    const p = cloneNetwork(init)
    for (let i = 0; i < mask.length; i++) if (!mask[i]) p.layers[0].W[i] = 0
    const f = () => lossFloat64(p, X, d, Array.from(rows), y, lambda, mask)
    expect(Math.abs(value - f()) / f()).toBeLessThan(1e-5)
    let worst = 0
    for (let l = 0; l < 4; l++) {
      for (const key of ['W', 'b'] as const) {
        const arr = p.layers[l][key]
        // Finite differences on a float64 copy of the parameters.
        const ref = Float64Array.from(arr)
        const get = () => f()
        for (let i = 0; i < arr.length; i++) {
          if (l === 0 && key === 'W' && !mask[i]) {
            expect(analytic.layers[0].W[i] === 0).toBe(true) // masked: exactly no gradient (±0)
            continue
          }
          const hstep = 1e-3
          const orig = ref[i]
          const probe = (v: number) => {
            const saved = arr[i]
            arr[i] = v
            const r = get()
            arr[i] = saved
            return r
          }
          const num = (probe(orig + hstep) - probe(orig - hstep)) / (2 * hstep)
          const ana = analytic.layers[l][key][i]
          worst = Math.max(worst, Math.abs(num - ana) / Math.max(1e-2, Math.abs(num)))
        }
      }
    }
    // Float32 parameters: the finite difference perturbs float32 values, so the tolerance is float32-sized.
    expect(worst).toBeLessThan(2e-2)
  })

  it('feature-major and plain layouts give the same gradients (max relative error < 1e-5)', () => {
    const d = 120
    const h = 40
    const k = 3
    const n = 16
    const rng = new Rng(5)
    const X = Float32Array.from({ length: n * d }, () => rng.normal())
    const y = Int32Array.from({ length: n }, (_, i) => i % k)
    const init = initNetwork(new Rng(9), d, h, k, true)
    const kept = Int32Array.from({ length: 50 }, (_, j) => j * 2)
    const mask = Uint8Array.from({ length: h * kept.length }, (_, i) => (i % 3 === 0 ? 0 : 1))
    const rows = Int32Array.from([1, 4, 5, 7, 8, 11, 14, 15])
    for (const second of [false, true]) {
      const extra = second ? { kept, mask } : {}
      const results = LAYOUTS.map((layout) => {
        const net = new Network(init, { X, n, d, y }, { layout, h, k, withDecoder: true, lambda: 0.0005, ...extra })
        const { loss, grads } = net.lossAndGrads(rows)
        const g = net.toTorchLayout(grads)
        const v = loss.total.dataSync()[0]
        tf.dispose([loss.total, loss.classification, loss.reconstruction, ...grads])
        net.dispose()
        return { g, v }
      })
      expect(Math.abs(results[0].v - results[1].v) / Math.abs(results[0].v)).toBeLessThan(1e-5)
      for (let l = 0; l < 4; l++) {
        for (const key of ['W', 'b'] as const) {
          const a = results[0].g.layers[l][key]
          const b = results[1].g.layers[l][key]
          let maxDiff = 0
          let maxAbs = 0
          for (let i = 0; i < a.length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs(a[i] - b[i]))
            maxAbs = Math.max(maxAbs, Math.abs(a[i]))
          }
          expect(maxAbs).toBeGreaterThan(0)
          expect(maxDiff / maxAbs).toBeLessThan(1e-5)
        }
      }
    }
  })
})

describe('double descent mechanics', () => {
  it.each(LAYOUTS)('%s layout: rewind restores W_init exactly and masked weights stay exactly 0 while training', async (layout) => {
    const { X, n, d, yTrain } = toyProblem(40, 30, 3, 2, 1000)
    const h = 12
    const init = initNetwork(new Rng(4), d, h, 2, true)
    const snapshot = cloneNetwork(init)
    const data = { X, n, d, y: yTrain }
    const labelled = Int32Array.from({ length: n }, (_, i) => i)
    const opts = { epochs: 3, batchSize: 8, lr: 1e-2, labelled, shuffle: new Rng(1) }
    const net1 = new Network(init, data, { layout, h, k: 2, withDecoder: true, lambda: 0.0005 })
    expect(sameParams(net1.read(), snapshot)).toBe(true)
    await trainDescent(net1, { ...opts, descent: 1 })
    const trained = net1.read()
    net1.dispose()
    expect(sameParams(trained, snapshot)).toBe(false)
    expect(sameParams(init, snapshot)).toBe(true) // training never writes into W_init

    // Rewind with a mask: drop columns 0, 5, 7, … and mask a pattern inside the kept ones.
    const kept = Int32Array.from(Array.from({ length: d }, (_, j) => j).filter((j) => j % 5 !== 0 && j !== 7))
    const keptMask = Uint8Array.from({ length: h * kept.length }, (_, i) => (i % 7 === 3 ? 0 : 1))
    const net2 = new Network(init, data, { layout, h, k: 2, withDecoder: true, lambda: 0.0005, kept, mask: keptMask })
    const rewound = net2.read()
    const expected = cloneNetwork(snapshot)
    const fullMask = new Uint8Array(h * d)
    for (let r = 0; r < h; r++) for (let j = 0; j < kept.length; j++) fullMask[r * d + kept[j]] = keptMask[r * kept.length + j]
    for (let i = 0; i < fullMask.length; i++) if (!fullMask[i]) expected.layers[0].W[i] = 0
    expect(sameParams(rewound, expected)).toBe(true)

    await trainDescent(net2, { ...opts, descent: 2 })
    const after = net2.read()
    net2.dispose()
    let zeros = 0
    let moved = 0
    for (let i = 0; i < fullMask.length; i++) {
      if (!fullMask[i]) {
        expect(Object.is(after.layers[0].W[i], 0)).toBe(true)
        zeros++
      } else if (after.layers[0].W[i] !== rewound.layers[0].W[i]) moved++
    }
    expect(zeros).toBeGreaterThan(0)
    expect(moved).toBeGreaterThan(fullMask.length / 2)
  })
})

describe('trainSSAE / trainFCNN', () => {
  it('SSAE: same seed ⇒ bit-identical results; weights zero outside the mask; no tensor leaks across epochs', async () => {
    const input = toyProblem(60, 40, 4, 3)
    const cfg = paperLike({ eta: 3 })
    const counts: Record<number, number[]> = { 1: [], 2: [] }
    const before = tf.memory().numTensors
    const a = await trainSSAE(input, cfg, 7, 'wasm', { onEpoch: (e) => counts[e.descent].push(tf.memory().numTensors) })
    const b = await trainSSAE(input, cfg, 7, 'wasm')
    const c = await trainSSAE(input, cfg, 8, 'wasm')
    expect(tf.memory().numTensors).toBe(before)
    // Constant within a descent (descent 2 holds one more tensor: the mask).
    expect(counts[1].length).toBe(3)
    expect(new Set(counts[1]).size).toBe(1)
    expect(new Set(counts[2]).size).toBe(1)
    expect(a.backend).toBe('wasm')
    expect(Buffer.from(a.proba.buffer).equals(Buffer.from(b.proba.buffer))).toBe(true)
    expect(Buffer.from(a.weights!.buffer).equals(Buffer.from(b.weights!.buffer))).toBe(true)
    expect(a.losses).toEqual(b.losses)
    expect(Buffer.from(a.proba.buffer).equals(Buffer.from(c.proba.buffer))).toBe(false)

    expect(a.losses.map((l) => `${l.descent}:${l.epoch}`)).toEqual(['1:1', '1:2', '1:3', '2:1', '2:2', '2:3'])
    for (const l of a.losses) expect(l.total).toBeCloseTo(l.classification + 0.0005 * l.reconstruction, 3)
    expect(a.weightsShape).toEqual([16, 40])
    expect(a.eta).toBe(3)
    expect(a.etaRequested).toBe(3)
    // Columns with a non-zero weight are exactly the selected features, ranked by l2 norm.
    const nonZeroColumns = new Set<number>()
    let nonZero = 0
    for (let i = 0; i < a.weights!.length; i++) {
      if (a.weights![i] !== 0) {
        nonZeroColumns.add(i % 40)
        nonZero++
      }
    }
    expect(nonZero).toBeLessThanOrEqual(Math.round(a.maskDensity! * 16 * 40))
    expect(a.selected!.map((s) => s.index).sort((x, y) => x - y)).toEqual([...nonZeroColumns].sort((x, y) => x - y))
    expect(a.selected!.length).toBeLessThan(40)
    for (let i = 1; i < a.selected!.length; i++) expect(a.selected![i - 1].norm).toBeGreaterThanOrEqual(a.selected![i].norm)
    expect(a.latent!.length).toBe(60 * 2)
    for (let i = 0; i < 60; i++) expect(a.proba[2 * i] + a.proba[2 * i + 1]).toBeCloseTo(1, 5)
  })

  it('cpu backend (plain layout) trains the same model as wasm (feature-major): same initial weights, same losses', async () => {
    const input = toyProblem(40, 12, 3, 4)
    const cfg = paperLike({ epochs: 2, eta: 2 })
    const onCpu = await trainSSAE(input, cfg, 5, 'cpu')
    const onWasm = await trainSSAE(input, cfg, 5, 'wasm')
    expect(onCpu.backend).toBe('cpu')
    expect(onCpu.warnings.join(' ')).toMatch(/CPU backend/)
    expect(onWasm.warnings).toEqual([])
    const first = (r: typeof onCpu) => r.losses[0]
    expect(Math.abs(first(onCpu).total - first(onWasm).total) / first(onWasm).total).toBeLessThan(1e-4)
    expect(Math.abs(first(onCpu).reconstruction - first(onWasm).reconstruction) / first(onWasm).reconstruction).toBeLessThan(1e-4)
  })

  it('η by a target number of features keeps that many features', async () => {
    const input = toyProblem(60, 40, 4, 5)
    const r = await trainSSAE(input, paperLike({ eta: undefined, targetFeatures: 6 }), 1, 'wasm')
    expect(r.targetFeatures).toBe(6)
    expect(r.etaRequested).toBeUndefined()
    expect(r.eta).toBeGreaterThan(0)
    expect(r.selected!.length).toBe(6)
  })

  it('FCNN learns a separable toy problem (hidden samples)', async () => {
    const input = toyProblem(90, 20, 3, 6)
    const r = await trainFCNN(input, paperLike({ epochs: 15, lr: 1e-2 }), 2, 'wasm')
    let right = 0
    let hidden = 0
    for (let i = 0; i < input.n; i++) {
      if (input.yTrain[i] >= 0) continue
      hidden++
      if (r.predicted[i] === input.yTrue[i]) right++
    }
    expect(right / hidden).toBeGreaterThanOrEqual(0.95)
    expect(r.latent).toBeUndefined()
    expect(r.losses.every((l) => l.reconstruction === 0)).toBe(true)
    expect(r.losses[r.losses.length - 1].total).toBeLessThan(r.losses[0].total)
  })

  it('cancel: stops within the first batch, in the first epoch, and leaves no tensor behind', async () => {
    const input = toyProblem(200, 50, 3, 8)
    const before = tf.memory().numTensors
    const controller = new AbortController()
    const epochs: number[] = []
    const run = trainSSAE(input, paperLike({ epochs: 50 }), 1, 'wasm', { signal: controller.signal, onEpoch: (e) => epochs.push(e.epoch) })
    setImmediate(() => controller.abort())
    await expect(run).rejects.toBeInstanceOf(CancelledError)
    expect(epochs).toEqual([])
    expect(tf.memory().numTensors).toBe(before)

    const c2 = new AbortController()
    const seen: number[] = []
    const run2 = trainFCNN(input, paperLike({ epochs: 50 }), 1, 'wasm', {
      signal: c2.signal,
      onEpoch: (e) => {
        seen.push(e.epoch)
        if (e.epoch === 2) c2.abort()
      }
    })
    await expect(run2).rejects.toBeInstanceOf(CancelledError)
    expect(seen).toEqual([1, 2])
    expect(tf.memory().numTensors).toBe(before)
  })

  it('refuses bad input with a UserError naming the problem', async () => {
    const input = toyProblem(20, 6, 2, 1)
    await expect(trainSSAE({ ...input, yTrain: new Int32Array(20).fill(-1) }, paperLike(), 1, 'wasm')).rejects.toThrow(/No sample has a training label/)
    await expect(trainSSAE(input, paperLike({ eta: undefined }), 1, 'wasm')).rejects.toBeInstanceOf(UserError)
    const X = input.X.slice()
    X[7] = NaN
    await expect(trainFCNN({ ...input, X }, paperLike(), 1, 'wasm')).rejects.toThrow(/Sample 2, feature 'f1'/)
  })
})

describe('selectBackend', () => {
  it('an explicit backend that is missing throws backend-unavailable; cpu warns; wasm is reselected cheaply', async () => {
    let hasTfjsNode = true
    try {
      const name = '@tensorflow/tfjs-node'
      await import(/* @vite-ignore */ name)
    } catch {
      hasTfjsNode = false
    }
    if (hasTfjsNode) expect((await selectBackend('tensorflow')).name).toBe('tensorflow')
    else await expect(selectBackend('tensorflow')).rejects.toMatchObject({ code: 'backend-unavailable' })
    const cpu = await selectBackend('cpu')
    expect(cpu.name).toBe('cpu')
    expect(cpu.warnings.join(' ')).toMatch(/slower/)
    const wasm = await selectBackend('wasm')
    expect(wasm).toEqual({ name: 'wasm', warnings: [] })
    expect(tf.getBackend()).toBe('wasm')
    await expect(selectBackend('gpu' as never)).rejects.toMatchObject({ code: 'bad-backend' })
  })

  it('SSAE_TF_BACKEND overrides auto (and only auto)', async () => {
    process.env.SSAE_TF_BACKEND = 'cpu'
    try {
      expect((await selectBackend('auto')).name).toBe('cpu')
      expect((await selectBackend('wasm')).name).toBe('wasm')
      process.env.SSAE_TF_BACKEND = 'nope'
      await expect(selectBackend('auto')).rejects.toThrow(/SSAE_TF_BACKEND='nope'/)
    } finally {
      delete process.env.SSAE_TF_BACKEND
    }
    expect((await selectBackend('wasm')).name).toBe('wasm')
  })
})
