import { describe, expect, it } from 'vitest'
import { CHUNK, TILE, createDotKernel } from '../../../src/core/graph/dotKernel'
import { Rng } from '../../../src/core/random'

describe('dot kernel', () => {
  it('WebAssembly SIMD is available in Node and gives the same sums as the JavaScript loop and a naive loop', () => {
    const wasm = createDotKernel('wasm-simd')
    const js = createDotKernel('js')
    expect(wasm.kind).toBe('wasm-simd')
    expect(js.kind).toBe('js')
    const rng = new Rng(5)
    const width = 300
    const rowsA = 12
    const rowsB = 8
    const A = Float64Array.from({ length: TILE * CHUNK }, () => rng.normal())
    const B = Float64Array.from({ length: TILE * CHUNK }, () => rng.normal())
    for (const k of [wasm, js]) {
      k.A.set(A)
      k.B.set(B)
      k.acc.fill(1) // the kernel accumulates
      k.run(width, rowsA, rowsB)
      k.run(width, rowsA, rowsB)
    }
    // Packed layout: element (row r, feature t) at ((r >> 2) · width + t) · 4 + (r & 3).
    const at = (M: Float64Array, r: number, t: number) => M[((r >> 2) * width + t) * 4 + (r & 3)]
    for (let i = 0; i < TILE; i++) {
      for (let j = 0; j < TILE; j++) {
        const o = i * TILE + j
        expect(wasm.acc[o]).toBe(js.acc[o])
        if (i >= rowsA || j >= rowsB) {
          expect(wasm.acc[o]).toBe(1)
          continue
        }
        let s = 0
        for (let t = 0; t < width; t++) s += at(A, i, t) * at(B, j, t)
        expect(Math.abs(wasm.acc[o] - (1 + 2 * s))).toBeLessThan(1e-9)
      }
    }
  })
})
