// Timing of the graph baselines' neighbour search (issue 2: knn on 1 000 × 10 000 in under 5 s).
// Run: npx tsx scripts/bench-graph.ts [n] [d]
import { Rng } from '../src/core/random'
import { kNearestNeighbors } from '../src/core/graph/distances'
import { fitLabelGraph } from '../src/core/graph/labelPropagation'

const n = Number(process.argv[2] ?? 1000)
const d = Number(process.argv[3] ?? 10000)
const rng = new Rng(1)
const X = new Float32Array(n * d)
for (let i = 0; i < X.length; i++) X[i] = rng.normal()
const y = new Int32Array(n)
for (let i = 0; i < n; i++) y[i] = i % 5 === 0 ? -1 : i % 2

let t = performance.now()
kNearestNeighbors(X, n, X, n, d, 7, true)
console.log(`kNearestNeighbors ${n} × ${d}, k = 7: ${((performance.now() - t) / 1000).toFixed(2)} s`)

for (const algorithm of ['propagation', 'spreading'] as const) {
  for (const fit of ['transductive', 'labelled'] as const) {
    t = performance.now()
    const r = fitLabelGraph(X, n, d, y, 2, { algorithm, kernel: 'knn', neighbors: 7, gamma: 20, fit })
    console.log(`fitLabelGraph ${algorithm} knn ${fit}: ${((performance.now() - t) / 1000).toFixed(2)} s (${r.iterations} iterations)`)
  }
}
