// The training worker (built to out/main/worker.js): runs one job with the core pipeline in its own
// process and streams progress back. Works under Electron's utilityProcess (process.parentPort) and under
// child_process.fork (process.send). See ./protocol.ts for the messages.

import { parseDataset, previewDataset } from '../../core/dataset'
import { runAnalysis } from '../../core/pipeline'
import { CancelledError, UserError } from '../../core/types'
import type { ParentMessage, ParseJobMessage, RunJobMessage, WorkerError, WorkerMessage } from './protocol'

interface Channel {
  post(msg: WorkerMessage): void
  listen(cb: (msg: ParentMessage) => void): void
}

interface ParentPort {
  postMessage(msg: unknown): void
  on(event: 'message', cb: (e: { data: unknown }) => void): void
}

function connect(): Channel {
  const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort
  if (parentPort) {
    return { post: (m) => parentPort.postMessage(m), listen: (cb) => parentPort.on('message', (e) => cb(e.data as ParentMessage)) }
  }
  if (process.send) {
    const send = process.send.bind(process)
    process.on('disconnect', () => process.exit(0)) // the parent went away: nobody is waiting for us
    return { post: (m) => void send(m), listen: (cb) => process.on('message', (m) => cb(m as ParentMessage)) }
  }
  throw new Error('The SSAE Studio training worker must be started by the app (no parent message channel).')
}

function describeError(e: unknown): WorkerError {
  if (e instanceof UserError) return { name: 'UserError', code: e.code, message: e.message, where: { file: e.file, line: e.line, column: e.column } }
  const err = e instanceof Error ? e : new Error(String(e))
  return { name: err.name, code: null, message: err.message }
}

const channel = connect()
let controller: AbortController | null = null
let currentRunId = -1

process.on('uncaughtException', (e) => {
  channel.post({ type: 'failed', runId: currentRunId, error: describeError(e) })
  setTimeout(() => process.exit(1), 200)
})

async function run(job: RunJobMessage): Promise<void> {
  currentRunId = job.runId
  controller = new AbortController()
  try {
    const result = await runAnalysis(job.dataset, job.config, {
      signal: controller.signal,
      onProgress: (progress) => channel.post({ type: 'progress', runId: job.runId, progress })
    })
    channel.post({ type: 'result', runId: job.runId, result })
  } catch (e) {
    if (e instanceof CancelledError || controller.signal.aborted) channel.post({ type: 'cancelled', runId: job.runId })
    else channel.post({ type: 'failed', runId: job.runId, error: describeError(e) })
  }
}

function parse(job: ParseJobMessage): void {
  try {
    const dataset = parseDataset(job.data, job.fileName, job.options)
    const preview = previewDataset(job.data, job.fileName, job.options)
    channel.post({ type: 'parsed', dataset, preview })
  } catch (e) {
    channel.post({ type: 'failed', runId: -1, error: describeError(e) })
  }
}

channel.listen((msg) => {
  if (msg.type === 'run') void run(msg)
  else if (msg.type === 'parse') parse(msg)
  else if (msg.type === 'cancel') controller?.abort()
  else if (msg.type === 'exit') process.exit(0)
  else {
    const type = (msg as { type?: unknown }).type
    channel.post({ type: 'failed', runId: -1, error: { name: 'Error', code: null, message: `The worker does not understand a "${String(type)}" message (an older build?).` } })
  }
})
channel.post({ type: 'ready' })
