// Registers the single 'api' invoke channel and forwards service events to the window.

import { ipcMain, type BrowserWindow } from 'electron'
import type { ApiEvent } from '../../shared/api'
import type { MenuEvent } from '../../shared/bridge'
import { IPC_EVENT, IPC_INVOKE } from '../../shared/channels'
import { createDispatch, type ApiHandlers } from '../transport/dispatch'
import { createIpcHandler } from '../transport/ipc'

export function registerIpc(
  handlers: ApiHandlers,
  subscribe: (listener: (e: ApiEvent) => void) => () => void,
  isTrustedUrl: (url: string) => boolean,
  getWindow: () => BrowserWindow | null
): { send(e: MenuEvent): void; dispose(): void } {
  const handler = createIpcHandler(createDispatch(handlers), isTrustedUrl)
  ipcMain.handle(IPC_INVOKE, (event, channel: unknown, payload: unknown) => handler(event, channel, payload))
  const send = (e: ApiEvent | MenuEvent): void => {
    const win = getWindow()
    if (win && !win.isDestroyed()) win.webContents.send(IPC_EVENT, e)
  }
  const unsubscribe = subscribe(send)
  return {
    send,
    dispose() {
      unsubscribe()
      ipcMain.removeHandler(IPC_INVOKE)
    }
  }
}
