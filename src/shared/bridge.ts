// What the preload exposes as window.ssae, and what travels on its two IPC channels. The renderer's IPC
// client unwraps the result envelope (an Error thrown in ipcMain.handle would lose its code on the way).

import type { ApiError, ApiEvent, Channel, FilePayload } from './api'

export type IpcResult = { ok: true; value: unknown } | { ok: false; error: ApiError }

/** Sent by the native menus (Electron only): open a file chosen in the native dialog, or go somewhere. */
export type MenuEvent =
  | { type: 'menu.importFile'; file: FilePayload }
  | { type: 'menu.navigate'; path: string }

export type BridgeEvent = ApiEvent | MenuEvent

export interface SsaeBridge {
  call(channel: Channel, payload: unknown): Promise<IpcResult>
  subscribe(listener: (e: BridgeEvent) => void): () => void
  platform: string
}

/** The exact keys of window.ssae, pinned by a unit test. */
export const BRIDGE_KEYS = ['call', 'subscribe', 'platform'] as const
