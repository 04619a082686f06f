// The HTTP codec: base64 equal to Node's, Uint8Array fields round-trip inside JSON.
import { describe, expect, it } from 'vitest'
import { base64ToBytes, bytesToBase64, decodeJson, encodeJson } from '../../../src/shared/codec'

describe('codec', () => {
  it('encodes base64 exactly like Buffer for every length 0..300 and a large buffer', () => {
    for (const n of [...Array.from({ length: 301 }, (_, i) => i), 100_003]) {
      const bytes = new Uint8Array(n)
      for (let i = 0; i < n; i++) bytes[i] = (i * 131 + n) & 0xff
      const b64 = bytesToBase64(bytes)
      expect(b64).toBe(Buffer.from(bytes).toString('base64'))
      expect(Buffer.from(base64ToBytes(b64)).equals(Buffer.from(bytes))).toBe(true)
    }
  })

  it('round-trips Uint8Array fields and leaves other objects alone', () => {
    const value = { fileName: 'a.csv', data: new Uint8Array([0, 1, 2, 250, 255]), options: { label: 'x' }, list: [1, 'a', null] }
    const back = decodeJson(encodeJson(value)) as typeof value
    expect(back.data).toBeInstanceOf(Uint8Array)
    expect([...back.data]).toEqual([0, 1, 2, 250, 255])
    expect(back.options).toEqual({ label: 'x' })
    expect(back.list).toEqual([1, 'a', null])
    // An object that merely has a $bytes key among others is not bytes.
    expect(decodeJson('{"a":{"$bytes":"AA==","b":1}}')).toEqual({ a: { $bytes: 'AA==', b: 1 } })
  })

  it('refuses malformed base64', () => {
    expect(() => base64ToBytes('abc')).toThrow(/length/)
    expect(() => base64ToBytes('ab!=')).toThrow(/character/)
  })
})
