// JSON codec for the HTTP transport: Uint8Array fields travel as { "$bytes": "<base64>" }.
// Shared by the browser client and the Node server; pure JS (no Buffer, no btoa) so both sides agree.

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
const LOOKUP = new Int16Array(128).fill(-1)
for (let i = 0; i < ALPHABET.length; i++) LOOKUP[ALPHABET.charCodeAt(i)] = i

export function bytesToBase64(bytes: Uint8Array): string {
  const parts: string[] = []
  const chunk = 0x8000 // keeps String.fromCharCode's argument list small
  const out = new Uint8Array(Math.min(chunk, Math.ceil(bytes.length / 3) * 4) || 1)
  let o = 0
  const flush = (): void => {
    parts.push(String.fromCharCode.apply(null, Array.from(out.subarray(0, o))))
    o = 0
  }
  let i = 0
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2]
    out[o++] = ALPHABET.charCodeAt((n >> 18) & 63)
    out[o++] = ALPHABET.charCodeAt((n >> 12) & 63)
    out[o++] = ALPHABET.charCodeAt((n >> 6) & 63)
    out[o++] = ALPHABET.charCodeAt(n & 63)
    if (o >= out.length - 4) flush()
  }
  const rest = bytes.length - i
  if (rest > 0) {
    if (o >= out.length - 4) flush()
    const n = (bytes[i] << 16) | (rest === 2 ? bytes[i + 1] << 8 : 0)
    out[o++] = ALPHABET.charCodeAt((n >> 18) & 63)
    out[o++] = ALPHABET.charCodeAt((n >> 12) & 63)
    out[o++] = rest === 2 ? ALPHABET.charCodeAt((n >> 6) & 63) : 61
    out[o++] = 61
  }
  if (o > 0) flush()
  return parts.join('')
}

export function base64ToBytes(text: string): Uint8Array {
  let end = text.length
  while (end > 0 && text.charCodeAt(end - 1) === 61) end--
  if (text.length % 4 !== 0 || text.length - end > 2) throw new Error('Invalid base64: wrong length or padding.')
  const out = new Uint8Array(Math.floor((end * 3) / 4))
  let o = 0
  let acc = 0
  let bits = 0
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i)
    const v = c < 128 ? LOOKUP[c] : -1
    if (v < 0) throw new Error(`Invalid base64: unexpected character at position ${i}.`)
    acc = (acc << 6) | v
    bits += 6
    if (bits >= 8) {
      bits -= 8
      out[o++] = (acc >> bits) & 0xff
    }
  }
  return out
}

const BYTES_KEY = '$bytes'

/** JSON.stringify with Uint8Array → { $bytes }. */
export function encodeJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v instanceof Uint8Array ? { [BYTES_KEY]: bytesToBase64(v) } : v
  )
}

/** JSON.parse with { $bytes } → Uint8Array. Throws SyntaxError on malformed JSON. */
export function decodeJson(text: string): unknown {
  return JSON.parse(text, (_key, v: unknown) => {
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      const keys = Object.keys(v)
      const b = (v as Record<string, unknown>)[BYTES_KEY]
      if (keys.length === 1 && typeof b === 'string') return base64ToBytes(b)
    }
    return v
  })
}
