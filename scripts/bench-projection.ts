// Times the projections on the paper's first layer at d = 10 000 (h = 300), float32 weights as the
// trainer holds them, plus the l1-ball projection alone and the η-by-target bisection.
// Run: npx tsx scripts/bench-projection.ts
import { Rng } from '../src/core/random'
import { projL1, projL1Sort } from '../src/core/projection/l1'
import { etaForFeatureCount, project } from '../src/core/projection/bilevel'
import type { ProjectionKind } from '../src/core/types'

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]
}

/**
 * Wall time and the process's CPU time per call. On a shared machine (2 cores, other jobs) the
 * wall time includes waiting for a core; the CPU time is what the code itself costs.
 */
function time(label: string, repeats: number, fn: () => void): void {
  for (let k = 0; k < 3; k++) fn() // warm-up (JIT)
  const wall: number[] = []
  const cpu: number[] = []
  for (let k = 0; k < repeats; k++) {
    const c0 = process.cpuUsage()
    const t0 = performance.now()
    fn()
    wall.push(performance.now() - t0)
    const c = process.cpuUsage(c0)
    cpu.push((c.user + c.system) / 1000)
  }
  console.log(
    `${label.padEnd(50)} wall median ${median(wall).toFixed(2)} min ${Math.min(...wall).toFixed(2)} ms | cpu median ${median(cpu).toFixed(2)} ms`
  )
}

const rng = new Rng(2016)
const h = 300
const d = 10_000
// A trained-looking layer: PyTorch's init scale, a few strong columns.
const W = new Float32Array(h * d)
const bound = 1 / Math.sqrt(d)
for (let j = 0; j < d; j++) {
  const boost = j % 97 === 0 ? 20 : 1
  for (let i = 0; i < h; i++) W[i * d + j] = rng.uniform(-bound, bound) * boost
}
const out = new Float32Array(h * d)
let total = 0
for (let k = 0; k < W.length; k++) total += Math.abs(W[k])
console.log(`layer ${h} × ${d} float32, ‖W‖₁,₁ = ${total.toFixed(1)}`)

// Calibration on a shared machine: what one read pass and one write pass over the layer cost now.
let sink = 0
time('baseline: sum |w| over the layer (one read pass)', 20, () => {
  let s = 0
  for (let k = 0; k < W.length; k++) s += Math.abs(W[k])
  sink += s
})
time('baseline: out.fill(0) (one write pass)', 20, () => out.fill(0))
if (sink === 42) console.log('')

for (const kind of ['l11', 'l21', 'l1inf'] as ProjectionKind[]) {
  for (const eta of [10, 1000, total * 0.9]) {
    let kept = 0
    time(`project ${kind} η = ${eta.toFixed(0)}`, 30, () => {
      kept = project(kind, W, h, d, eta, out).kept.length
    })
    console.log(`    kept ${kept} features`)
  }
}

const v = new Float64Array(1_000_000)
for (let i = 0; i < v.length; i++) v[i] = rng.normal()
const vout = new Float64Array(v.length)
time('projL1 (Condat), n = 1e6, η = 1000', 10, () => projL1(v, 1000, vout))
time('projL1Sort (oracle), n = 1e6, η = 1000', 5, () => projL1Sort(v, 1000, vout))

for (const target of [8, 100]) {
  let r = { eta: 0, kept: 0 }
  time(`etaForFeatureCount l11 target ${target}`, 3, () => {
    r = etaForFeatureCount('l11', W, h, d, target)
  })
  console.log(`    η = ${r.eta.toPrecision(6)}, kept ${r.kept}`)
}
