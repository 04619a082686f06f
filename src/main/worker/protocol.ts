// The messages between the parent (the run pool) and a training worker. One worker process runs one job:
//   worker → parent  { type: 'ready' }                       once its message listener is installed
//   parent → worker  { type: 'run', runId, config, dataset }
//   worker → parent  { type: 'progress', runId, progress }*  while training
//   parent → worker  { type: 'cancel', runId }               optional; the worker aborts its AbortController
//   worker → parent  exactly one of result | failed | cancelled
//   parent → worker  { type: 'exit' }                        the worker exits with code 0
// A worker may instead parse one file (so a big import never blocks the parent's event loop):
//   parent → worker  { type: 'parse', fileName, data, options }
//   worker → parent  { type: 'parsed', dataset, preview } | { type: 'failed', runId: -1, error }
// Payloads are structured-clone data (typed arrays included): child_process.fork with
// serialization 'advanced' and Electron's utilityProcess both carry them. The worker never touches the
// database: the parent is the one writer of run status and results.

import type { Dataset, DatasetPreview, ImportOptions, ProgressEvent, RunConfig, RunResult } from '../../core/types'

export interface RunJobMessage {
  type: 'run'
  runId: number
  config: RunConfig
  /** The stored, parsed dataset (X travels as a Float32Array). */
  dataset: Dataset
}

export interface ParseJobMessage {
  type: 'parse'
  fileName: string
  data: Uint8Array
  options: ImportOptions
}

export type ParentMessage = RunJobMessage | ParseJobMessage | { type: 'cancel'; runId: number } | { type: 'exit' }

export interface WorkerError {
  name: string
  /** The UserError code when the pipeline rejected the job; null for an unexpected error. */
  code: string | null
  message: string
  /** Where in the file, for a UserError that names a position. */
  where?: { file?: string; line?: number; column?: number }
}

export type WorkerMessage =
  | { type: 'ready' }
  | { type: 'progress'; runId: number; progress: ProgressEvent }
  | { type: 'result'; runId: number; result: RunResult }
  | { type: 'failed'; runId: number; error: WorkerError }
  | { type: 'cancelled'; runId: number }
  | { type: 'parsed'; dataset: Dataset; preview: DatasetPreview }

export function isWorkerMessage(m: unknown): m is WorkerMessage {
  return typeof m === 'object' && m !== null && typeof (m as { type?: unknown }).type === 'string'
}
