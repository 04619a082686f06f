// Builds the object exposed to the renderer as window.ssae. Pure (takes an ipcRenderer-like object), so
// its surface is unit-tested without Electron. Exposes exactly call, subscribe and platform.

import type { Channel } from '../shared/api'
import type { BridgeEvent, IpcResult, SsaeBridge } from '../shared/bridge'
import { IPC_EVENT, IPC_INVOKE, isChannel } from '../shared/channels'

export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown
}

export function createPreloadApi(ipc: IpcRendererLike, platform: string): SsaeBridge {
  const api: SsaeBridge = {
    call(channel: Channel, payload: unknown): Promise<IpcResult> {
      // Refused here too so a typo never reaches main; main validates again (the renderer is untrusted).
      if (!isChannel(channel)) {
        return Promise.resolve({
          ok: false,
          error: { code: 'UNKNOWN_CHANNEL', message: `Unknown API channel "${String(channel).slice(0, 80)}".` }
        })
      }
      return ipc.invoke(IPC_INVOKE, channel, payload) as Promise<IpcResult>
    },
    subscribe(listener: (e: BridgeEvent) => void): () => void {
      if (typeof listener !== 'function') throw new TypeError('subscribe expects a function.')
      const wrapped = (_event: unknown, e: unknown): void => listener(e as BridgeEvent)
      ipc.on(IPC_EVENT, wrapped)
      return () => {
        ipc.removeListener(IPC_EVENT, wrapped)
      }
    },
    platform
  }
  return Object.freeze(api)
}
