// Training in its own process, end to end through the services on a real database file and real worker
// processes (the TypeScript entry run with tsx, or out/main/worker.js when built): a worker killed with
// SIGKILL, a job the pipeline rejects, a worker that crashes on start, cancel, queueing, event-loop lag.

import { spawn } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import { join } from 'node:path'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { defaultRunConfig } from '../../../src/core/config'
import { parseDataset } from '../../../src/core/dataset'
import { UserError, type RunConfig } from '../../../src/core/types'
import { loadDataset } from '../../../src/main/store/datasetsRepo'
import type { ApiEvent } from '../../../src/shared/api'
import { createServices, nodeForkSpawner, type Services, type WorkerSpawner } from '../../../src/main/services'
import { countMethodRows } from '../../../src/main/store/runsRepo'
import { openDatabase } from '../../../src/main/store/db'
import { nextEvent, tempDir, WORKER_SOURCE } from '../store/helpers'

let dir: string
let cleanup: () => void
let services: Services | null = null
const pids: number[] = []
const recordingSpawner: WorkerSpawner = {
  spawn(entry) {
    const h = nodeForkSpawner().spawn(entry)
    pids.push(h.pid!)
    return h
  }
}

beforeEach(() => {
  ;({ dir, cleanup } = tempDir('ssae-worker-'))
  pids.length = 0
})
afterEach(async () => {
  await services?.close()
  services = null
  cleanup()
})

const hidden = { mode: 'hidden', fraction: 0.4, seed: 7 } as const
const fastConfig = (): RunConfig => defaultRunConfig({ methods: ['labelprop', 'labelspread'], split: hidden })
const slowConfig = (): RunConfig =>
  defaultRunConfig({ methods: ['ssae'], split: hidden, network: { ...defaultRunConfig().network, epochs: 200 } })

async function start(config: RunConfig, s: Services, datasetId: number): Promise<number> {
  return (await s.handlers['runs.start']({ datasetId, config })).id
}

const trainingEpoch = (id: number) => (e: ApiEvent) =>
  e.type === 'run.progress' && e.runId === id && e.progress.phase === 'descent1' && (e.progress.epoch ?? 0) >= 1

describe('training worker', () => {
  it('a worker killed with SIGKILL mid-run fails its run with a readable message and no method rows; the next queued run completes', async () => {
    const dbPath = join(dir, 'store.sqlite')
    services = createServices({ workerEntry: WORKER_SOURCE, dbPath, spawner: recordingSpawner })
    const s = services
    const ds = await s.handlers['datasets.importDemo']({})
    const victim = await start(slowConfig(), s, ds.id)
    const next = await start(fastConfig(), s, ds.id)
    await nextEvent(s.subscribe, trainingEpoch(victim))
    expect((await s.handlers['runs.list']({})).find((r) => r.id === next)!.status).toBe('queued')
    process.kill(pids[0], 'SIGKILL')
    expect(await s.waitForRun(victim)).toBe('failed')
    const failed = await s.handlers['runs.get']({ id: victim })
    expect(failed.summary.error).toMatch(/^The training process stopped unexpectedly \(signal SIGKILL\)\./)
    expect(failed.methods).toEqual({})
    expect(await s.waitForRun(next)).toBe('done')
    expect(pids).toHaveLength(2)
    const db = openDatabase(dbPath)
    expect(countMethodRows(db, victim)).toBe(0)
    expect(countMethodRows(db, next)).toBe(2)
    db.close()
  })

  it('a job the pipeline rejects fails with the pipeline’s own message; bad import options are refused at start', async () => {
    services = createServices({ workerEntry: WORKER_SOURCE, dbPath: join(dir, 'store.sqlite') })
    const s = services
    const ds = await s.handlers['datasets.importDemo']({})
    // Every sample of the demo is labelled: with the given labels there is nothing to predict.
    const given = await start(defaultRunConfig({ methods: ['labelprop'], split: { mode: 'given' } }), s, ds.id)
    expect(await s.waitForRun(given)).toBe('failed')
    expect((await s.handlers['runs.list']({})).find((r) => r.id === given)!.error).toMatch(/^Nothing to predict: all 271 samples are labelled/)
    // Other import options: the stored original is parsed with them at start, and the parser rejects the label name.
    await expect(start({ ...fastConfig(), import: { label: 'NoSuchLabel', orientation: 'auto', missing: 'refuse' } }, s, ds.id)).rejects.toThrow(/NoSuchLabel/)
    expect((await s.handlers['runs.list']({})).length).toBe(1)
  })

  it('a worker that crashes while starting fails its run (exit code) and the service keeps working', async () => {
    const boom = join(dir, 'boom.cjs')
    writeFileSync(boom, `throw new Error('the worker failed to load')\n`)
    services = createServices({ dbPath: join(dir, 'store.sqlite'), workerEntry: boom })
    const s = services
    const ds = await s.handlers['datasets.importDemo']({})
    const a = await start(fastConfig(), s, ds.id)
    const b = await start(fastConfig(), s, ds.id)
    expect(await s.waitForRun(a)).toBe('failed')
    expect(await s.waitForRun(b)).toBe('failed')
    expect((await s.handlers['runs.get']({ id: a })).summary.error).toMatch(/^The training process stopped unexpectedly \(exit code 1\)\./)
    expect((await s.handlers['datasets.list']({})).length).toBe(1)
  })

  it('cancel stops a training run within 2 s and marks it cancelled; a queued run is cancelled at once', async () => {
    services = createServices({ workerEntry: WORKER_SOURCE, dbPath: join(dir, 'store.sqlite') })
    const s = services
    const ds = await s.handlers['datasets.importDemo']({})
    const running = await start(slowConfig(), s, ds.id)
    const queued = await start(fastConfig(), s, ds.id)
    expect(await s.handlers['runs.cancel']({ id: queued })).toEqual({ status: 'cancelled' })
    await nextEvent(s.subscribe, trainingEpoch(running))
    const t0 = performance.now()
    const res = await s.handlers['runs.cancel']({ id: running })
    const ms = performance.now() - t0
    expect(res).toEqual({ status: 'cancelled' })
    expect(ms).toBeLessThan(2000)
    expect(await s.waitForRun(running)).toBe('cancelled')
    const detail = await s.handlers['runs.get']({ id: running })
    expect(detail.summary.error).toBeNull()
    expect(detail.methods).toEqual({})
    // Cancelling a finished run changes nothing.
    expect(await s.handlers['runs.cancel']({ id: running })).toEqual({ status: 'cancelled' })
  })

  it('queued runs execute one after another (concurrency 1), and the parent event loop stays responsive (< 100 ms lag)', async () => {
    services = createServices({ workerEntry: WORKER_SOURCE, dbPath: join(dir, 'store.sqlite') })
    const s = services
    const ds = await s.handlers['datasets.importDemo']({})
    const lag = monitorEventLoopDelay({ resolution: 10 })
    lag.enable()
    const trainConfig = defaultRunConfig({ methods: ['ssae', 'labelprop'], split: hidden, network: { ...defaultRunConfig().network, epochs: 3 } })
    const first = await start(trainConfig, s, ds.id)
    const second = await start(fastConfig(), s, ds.id)
    expect(await s.waitForRun(second)).toBe('done')
    expect(await s.waitForRun(first)).toBe('done')
    lag.disable()
    const worstMs = lag.max / 1e6
    console.log(`worst event-loop lag during training: ${worstMs.toFixed(1)} ms`)
    expect(worstMs).toBeLessThan(100)
    const db = openDatabase(join(dir, 'store.sqlite'))
    const started = db.prepare('SELECT id, started_at, finished_at FROM runs ORDER BY id').all() as { id: number; started_at: string; finished_at: string }[]
    db.close()
    expect(started[1].started_at >= started[0].finished_at).toBe(true)
  })
})

describe('concurrency', () => {
  it('with concurrency 2, two queued runs train at the same time', async () => {
    services = createServices({ workerEntry: WORKER_SOURCE, dbPath: join(dir, 'store.sqlite'), concurrency: 2 })
    const s = services
    const ds = await s.handlers['datasets.importDemo']({})
    const order: string[] = []
    s.subscribe((e) => {
      if (e.type === 'run.status') order.push(`${e.runId}:${e.status}`)
    })
    const a = await start(fastConfig(), s, ds.id)
    const b = await start(fastConfig(), s, ds.id)
    expect(await s.waitForRun(a)).toBe('done')
    expect(await s.waitForRun(b)).toBe('done')
    const firstDone = order.findIndex((x) => x.endsWith(':done'))
    expect(order.indexOf(`${a}:running`)).toBeLessThan(firstDone)
    expect(order.indexOf(`${b}:running`)).toBeLessThan(firstDone)
  })
})

describe('start-up after a crash of the app itself', () => {
  it('runs left running or queued by a killed process become interrupted, with no method rows, and its worker exits', async () => {
    const dbPath = join(dir, 'store.sqlite')
    const tsx = pathToFileURL(join(__dirname, '..', '..', '..', 'node_modules', 'tsx', 'dist', 'loader.mjs')).href
    const app = spawn(process.execPath, ['--import', tsx, join(__dirname, 'fixtures', 'hold-a-run.ts'), dbPath], { stdio: ['ignore', 'pipe', 'inherit'] })
    const line = await new Promise<string>((resolve, reject) => {
      let out = ''
      app.stdout.on('data', (b: Buffer) => {
        out += b.toString()
        if (out.includes('\n')) resolve(out.trim())
      })
      app.once('exit', (code) => reject(new Error(`the app process exited early (${code})`)))
    })
    const [, runId, , queuedId, , workerPid] = line.split(' ').map((x) => Number(x))
    const exited = new Promise((r) => app.once('exit', r))
    app.kill('SIGKILL')
    await exited
    services = createServices({ workerEntry: WORKER_SOURCE, dbPath })
    expect(services.interruptedAtStart).toEqual([runId, queuedId])
    const runs = await services.handlers['runs.list']({})
    for (const r of runs) {
      expect(r.status).toBe('interrupted')
      expect(r.error).toMatch(/closed or stopped while this run was queued or running/)
    }
    const db = openDatabase(dbPath)
    expect(countMethodRows(db, runId)).toBe(0)
    db.close()
    // The orphaned worker notices its parent is gone and exits.
    const deadline = Date.now() + 10000
    let alive = true
    while (alive && Date.now() < deadline) {
      try {
        process.kill(workerPid, 0)
        await new Promise((r) => setTimeout(r, 100))
      } catch {
        alive = false
      }
    }
    expect(alive).toBe(false)
  })
})

describe('parsing in a worker process', () => {
  it('imports a file parsed in a worker exactly as in-process, and returns the parser’s UserError with its position', async () => {
    const dbPath = join(dir, 'store.sqlite')
    services = createServices({ workerEntry: WORKER_SOURCE, dbPath, parseInWorkerFromBytes: 0, spawner: recordingSpawner })
    const demo = await services.handlers['datasets.importDemo']({})
    expect(pids).toHaveLength(1)
    const bytes = new Uint8Array(readFileSync(join(__dirname, '..', '..', '..', 'resources', 'demo', 'breast_GC_D_MB.tiro.csv.gz')))
    const direct = parseDataset(bytes, 'breast_GC_D_MB.tiro.csv.gz', {})
    const db = openDatabase(dbPath)
    expect(loadDataset(db, demo.id)).toEqual(direct)
    db.close()
    const bad = new TextEncoder().encode('sample,label,f1\ns1,A,1\ns2,B,oops\ns3,A,2\n')
    let error: unknown
    try {
      await services.handlers['datasets.import']({ fileName: 'bad.csv', data: bad, options: {} })
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(UserError)
    expect((error as UserError).file).toBe('bad.csv')
    expect((error as UserError).line).toBe(3)
    expect(pids).toHaveLength(2)
  })
})
