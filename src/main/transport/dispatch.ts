// One entry point for every transport: check the channel, validate the payload, call the service and
// turn any failure into an ApiError with a status hint (HTTP maps it to a status code; IPC ignores it).

import type { ApiError, Channel, Req, Res } from '../../shared/api'
import { isChannel } from '../../shared/channels'
import { invalidPayload, toApiError, unknownChannel } from './errors'
import { requestSchemas } from './schemas'

export type ApiHandlers = { [C in Channel]: (req: Req<C>) => Promise<Res<C>> }

export type DispatchResult =
  | { ok: true; value: unknown }
  | { ok: false; status: 400 | 404 | 409 | 422 | 500; error: ApiError }

export type Dispatch = (channel: unknown, payload: unknown) => Promise<DispatchResult>

export function createDispatch(handlers: ApiHandlers): Dispatch {
  return async (channel, payload) => {
    if (!isChannel(channel)) return { ok: false, status: 404, error: unknownChannel(String(channel)) }
    const parsed = requestSchemas[channel].safeParse(payload ?? {})
    if (!parsed.success) return { ok: false, status: 400, error: invalidPayload(channel, parsed.error) }
    try {
      const handler = handlers[channel] as (req: unknown) => Promise<unknown>
      return { ok: true, value: await handler(parsed.data) }
    } catch (e) {
      const error = toApiError(e)
      const status = error.code === 'INTERNAL' ? 500 : error.code === 'CANCELLED' ? 409 : 422
      return { ok: false, status, error }
    }
  }
}
