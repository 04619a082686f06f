// The preload's exposed object, built by the pure createPreloadApi with a stand-in for Electron's
// ipcRenderer (Electron cannot run here): exactly call / subscribe / platform, nothing else.
import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createPreloadApi, type IpcRendererLike } from '../../../src/preload/api'
import { BRIDGE_KEYS } from '../../../src/shared/bridge'
import { IPC_EVENT, IPC_INVOKE } from '../../../src/shared/channels'

type Listener = (event: unknown, ...args: unknown[]) => void

function recordingIpc() {
  const invoked: unknown[][] = []
  const listeners = new Map<string, Set<Listener>>()
  const ipc: IpcRendererLike = {
    invoke: async (channel, ...args) => {
      invoked.push([channel, ...args])
      return { ok: true, value: 'answer' }
    },
    on: (channel, l) => {
      if (!listeners.has(channel)) listeners.set(channel, new Set())
      listeners.get(channel)!.add(l)
    },
    removeListener: (channel, l) => {
      listeners.get(channel)?.delete(l)
    }
  }
  const emit = (channel: string, payload: unknown) => {
    for (const l of listeners.get(channel) ?? []) l({ sender: 'main' }, payload)
  }
  return { ipc, invoked, listeners, emit }
}

describe('preload surface', () => {
  it('exposes exactly call, subscribe and platform, frozen', () => {
    const api = createPreloadApi(recordingIpc().ipc, 'linux')
    expect(Object.keys(api).sort()).toEqual([...BRIDGE_KEYS].sort())
    expect(Object.keys(api).sort()).toEqual(['call', 'platform', 'subscribe'])
    expect(typeof api.call).toBe('function')
    expect(typeof api.subscribe).toBe('function')
    expect(api.platform).toBe('linux')
    expect(Object.isFrozen(api)).toBe(true)
  })

  it('forwards a listed channel on the single invoke channel', async () => {
    const r = recordingIpc()
    const api = createPreloadApi(r.ipc, 'linux')
    await expect(api.call('runs.get', { id: 3 })).resolves.toEqual({ ok: true, value: 'answer' })
    expect(r.invoked).toEqual([[IPC_INVOKE, 'runs.get', { id: 3 }]])
  })

  it('refuses an unlisted channel without reaching main', async () => {
    const r = recordingIpc()
    const api = createPreloadApi(r.ipc, 'linux')
    const res = await api.call('fs.readFile' as never, { path: '/etc/passwd' })
    expect(res).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } })
    expect(r.invoked).toEqual([])
  })

  it('subscribe delivers events without the IPC event object and unsubscribes', () => {
    const r = recordingIpc()
    const api = createPreloadApi(r.ipc, 'linux')
    const seen: unknown[] = []
    const off = api.subscribe((e) => seen.push(e))
    r.emit(IPC_EVENT, { type: 'run.status', runId: 1, status: 'done', error: null })
    expect(seen).toEqual([{ type: 'run.status', runId: 1, status: 'done', error: null }])
    off()
    expect(r.listeners.get(IPC_EVENT)?.size).toBe(0)
    r.emit(IPC_EVENT, { type: 'run.status', runId: 2, status: 'done', error: null })
    expect(seen).toHaveLength(1)
    expect(() => api.subscribe('nope' as never)).toThrow(TypeError)
  })

  it('the preload entry exposes only createPreloadApi under the name "ssae"', () => {
    const src = readFileSync(join(__dirname, '..', '..', '..', 'src', 'preload', 'index.ts'), 'utf8')
    const exposures = [...src.matchAll(/exposeInMainWorld\(\s*'([^']+)'\s*,\s*([^)]+\))/g)].map((m) => [m[1], m[2]])
    expect(exposures).toEqual([['ssae', 'createPreloadApi(ipcRenderer, process.platform)']])
  })
})
