// Starting a worker process. The pool only needs WorkerHandle; the Electron app passes a spawner built on
// utilityProcess.fork (src/main/electron/spawner.ts), plain Node uses child_process.fork below.

import { fork } from 'node:child_process'
import { setPriority } from 'node:os'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { findAppRoot } from '../paths'

/** A running worker process, as the pool sees it. */
export interface WorkerHandle {
  /** Send one structured-clone message (typed arrays allowed). */
  postMessage(msg: unknown): void
  /** Every message the worker sends, in order. */
  onMessage(cb: (msg: unknown) => void): void
  /** Called once when the process has exited: exit code, or the signal that killed it (either may be null). */
  onExit(cb: (code: number | null, signal: string | null) => void): void
  /** Stop the process now (no clean-up expected from it). */
  kill(): void
  /** The OS process id, when known (diagnostics and tests). */
  readonly pid?: number
}

export interface WorkerSpawner {
  spawn(entryFile: string): WorkerHandle
}

/** The tsx loader, for running the TypeScript entry directly (tests, development). */
function tsxLoaderUrl(appRoot: string): string {
  return pathToFileURL(join(appRoot, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href
}

/** child_process.fork with 'advanced' serialization (typed arrays survive), a clean execArgv (not the
 * parent's test-runner or debugger flags), and tsx when the entry is TypeScript. The worker runs at a lower
 * CPU priority (nice 10 by default): on a busy machine the app stays responsive and training takes the rest. */
export function nodeForkSpawner(options: { execArgv?: string[]; nice?: number } = {}): WorkerSpawner {
  return {
    spawn(entryFile: string): WorkerHandle {
      const execArgv = [...(options.execArgv ?? [])]
      if (entryFile.endsWith('.ts')) execArgv.push('--import', tsxLoaderUrl(findAppRoot()))
      const child = fork(entryFile, [], {
        execArgv,
        serialization: 'advanced',
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
        env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }
      })
      let exited = false
      child.once('exit', () => (exited = true))
      if (child.pid !== undefined && (options.nice ?? 10) !== 0) {
        try {
          setPriority(child.pid, options.nice ?? 10)
        } catch {
          // not permitted on this system: run at normal priority
        }
      }
      return {
        postMessage: (msg) => {
          if (!exited && child.connected) child.send(msg as never)
        },
        onMessage: (cb) => void child.on('message', cb),
        onExit: (cb) => void child.once('exit', (code, signal) => cb(code, signal)),
        kill: () => {
          if (!exited) child.kill('SIGKILL')
        },
        pid: child.pid
      }
    }
  }
}

/** The worker entry: an explicit file, else the built out/main/worker.js, else the TypeScript source (run with tsx). */
export function resolveWorkerEntry(explicit?: string, appRoot: string = findAppRoot()): string {
  if (explicit) {
    if (!existsSync(explicit)) throw new Error(`Worker entry not found: ${explicit}`)
    return explicit
  }
  const built = join(appRoot, 'out', 'main', 'worker.js')
  if (existsSync(built)) return built
  const source = join(appRoot, 'src', 'main', 'worker', 'entry.ts')
  if (existsSync(source)) return source
  throw new Error(`No training worker found (looked for ${built} and ${source}).`)
}
