// Engine-level measurement on the paper's synthetic files (not the full pipeline benchmark): SSAE (and FCNN)
// at the paper preset on synthetic_d1000_seed{7,8,9}.csv.gz, 40 % of the labels hidden (stratified, seeded),
// accuracy on the hidden samples after descent 1 and descent 2, seconds per phase, kept features.
// usage: npx tsx scripts/bench-synthetic.ts [--seeds 7,8,9] [--epochs 40] [--lr 1e-4] [--eta 10 | --features 8]
//        [--batch 8] [--hidden 300] [--lambda 0.0005] [--projection l11|l21|l1inf] [--no-fcnn] [--backend wasm]
import { readFileSync } from 'node:fs'
import { gunzipSync } from 'node:zlib'
import { Rng } from '../src/core/random'
import { PAPER_PRESET, type BackendChoice, type NetworkConfig } from '../src/core/types'
import { trainFCNN, trainSSAE, type NetworkInput } from '../src/core/nn/index'

const args = process.argv.slice(2)
const opt = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`)
  return i >= 0 ? args[i + 1] : undefined
}
const seeds = (opt('seeds') ?? '7,8,9').split(',').map(Number)
const backend = (opt('backend') ?? 'wasm') as BackendChoice
const cfg: NetworkConfig = { ...PAPER_PRESET.network }
if (opt('epochs')) cfg.epochs = Number(opt('epochs'))
if (opt('lr')) cfg.lr = Number(opt('lr'))
if (opt('batch')) cfg.batchSize = Number(opt('batch'))
if (opt('hidden')) cfg.hidden = Number(opt('hidden'))
if (opt('lambda')) cfg.lambda = Number(opt('lambda'))
if (opt('eta')) cfg.eta = Number(opt('eta'))
if (opt('projection')) cfg.projection = opt('projection') as NetworkConfig['projection']
if (opt('features')) {
  cfg.targetFeatures = Number(opt('features'))
  delete cfg.eta
}

/** sample,label,f0..f999 with samples as rows; used as generated (no preprocessing). */
function load(seed: number): NetworkInput & { yTrue: Int32Array } {
  const text = gunzipSync(readFileSync(`/work/shared/datasets/synthetic_d1000_seed${seed}.csv.gz`)).toString('utf8')
  const lines = text.split(/\r?\n/).filter((l) => l.length > 0)
  const header = lines[0].split(',')
  const d = header.length - 2
  const n = lines.length - 1
  const X = new Float32Array(n * d)
  const labels: string[] = []
  for (let i = 0; i < n; i++) {
    const cells = lines[i + 1].split(',')
    labels.push(cells[1])
    for (let j = 0; j < d; j++) X[i * d + j] = Number(cells[j + 2])
  }
  const classes = [...new Set(labels)].sort((a, b) => Number(a) - Number(b))
  const yTrue = Int32Array.from(labels, (l) => classes.indexOf(l))
  return { X, n, d, k: classes.length, yTrain: yTrue, yTrue, featureNames: header.slice(2) }
}

/** Hide `fraction` of each class, drawn without replacement with a seeded Rng (stream 7: the split's own). */
function hideStratified(yTrue: Int32Array, k: number, fraction: number, seed: number): Int32Array {
  const rng = new Rng(seed, 7)
  const yTrain = Int32Array.from(yTrue)
  for (let c = 0; c < k; c++) {
    const members = Int32Array.from([...yTrue.keys()].filter((i) => yTrue[i] === c))
    rng.shuffle(members)
    const hide = Math.round(members.length * fraction)
    for (let i = 0; i < hide; i++) yTrain[members[i]] = -1
  }
  return yTrain
}

function hiddenAccuracy(pred: Int32Array | ((i: number) => number), yTrain: Int32Array, yTrue: Int32Array): number {
  let right = 0
  let total = 0
  for (let i = 0; i < yTrue.length; i++) {
    if (yTrain[i] >= 0) continue
    total++
    const p = typeof pred === 'function' ? pred(i) : pred[i]
    if (p === yTrue[i]) right++
  }
  return right / total
}

async function main() {
  console.log(`# bench-synthetic (engine only): ${JSON.stringify(cfg)}, backend ${backend}, seeds ${seeds.join(',')}`)
  const acc: Record<string, number[]> = { ssae1: [], ssae2: [], fcnn: [] }
  for (const seed of seeds) {
    const data = load(seed)
    const yTrain = hideStratified(data.yTrue, data.k, 0.4, seed)
    const input = { ...data, yTrain }
    const phases: Record<string, number> = {}
    let phase = ''
    let t = performance.now()
    const mark = (next: string) => {
      if (phase) phases[phase] = (phases[phase] ?? 0) + (performance.now() - t) / 1000
      phase = next
      t = performance.now()
    }
    const r = await trainSSAE(input, cfg, seed, backend, { onPhase: (p) => mark(p) })
    mark('')
    const p1 = r.descent1Proba!
    const a1 = hiddenAccuracy((i) => (p1[2 * i + 1] > p1[2 * i] ? 1 : 0), yTrain, data.yTrue)
    const a2 = hiddenAccuracy(r.predicted, yTrain, data.yTrue)
    acc.ssae1.push(a1)
    acc.ssae2.push(a2)
    const line: Record<string, unknown> = {
      seed,
      backend: r.backend,
      ssae: { descent1: +a1.toFixed(4), descent2: +a2.toFixed(4) },
      eta: +r.eta!.toPrecision(4),
      kept: r.selected!.length,
      keptFeatures: r.selected!.slice(0, 12).map((s) => s.feature),
      maskDensity: +r.maskDensity!.toPrecision(3),
      seconds: Object.fromEntries(Object.entries(phases).map(([k, v]) => [k, +v.toFixed(2)])),
      lastLoss: r.losses.filter((l) => l.epoch === cfg.epochs).map((l) => +l.total.toFixed(2))
    }
    if (!args.includes('--no-fcnn')) {
      const t0 = performance.now()
      const f = await trainFCNN(input, cfg, seed, backend)
      const af = hiddenAccuracy(f.predicted, yTrain, data.yTrue)
      acc.fcnn.push(af)
      line.fcnn = { accuracy: +af.toFixed(4), seconds: +((performance.now() - t0) / 1000).toFixed(2) }
    }
    console.log(JSON.stringify(line))
  }
  const mean = (a: number[]) => (a.length ? +(a.reduce((x, y) => x + y, 0) / a.length).toFixed(4) : null)
  console.log(JSON.stringify({ mean: { ssaeDescent1: mean(acc.ssae1), ssaeDescent2: mean(acc.ssae2), fcnn: mean(acc.fcnn) } }))
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
