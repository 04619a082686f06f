// The two ApiClient implementations: IPC through window.ssae (Electron) and HTTP + server-sent events
// (`ssae serve` in a browser). Both throw ApiCallError carrying the ApiError shape.

import type { ApiClient, ApiError, ApiEvent, Channel, FilePayload, Req, Res } from '../../shared/api'
import type { BridgeEvent, MenuEvent, SsaeBridge } from '../../shared/bridge'
import { decodeJson, encodeJson } from '../../shared/codec'

export class ApiCallError extends Error implements ApiError {
  readonly code: string
  readonly details?: ApiError['details']
  constructor(error: ApiError) {
    super(error.message)
    this.name = 'ApiCallError'
    this.code = error.code
    this.details = error.details
  }
  toJSON(): ApiError {
    return { code: this.code, message: this.message, details: this.details }
  }
}

/** Normalises anything thrown by a call into the ApiError shape for display. */
export function asApiError(e: unknown): ApiError {
  if (e instanceof ApiCallError) return e.toJSON()
  if (e instanceof Error) return { code: 'CLIENT', message: e.message }
  return { code: 'CLIENT', message: String(e) }
}

export interface AppClient extends ApiClient {
  kind: 'ipc' | 'http'
  /** Native menu actions (Electron only; never fires over HTTP). */
  onMenu(listener: (e: MenuEvent) => void): () => void
}

function isMenuEvent(e: BridgeEvent): e is MenuEvent {
  return e.type === 'menu.importFile' || e.type === 'menu.navigate'
}

export function createIpcClient(bridge: SsaeBridge): AppClient {
  return {
    kind: 'ipc',
    async call<C extends Channel>(channel: C, req: Req<C>): Promise<Res<C>> {
      const r = await bridge.call(channel, req)
      if (!r.ok) throw new ApiCallError(r.error)
      return r.value as Res<C>
    },
    subscribe(listener: (e: ApiEvent) => void): () => void {
      return bridge.subscribe((e) => {
        if (!isMenuEvent(e)) listener(e)
      })
    },
    onMenu(listener: (e: MenuEvent) => void): () => void {
      return bridge.subscribe((e) => {
        if (isMenuEvent(e)) listener(e)
      })
    }
  }
}

const TOKEN_KEY = 'ssae.token'

/**
 * The token arrives once in the page URL (?token=…, printed by `ssae serve`); it is kept in
 * sessionStorage and removed from the address bar so it is not left in history or screenshots.
 */
export function takeToken(loc: Location, storage: Storage, history: History): string {
  const params = new URLSearchParams(loc.search)
  const fromUrl = params.get('token')
  if (fromUrl) {
    storage.setItem(TOKEN_KEY, fromUrl)
    params.delete('token')
    const rest = params.toString()
    history.replaceState(history.state, '', loc.pathname + (rest ? '?' + rest : '') + loc.hash)
    return fromUrl
  }
  return storage.getItem(TOKEN_KEY) ?? ''
}

export function createHttpClient(base: string, token: string): AppClient {
  const listeners = new Set<(e: ApiEvent) => void>()
  let source: EventSource | null = null

  function openEvents(): void {
    if (source || listeners.size === 0) return
    source = new EventSource(`${base}/api/events?token=${encodeURIComponent(token)}`)
    source.onmessage = (m: MessageEvent<string>) => {
      let e: ApiEvent
      try {
        e = decodeJson(m.data) as ApiEvent
      } catch {
        return
      }
      for (const l of [...listeners]) l(e)
    }
  }

  return {
    kind: 'http',
    async call<C extends Channel>(channel: C, req: Req<C>): Promise<Res<C>> {
      let res: Response
      try {
        const file = req as Partial<FilePayload> & { options?: unknown }
        // Files go as raw bytes (no base64, up to 1 GB); everything else as JSON.
        const init: RequestInit =
          (channel === 'datasets.preview' || channel === 'datasets.import') && file.data instanceof Uint8Array
            ? {
                method: 'POST',
                headers: {
                  'Content-Type': 'application/octet-stream',
                  Authorization: `Bearer ${token}`,
                  'X-File-Name': encodeURIComponent(file.fileName ?? ''),
                  'X-Import-Options': encodeURIComponent(JSON.stringify(file.options ?? {}))
                },
                body: file.data as Uint8Array<ArrayBuffer>
              }
            : {
                method: 'POST',
                headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
                body: encodeJson(req ?? {})
              }
        res = await fetch(`${base}/api/call/${channel}`, init)
      } catch {
        throw new ApiCallError({ code: 'OFFLINE', message: 'The SSAE Studio server does not answer. Is `ssae serve` still running?' })
      }
      const text = await res.text()
      let body: unknown
      try {
        body = text ? decodeJson(text) : null
      } catch {
        throw new ApiCallError({ code: 'BAD_RESPONSE', message: `The server sent an unreadable answer (HTTP ${res.status}).` })
      }
      if (!res.ok) {
        const err = (body as { error?: ApiError } | null)?.error
        throw new ApiCallError(err ?? { code: `HTTP_${res.status}`, message: `The server refused the request (HTTP ${res.status}).` })
      }
      return body as Res<C>
    },
    subscribe(listener: (e: ApiEvent) => void): () => void {
      listeners.add(listener)
      openEvents()
      return () => {
        listeners.delete(listener)
        if (listeners.size === 0 && source) {
          source.close()
          source = null
        }
      }
    },
    onMenu(): () => void {
      return () => {}
    }
  }
}

/** Electron when the preload exposed window.ssae; otherwise the HTTP server that served this page. */
export function createClient(): AppClient {
  const bridge = (window as unknown as { ssae?: SsaeBridge }).ssae
  if (bridge) return createIpcClient(bridge)
  return createHttpClient(window.location.origin, takeToken(window.location, window.sessionStorage, window.history))
}
