// Training workers run in Electron utility processes (never on the main thread): this adapts
// utilityProcess.fork to the pool's WorkerSpawner interface.

import { utilityProcess } from 'electron'
import type { WorkerHandle, WorkerSpawner } from '../worker/pool'

export function createUtilityProcessSpawner(): WorkerSpawner {
  return {
    spawn(entryFile: string): WorkerHandle {
      const child = utilityProcess.fork(entryFile, [], { serviceName: 'SSAE Studio training', stdio: 'inherit' })
      return {
        postMessage: (msg: unknown) => child.postMessage(msg),
        onMessage: (cb: (msg: unknown) => void) => {
          child.on('message', cb)
        },
        onExit: (cb: (code: number | null, signal: string | null) => void) => {
          child.on('exit', (code: number) => cb(code, null))
        },
        kill: () => {
          child.kill()
        }
      }
    }
  }
}
