// Chooses the TensorFlow.js backend once per process: tfjs-node ('tensorflow', an optional dependency present
// on users' machines only) → wasm (single-threaded SIMD in Node) → cpu (pure JS, a last resort).
import { createRequire } from 'node:module'
import { dirname, join, sep } from 'node:path'
import * as tf from '@tensorflow/tfjs-core'
import '@tensorflow/tfjs-backend-cpu'
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm'
import { UserError, type BackendChoice, type BackendName } from '../types'

// Production mode: no debug checks, and no console banners from tfjs (its "install tfjs-node" notice would
// reach a biologist's terminal); our own warnings say what matters about the backend.
tf.enableProdMode()

export const BACKEND_ENV = 'SSAE_TF_BACKEND'
export const WASM_DIR_ENV = 'SSAE_WASM_DIR'
const AUTO_ORDER: BackendName[] = ['tensorflow', 'wasm', 'cpu']
const BACKEND_NAMES: BackendChoice[] = ['auto', 'tensorflow', 'wasm', 'cpu']

export const CPU_WARNING =
  'CPU backend: pure-JavaScript TensorFlow.js is about 30–70× slower than PyTorch; expect long runs. ' +
  'Install @tensorflow/tfjs-node or use the wasm backend.'

export interface BackendSelection {
  name: BackendName
  warnings: string[]
}

let wasmPathsSet = false
let tfjsNodeLoaded: Promise<void> | null = null
const failures = new Map<BackendName, string>()

/** The folder holding tfjs-backend-wasm's .wasm files, ending with a path separator. */
export function wasmDirectory(): string {
  const override = process.env[WASM_DIR_ENV]
  if (override) return override.endsWith(sep) || override.endsWith('/') ? override : override + sep
  // Resolved from the package, not from this file: works from source (Vitest) and from the bundled worker
  // (out/main/*.js), where the package's own __dirname lookup would still work but a bundler may move the JS.
  // __filename in a CommonJS bundle (some bundlers leave import.meta empty there), import.meta.url in ESM.
  const require = createRequire(typeof __filename === 'string' ? __filename : import.meta.url)
  return join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + sep
}

async function loadTfjsNode(): Promise<void> {
  // A computed specifier so that neither Vite nor TypeScript tries to resolve the optional package.
  const name = '@tensorflow/tfjs-node'
  tfjsNodeLoaded ??= import(/* @vite-ignore */ name).then(() => undefined)
  try {
    await tfjsNodeLoaded
  } catch (e) {
    tfjsNodeLoaded = null
    throw e
  }
}

/** Makes `name` the active backend; returns why it cannot be used, or null on success. */
async function tryBackend(name: BackendName): Promise<string | null> {
  if (tf.getBackend() === name) return null
  const known = failures.get(name)
  if (known) return known
  try {
    if (name === 'tensorflow') await loadTfjsNode()
    if (name === 'wasm' && !wasmPathsSet) {
      setWasmPaths(wasmDirectory())
      wasmPathsSet = true
    }
    if (!tf.findBackendFactory(name)) throw new Error(`no backend named '${name}' is registered`)
    const ok = await tf.setBackend(name)
    if (!ok) throw new Error(`TensorFlow.js could not initialise the '${name}' backend`)
    await tf.ready()
    return null
  } catch (e) {
    const why =
      name === 'tensorflow'
        ? `@tensorflow/tfjs-node is not installed or failed to load (${errorText(e)})`
        : name === 'wasm'
          ? `the WebAssembly backend failed to load from ${safeWasmDir()} (${errorText(e)}); set ${WASM_DIR_ENV} to the folder holding tfjs-backend-wasm*.wasm`
          : errorText(e)
    failures.set(name, why)
    return why
  }
}

function safeWasmDir(): string {
  try {
    return wasmDirectory()
  } catch {
    return '(unresolved)'
  }
}

function errorText(e: unknown): string {
  if (e instanceof Error) return e.message.split('\n')[0]
  if (e && typeof e === 'object' && 'message' in e) return String((e as { message: unknown }).message)
  return String(e)
}

/**
 * Activates a backend. 'auto' tries tensorflow → wasm → cpu, unless the environment variable SSAE_TF_BACKEND
 * names one. An explicit backend that cannot be used throws UserError 'backend-unavailable'. Cheap when the
 * requested backend is already active.
 */
export async function selectBackend(choice: BackendChoice): Promise<BackendSelection> {
  if (!BACKEND_NAMES.includes(choice)) {
    throw new UserError('bad-backend', `Unknown backend '${choice}': use one of ${BACKEND_NAMES.join(', ')}.`)
  }
  let requested = choice
  if (choice === 'auto') {
    const env = process.env[BACKEND_ENV]?.trim()
    if (env) {
      if (!BACKEND_NAMES.includes(env as BackendChoice)) {
        throw new UserError(
          'bad-backend',
          `The environment variable ${BACKEND_ENV}='${env}' is not a backend: use one of ${BACKEND_NAMES.join(', ')}.`
        )
      }
      requested = env as BackendChoice
    }
  }
  const warnings: string[] = []
  if (requested !== 'auto') {
    const why = await tryBackend(requested)
    if (why) throw new UserError('backend-unavailable', `The '${requested}' backend is not available: ${why}.`)
  } else {
    const reasons: string[] = []
    let chosen: BackendName | null = null
    for (const name of AUTO_ORDER) {
      const why = await tryBackend(name)
      if (!why) {
        chosen = name
        break
      }
      reasons.push(`${name}: ${why}`)
    }
    if (!chosen) throw new UserError('backend-unavailable', `No TensorFlow.js backend could be started (${reasons.join('; ')}).`)
    if (chosen === 'cpu') warnings.push(`Fell back to the CPU backend because ${reasons.join('; ')}.`)
  }
  const name = tf.getBackend() as BackendName
  if (name === 'cpu') warnings.push(CPU_WARNING)
  return { name, warnings }
}
