// Parses a file in a worker process, so importing a big matrix (seconds of parsing) never blocks the
// caller's event loop. One short-lived process per file, outside the run queue (an import does not wait
// for a training run to finish).

import { UserError, type Dataset, type DatasetPreview, type ImportOptions } from '../../core/types'
import { exitDescription } from './pool'
import { isWorkerMessage } from './protocol'
import type { WorkerSpawner } from './spawner'

export function parseInWorker(
  spawner: WorkerSpawner,
  entryFile: string,
  fileName: string,
  data: Uint8Array,
  options: ImportOptions
): Promise<{ dataset: Dataset; preview: DatasetPreview }> {
  return new Promise((resolve, reject) => {
    const worker = spawner.spawn(entryFile)
    let settled = false
    const settle = (f: () => void): void => {
      if (settled) return
      settled = true
      f()
      worker.postMessage({ type: 'exit' })
      setTimeout(() => worker.kill(), 1500).unref?.()
    }
    worker.onMessage((msg) => {
      if (!isWorkerMessage(msg)) return
      if (msg.type === 'ready') worker.postMessage({ type: 'parse', fileName, data, options })
      else if (msg.type === 'parsed') settle(() => resolve({ dataset: msg.dataset, preview: msg.preview }))
      else if (msg.type === 'failed') {
        const e = msg.error
        settle(() => reject(e.name === 'UserError' && e.code ? new UserError(e.code, e.message, e.where ?? {}) : new Error(e.message)))
      }
    })
    worker.onExit((code, signal) => {
      if (!settled) {
        settled = true
        reject(
          new UserError(
            'reader-crashed',
            `The process reading ${fileName} stopped unexpectedly (${exitDescription(code, signal)}). ` +
              'If the computer ran out of memory, try a smaller file or close other programs.',
            { file: fileName }
          )
        )
      }
    })
  })
}
