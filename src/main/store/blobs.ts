// Typed arrays ⇄ SQLite BLOBs. A Buffer read from SQLite may sit at any byte offset of a shared pool,
// so reading copies into a fresh, correctly aligned ArrayBuffer before viewing it as Float32/Int32/Float64.

type NumericArray = Float32Array | Float64Array | Int32Array | Uint8Array

/** The array's bytes as a Buffer view (no copy); better-sqlite3 stores it as a BLOB. */
export function toBlob(arr: NumericArray): Buffer {
  return Buffer.from(arr.buffer, arr.byteOffset, arr.byteLength)
}

function copyBytes(blob: Uint8Array, bytesPerElement: number, what: string): ArrayBuffer {
  if (blob.byteLength % bytesPerElement !== 0) {
    throw new Error(`Corrupt ${what} blob: ${blob.byteLength} bytes is not a multiple of ${bytesPerElement}`)
  }
  const out = new ArrayBuffer(blob.byteLength)
  new Uint8Array(out).set(blob)
  return out
}

export function float32FromBlob(blob: Uint8Array): Float32Array {
  return new Float32Array(copyBytes(blob, 4, 'Float32'))
}

export function float64FromBlob(blob: Uint8Array): Float64Array {
  return new Float64Array(copyBytes(blob, 8, 'Float64'))
}

export function int32FromBlob(blob: Uint8Array): Int32Array {
  return new Int32Array(copyBytes(blob, 4, 'Int32'))
}

export function uint8FromBlob(blob: Uint8Array): Uint8Array {
  return new Uint8Array(copyBytes(blob, 1, 'Uint8'))
}

/** Nullable helpers for optional columns. */
export function optionalBlob(arr: NumericArray | undefined | null): Buffer | null {
  return arr ? toBlob(arr) : null
}
