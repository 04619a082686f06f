// Seconds per epoch of the paper's SSAE (600 samples of random normal data, batch 8, h 300, k 2) on our engine,
// back to back with PyTorch (../shared/bench/torch_epoch.py, 1 thread), and the ratio ours / PyTorch.
// usage: npx tsx scripts/bench-epoch.ts [--d 1000,10000] [--epochs 3] [--no-cpu] [--no-torch] [--split] [--descent2]
import { execFileSync } from 'node:child_process'
import { cpus, loadavg } from 'node:os'
import { Rng } from '../src/core/random'
import { selectBackend } from '../src/core/nn/backend'
import { layoutFor } from '../src/core/nn/index'
import { Network } from '../src/core/nn/network'
import { Adam } from '../src/core/nn/adam'
import { initNetwork } from '../src/core/nn/params'
import { trainDescent } from '../src/core/nn/train'
import type { BackendName } from '../src/core/types'

const args = process.argv.slice(2)
const opt = (name: string, dflt: string): string => {
  const i = args.indexOf(`--${name}`)
  return i >= 0 && args[i + 1] && !args[i + 1].startsWith('--') ? args[i + 1] : dflt
}
const flag = (name: string) => args.includes(`--${name}`)
const sizes = opt('d', '1000,10000').split(',').map(Number)
const epochs = Number(opt('epochs', '3'))
const N = 600
const H = 300
const K = 2
const B = 8
const TORCH = '/work/shared/bench/torch_epoch.py'

const median = (a: number[]) => {
  const s = [...a].sort((x, y) => x - y)
  const m = s.length >> 1
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}

function problem(d: number) {
  const rng = new Rng(0)
  const X = new Float32Array(N * d)
  for (let i = 0; i < X.length; i++) X[i] = rng.normal()
  const y = Int32Array.from({ length: N }, (_, i) => (i * 7919) % 2)
  return { X, n: N, d, y }
}

/** Median wall and CPU seconds per epoch over the epochs after the first (warm-up), through trainDescent. */
async function oursFullEpochs(backend: BackendName, d: number, keptFeatures?: number) {
  await selectBackend(backend)
  const data = problem(d)
  // Second descent: the encoder reads only the kept columns (the decoder still rebuilds all d).
  const second = keptFeatures ? { kept: Int32Array.from({ length: keptFeatures }, (_, j) => j), mask: new Uint8Array(H * keptFeatures).fill(1) } : {}
  const net = new Network(initNetwork(new Rng(1), d, H, K, true), data, { layout: layoutFor(backend), h: H, k: K, withDecoder: true, lambda: 0.0005, ...second })
  const wall: number[] = []
  const cpu: number[] = []
  let t0 = performance.now()
  let c0 = process.cpuUsage()
  const losses = await trainDescent(net, {
    descent: 1,
    epochs,
    batchSize: B,
    lr: 1e-4,
    labelled: Int32Array.from({ length: N }, (_, i) => i),
    shuffle: new Rng(2),
    onEpoch: () => {
      const c = process.cpuUsage(c0)
      wall.push((performance.now() - t0) / 1000)
      cpu.push((c.user + c.system) / 1e6)
      t0 = performance.now()
      c0 = process.cpuUsage()
    }
  })
  net.dispose()
  return { wall: median(wall.slice(1)), cpu: median(cpu.slice(1)), epochs: wall.map((w) => +w.toFixed(3)), lastLoss: losses[losses.length - 1].total }
}

/** A few steps, scaled to a 75-step epoch; optionally split into gradient and Adam time. */
function oursSteps(backend: BackendName, d: number, steps: number) {
  const data = problem(d)
  const net = new Network(initNetwork(new Rng(1), d, H, K, true), data, { layout: layoutFor(backend), h: H, k: K, withDecoder: true, lambda: 0.0005 })
  const adam = new Adam(net.variables, { lr: 1e-4 })
  let grad = 0
  let apply = 0
  const c0 = process.cpuUsage()
  const t0 = performance.now()
  for (let s = 0; s <= steps; s++) {
    if (s === 1) {
      grad = apply = 0 // step 0 is a warm-up
    }
    const rows = Int32Array.from({ length: B }, (_, i) => (s * B + i) % N)
    const a = performance.now()
    const { loss, grads } = net.lossAndGrads(rows)
    loss.total.dataSync()
    const b = performance.now()
    adam.apply(grads)
    net.variables[0].dataSync().length // wait for the update
    const c = performance.now()
    grad += b - a
    apply += c - b
    for (const t of [loss.total, loss.classification, loss.reconstruction, ...grads]) t.dispose()
  }
  const cu = process.cpuUsage(c0)
  const wall = (performance.now() - t0) / 1000
  adam.dispose()
  net.dispose()
  const scale = Math.ceil(N / B) / steps
  return { wall: wall * (steps / (steps + 1)) * scale, cpu: ((cu.user + cu.system) / 1e6) * (steps / (steps + 1)) * scale, grad: (grad / 1000) * scale, apply: (apply / 1000) * scale }
}

function torch(d: number) {
  const out = execFileSync('/usr/bin/python3', [TORCH, '--d', String(d), '--batch', String(B), '--epochs', String(epochs), '--threads', '1'], { encoding: 'utf8' })
  return JSON.parse(out.trim().split('\n').pop() as string) as { median_s: number; median_cpu_s: number; median_grad_s: number; median_apply_s: number }
}

async function main() {
  console.log(`# bench-epoch: N=${N} h=${H} k=${K} batch=${B}, ${epochs} epochs (median after warm-up); ${cpus().length} CPUs, load ${loadavg().map((x) => x.toFixed(1)).join(' ')}`)
  for (const d of sizes) {
    const ours = await oursFullEpochs('wasm', d)
    const line: Record<string, unknown> = { d, backend: 'wasm', layout: layoutFor('wasm'), wall_s: +ours.wall.toFixed(3), cpu_s: +ours.cpu.toFixed(3), epochs_s: ours.epochs }
    if (flag('split')) {
      const s = oursSteps('wasm', d, 10)
      line.split = { grad_s: +s.grad.toFixed(3), adam_s: +s.apply.toFixed(3) }
    }
    console.log(JSON.stringify(line))
    if (flag('descent2')) {
      const d2 = await oursFullEpochs('wasm', d, 10)
      console.log(JSON.stringify({ d, backend: 'wasm', descent: 2, keptFeatures: 10, wall_s: +d2.wall.toFixed(3), cpu_s: +d2.cpu.toFixed(3) }))
    }
    if (!flag('no-torch')) {
      const t = torch(d)
      console.log(JSON.stringify({ d, lib: 'torch 1 thread', wall_s: t.median_s, cpu_s: t.median_cpu_s, split: { grad_s: t.median_grad_s, adam_s: t.median_apply_s } }))
      console.log(`d=${d}: ours/PyTorch wall ${(ours.wall / t.median_s).toFixed(2)}×, CPU ${(ours.cpu / t.median_cpu_s).toFixed(2)}×  (load ${loadavg()[0].toFixed(1)})`)
    }
    if (d === 1000 && !flag('no-cpu')) {
      await selectBackend('cpu')
      const c = oursSteps('cpu', d, 5)
      console.log(JSON.stringify({ d, backend: 'cpu', layout: layoutFor('cpu'), scaled_from_steps: 5, wall_s: +c.wall.toFixed(2), cpu_s: +c.cpu.toFixed(2), split: { grad_s: +c.grad.toFixed(2), adam_s: +c.apply.toFixed(2) } }))
    }
  }
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
