// The IPC handler body, without Electron: checks the sender is the app's own page, then dispatches.
// src/main/electron/ipc.ts registers it with ipcMain.handle('api', …).

import type { IpcResult } from '../../shared/bridge'
import type { Dispatch } from './dispatch'

export interface IpcSenderLike {
  senderFrame: { url: string } | null
}

export function createIpcHandler(
  dispatch: Dispatch,
  isTrustedUrl: (url: string) => boolean
): (event: IpcSenderLike, channel: unknown, payload: unknown) => Promise<IpcResult> {
  return async (event, channel, payload) => {
    const url = event.senderFrame?.url ?? ''
    if (!isTrustedUrl(url)) {
      return { ok: false, error: { code: 'FORBIDDEN_SENDER', message: 'Calls are accepted from the app window only.' } }
    }
    const r = await dispatch(channel, payload)
    return r.ok ? { ok: true, value: r.value } : { ok: false, error: r.error }
  }
}
