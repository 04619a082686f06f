// The inner loop of the distance computation: acc[i][j] += Σ_t A[i, t] · B[j, t] over a tile of
// 4-row-interleaved packed rows (packed[(g · width + t) · 4 + r] = row 4g + r, feature t).
// A tiny hand-assembled WebAssembly SIMD function (f64x2, 4 × 4 rows per step) does it ~3× faster than the
// JavaScript loop; the JavaScript loop is the fallback where WebAssembly SIMD is missing. Both add the same
// products in the same order, so they give bit-identical sums.

/** Rows per tile; a multiple of 4. */
export const TILE = 128
/** Features per pass over a tile (measured best of 64–256 rows × 128–1024 features on the dev machine). */
export const CHUNK = 256

export interface DotKernel {
  /** Packed tile A (TILE × CHUNK doubles), tile B, and the TILE × TILE accumulator. */
  A: Float64Array
  B: Float64Array
  acc: Float64Array
  /** rowsA, rowsB: multiples of 4, ≤ TILE; width ≤ CHUNK. */
  run(width: number, rowsA: number, rowsB: number): void
  kind: 'wasm-simd' | 'js'
}

function jsKernel(): DotKernel {
  const A = new Float64Array(TILE * CHUNK)
  const B = new Float64Array(TILE * CHUNK)
  const acc = new Float64Array(TILE * TILE)
  return {
    A,
    B,
    acc,
    kind: 'js',
    run(width, rowsA, rowsB) {
      for (let i = 0; i < rowsA; i += 4) {
        const ao = i * width
        for (let j = 0; j < rowsB; j += 4) {
          const bo = j * width
          let s00 = 0, s01 = 0, s02 = 0, s03 = 0
          let s10 = 0, s11 = 0, s12 = 0, s13 = 0
          let s20 = 0, s21 = 0, s22 = 0, s23 = 0
          let s30 = 0, s31 = 0, s32 = 0, s33 = 0
          for (let t = 0, p = ao, q = bo; t < width; t++, p += 4, q += 4) {
            const x0 = A[p], x1 = A[p + 1], x2 = A[p + 2], x3 = A[p + 3]
            const y0 = B[q], y1 = B[q + 1], y2 = B[q + 2], y3 = B[q + 3]
            s00 += x0 * y0; s01 += x0 * y1; s02 += x0 * y2; s03 += x0 * y3
            s10 += x1 * y0; s11 += x1 * y1; s12 += x1 * y2; s13 += x1 * y3
            s20 += x2 * y0; s21 += x2 * y1; s22 += x2 * y2; s23 += x2 * y3
            s30 += x3 * y0; s31 += x3 * y1; s32 += x3 * y2; s33 += x3 * y3
          }
          let o = i * TILE + j
          acc[o] += s00; acc[o + 1] += s01; acc[o + 2] += s02; acc[o + 3] += s03
          o += TILE
          acc[o] += s10; acc[o + 1] += s11; acc[o + 2] += s12; acc[o + 3] += s13
          o += TILE
          acc[o] += s20; acc[o + 1] += s21; acc[o + 2] += s22; acc[o + 3] += s23
          o += TILE
          acc[o] += s30; acc[o + 1] += s31; acc[o + 2] += s32; acc[o + 3] += s33
        }
      }
    }
  }
}

// ---- WebAssembly encoding ----------------------------------------------------------------------------------

function uleb(v: number): number[] {
  const out: number[] = []
  do {
    let byte = v & 0x7f
    v >>>= 7
    if (v !== 0) byte |= 0x80
    out.push(byte)
  } while (v !== 0)
  return out
}

function sleb(v: number): number[] {
  const out: number[] = []
  for (;;) {
    const byte = v & 0x7f
    v >>= 7
    if ((v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0)) {
      out.push(byte)
      return out
    }
    out.push(byte | 0x80)
  }
}

function section(id: number, body: number[]): number[] {
  return [id, ...uleb(body.length), ...body]
}

function name(s: string): number[] {
  return [...uleb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))]
}

const A_OFFSET = 0
const B_OFFSET = TILE * CHUNK * 8
const ACC_OFFSET = 2 * TILE * CHUNK * 8
const MEMORY_PAGES = Math.ceil((ACC_OFFSET + TILE * TILE * 8) / 65536)

/**
 * (func $dots (param $A $B $acc $width $rowsA $rowsB i32)) — in WAT terms:
 *   for i in 0, 4 .. rowsA: for j in 0, 4 .. rowsB:
 *     c[r] (r = 0..3, two f64x2 each) = 0; pa = A + i·width·8; pb = B + j·width·8
 *     width times: ya, yb = v128.load pb, pb+16; for r: x = f64x2.splat(f64.load pa + 8r);
 *                  c[r].a += x·ya; c[r].b += x·yb; pa += 32; pb += 32
 *     acc[(i + r)·TILE + j .. +3] += c[r]
 */
function dotsModule(): Uint8Array {
  // locals: params 0-5, then i32 i j t pa pb po (6-11), then v128 c0a c0b c1a c1b c2a c2b c3a c3b ya yb x (12-22)
  const [A, B, ACC, W, RA, RB] = [0, 1, 2, 3, 4, 5]
  const [I, J, T, PA, PB, PO] = [6, 7, 8, 9, 10, 11]
  const C = (r: number, half: number) => 12 + 2 * r + half
  const [YA, YB, X] = [20, 21, 22]
  const code: number[] = []
  const op = (...bytes: number[]) => code.push(...bytes)
  const get = (l: number) => op(0x20, l)
  const set = (l: number) => op(0x21, l)
  const tee = (l: number) => op(0x22, l)
  const i32 = (v: number) => op(0x41, ...sleb(v))
  const simd = (opcode: number, ...rest: number[]) => op(0xfd, ...uleb(opcode), ...rest)
  const [ADD, SUB, MUL, SHL, LT_U] = [0x6a, 0x6b, 0x6c, 0x74, 0x49]
  const LOOP = () => op(0x03, 0x40)
  const END = () => op(0x0b)
  const BR_IF = (depth: number) => op(0x0d, depth)
  const v128Load = (offset: number) => simd(0x00, 4, ...uleb(offset))
  const v128Store = (offset: number) => simd(0x0b, 4, ...uleb(offset))
  const f64Load = (offset: number) => op(0x2b, 3, ...uleb(offset))
  const F64X2_SPLAT = 0x14
  const F64X2_ADD = 0xf0
  const F64X2_MUL = 0xf2

  i32(0), set(I)
  LOOP()
  i32(0), set(J)
  LOOP()
  for (let r = 0; r < 4; r++) for (let h = 0; h < 2; h++) simd(0x0c, ...new Array(16).fill(0)), set(C(r, h))
  get(A), get(I), get(W), op(MUL), i32(3), op(SHL), op(ADD), set(PA)
  get(B), get(J), get(W), op(MUL), i32(3), op(SHL), op(ADD), set(PB)
  get(W), set(T)
  LOOP()
  get(PB), v128Load(0), set(YA)
  get(PB), v128Load(16), set(YB)
  for (let r = 0; r < 4; r++) {
    get(PA), f64Load(8 * r), simd(F64X2_SPLAT), set(X)
    get(C(r, 0)), get(X), get(YA), simd(F64X2_MUL), simd(F64X2_ADD), set(C(r, 0))
    get(C(r, 1)), get(X), get(YB), simd(F64X2_MUL), simd(F64X2_ADD), set(C(r, 1))
  }
  get(PA), i32(32), op(ADD), set(PA)
  get(PB), i32(32), op(ADD), set(PB)
  get(T), i32(1), op(SUB), tee(T), BR_IF(0)
  END()
  get(ACC), get(I), i32(Math.log2(TILE)), op(SHL), get(J), op(ADD), i32(3), op(SHL), op(ADD), set(PO)
  for (let r = 0; r < 4; r++) {
    for (let h = 0; h < 2; h++) {
      const offset = r * TILE * 8 + h * 16
      get(PO), get(PO), v128Load(offset), get(C(r, h)), simd(F64X2_ADD), v128Store(offset)
    }
  }
  get(J), i32(4), op(ADD), tee(J), get(RB), op(LT_U), BR_IF(0)
  END()
  get(I), i32(4), op(ADD), tee(I), get(RA), op(LT_U), BR_IF(0)
  END()
  END()

  const body = [2, 6, 0x7f, 11, 0x7b, ...code]
  const bytes = [
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [1, 0x60, 6, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0]),
    ...section(3, [1, 0]),
    ...section(5, [1, 0, ...uleb(MEMORY_PAGES)]),
    ...section(7, [2, ...name('dots'), 0, 0, ...name('memory'), 2, 0]),
    ...section(10, [1, ...uleb(body.length), ...body])
  ]
  return Uint8Array.from(bytes)
}

/** The part of the WebAssembly JS API used here (core's lib has no DOM typings). */
interface WasmApi {
  validate(bytes: Uint8Array): boolean
  Module: new (bytes: Uint8Array) => object
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> }
}

function wasmKernel(): DotKernel | null {
  try {
    const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly
    if (!wasm) return null
    const bytes = dotsModule()
    if (!wasm.validate(bytes)) return null
    const instance = new wasm.Instance(new wasm.Module(bytes), {})
    const memory = instance.exports.memory as { buffer: ArrayBuffer }
    const dots = instance.exports.dots as (a: number, b: number, acc: number, w: number, ra: number, rb: number) => void
    return {
      A: new Float64Array(memory.buffer, A_OFFSET, TILE * CHUNK),
      B: new Float64Array(memory.buffer, B_OFFSET, TILE * CHUNK),
      acc: new Float64Array(memory.buffer, ACC_OFFSET, TILE * TILE),
      kind: 'wasm-simd',
      run(width, rowsA, rowsB) {
        dots(A_OFFSET, B_OFFSET, ACC_OFFSET, width, rowsA, rowsB)
      }
    }
  } catch {
    return null
  }
}

/** A fresh kernel with its own buffers (WebAssembly SIMD when available, else JavaScript). */
export function createDotKernel(prefer: 'wasm-simd' | 'js' = 'wasm-simd'): DotKernel {
  return (prefer === 'wasm-simd' ? wasmKernel() : null) ?? jsKernel()
}
