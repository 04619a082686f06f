// The paper's values for the Training step. The renderer may import only types from core, so the preset is
// restated here; test/unit/app/paper-preset.test.ts checks it equals core's PAPER_PRESET.
import type { RunConfig } from '../../core/types'

export const PAPER_PRESET: Pick<RunConfig, 'network' | 'graph'> = {
  network: { eta: 10, projection: 'l11', epochs: 40, batchSize: 8, lr: 1e-4, lambda: 0.0005, hidden: 300 },
  graph: { kernel: 'knn', neighbors: 7, gamma: 20, fit: 'transductive' }
}
