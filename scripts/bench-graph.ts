// Timing of the graph baselines' neighbour search (issue 2: knn on 1 000 × 10 000 in under 5 s).
// Prints wall time and this process's CPU time: on a shared machine the CPU time is what an idle one would take.
// Run: npx tsx scripts/bench-graph.ts [n] [d]
import { Rng } from '../src/core/random'
import { kNearestNeighbors } from '../src/core/graph/distances'
import { createDotKernel } from '../src/core/graph/dotKernel'
import { fitLabelGraph } from '../src/core/graph/labelPropagation'

const n = Number(process.argv[2] ?? 1000)
const d = Number(process.argv[3] ?? 10000)
const rng = new Rng(1)
const X = new Float32Array(n * d)
for (let i = 0; i < X.length; i++) X[i] = rng.normal()
const y = new Int32Array(n)
for (let i = 0; i < n; i++) y[i] = i % 5 === 0 ? -1 : i % 2

function timed(label: string, f: () => string | void): void {
  const cpu0 = process.cpuUsage()
  const t0 = performance.now()
  const extra = f()
  const wall = (performance.now() - t0) / 1000
  const cpu = process.cpuUsage(cpu0)
  const cpuSeconds = (cpu.user + cpu.system) / 1e6
  console.log(`${label}: ${wall.toFixed(2)} s wall, ${cpuSeconds.toFixed(2)} s CPU${extra ? ` (${extra})` : ''}`)
}

console.log(`dot kernel: ${createDotKernel().kind}; ${n} samples × ${d} features`)
timed('kNearestNeighbors k = 7', () => void kNearestNeighbors(X, n, X, n, d, 7, true))
for (const algorithm of ['propagation', 'spreading'] as const) {
  for (const fit of ['transductive', 'labelled'] as const) {
    timed(`fitLabelGraph ${algorithm} knn ${fit}`, () => {
      const r = fitLabelGraph(X, n, d, y, 2, { algorithm, kernel: 'knn', neighbors: 7, gamma: 20, fit })
      return `${r.iterations} iterations`
    })
  }
}
