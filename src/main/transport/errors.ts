// Every failure leaves a transport as one ApiError: a code, a message a user can act on, and the file
// position when the parser knows it. Never a stack trace.

import type { ZodError } from 'zod'
import type { ApiError } from '../../shared/api'
import { CancelledError, UserError } from '../../core/types'

const MAX_MESSAGE = 600

/** First line only, bounded: a message, never a stack. */
function readable(text: string): string {
  const first = text.split('\n')[0].trim()
  return first.length > MAX_MESSAGE ? first.slice(0, MAX_MESSAGE - 1) + '…' : first
}

function isApiErrorLike(e: unknown): e is ApiError {
  return (
    typeof e === 'object' && e !== null &&
    typeof (e as ApiError).code === 'string' && typeof (e as ApiError).message === 'string'
  )
}

export function toApiError(e: unknown): ApiError {
  if (e instanceof UserError || (e instanceof Error && e.name === 'UserError' && isApiErrorLike(e))) {
    const u = e as UserError
    const details: ApiError['details'] = {}
    if (u.file !== undefined) details.file = u.file
    if (u.line !== undefined) details.line = u.line
    if (u.column !== undefined) details.column = u.column
    const out: ApiError = { code: u.code, message: readable(u.message) }
    if (Object.keys(details).length > 0) out.details = details
    return out
  }
  if (e instanceof CancelledError || (e instanceof Error && e.name === 'CancelledError')) {
    return { code: 'CANCELLED', message: 'The run was cancelled.' }
  }
  if (e instanceof Error && e.name === 'AbortError') {
    return { code: 'CANCELLED', message: 'The operation was cancelled.' }
  }
  if (!(e instanceof Error) && isApiErrorLike(e)) {
    // Already an ApiError (e.g. relayed from the training worker): keep only the known shape.
    const out: ApiError = { code: e.code, message: readable(e.message) }
    if (e.details && typeof e.details === 'object') {
      const d: ApiError['details'] = {}
      for (const k of ['file', 'line', 'column'] as const) {
        const v = (e.details as Record<string, unknown>)[k]
        if (k === 'file' ? typeof v === 'string' : typeof v === 'number') (d as Record<string, unknown>)[k] = v
      }
      if (Object.keys(d).length > 0) out.details = d
    }
    return out
  }
  const message = e instanceof Error ? e.message : typeof e === 'string' ? e : ''
  return {
    code: 'INTERNAL',
    message: message
      ? `Something went wrong inside SSAE Studio: ${readable(message)}`
      : 'Something went wrong inside SSAE Studio.'
  }
}

export function invalidPayload(channel: string, error: ZodError): ApiError {
  const issues = error.issues.slice(0, 5).map((i) => {
    const path = i.path.length ? i.path.join('.') : '(request)'
    return `${path}: ${i.message}`
  })
  return {
    code: 'INVALID_PAYLOAD',
    message: readable(`Invalid request for ${channel}: ${issues.join('; ')}`),
    details: { channel, issues }
  }
}

export function unknownChannel(channel: string): ApiError {
  return {
    code: 'UNKNOWN_CHANNEL',
    message: readable(`Unknown API channel "${channel.slice(0, 80)}".`),
    details: { channel: channel.slice(0, 80) }
  }
}
