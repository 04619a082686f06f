// A run's configuration: the defaults (the paper's preset), and validation of anything that comes from a
// user, a file or another process, with messages that name the setting and the allowed range.

import {
  ALL_METHODS,
  PAPER_PRESET,
  UserError,
  type BackendChoice,
  type MethodName,
  type RunConfig
} from './types'

export function defaultRunConfig(overrides: Partial<RunConfig> = {}): RunConfig {
  return {
    import: { orientation: 'auto', missing: 'refuse', ...overrides.import },
    preprocess: { log: true, center: true, scale: true, ...overrides.preprocess },
    split: overrides.split ?? { mode: 'given' },
    methods: overrides.methods ?? [...ALL_METHODS],
    seed: overrides.seed ?? 7,
    backend: overrides.backend ?? 'auto',
    network: { ...PAPER_PRESET.network, ...overrides.network },
    graph: { ...PAPER_PRESET.graph, ...overrides.graph }
  }
}

function fail(setting: string, message: string): never {
  throw new UserError('invalid-setting', `Setting "${setting}": ${message}`)
}

function num(v: unknown, setting: string, { min, max, integer, exclusiveMin }: { min?: number; max?: number; integer?: boolean; exclusiveMin?: boolean }): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(setting, `expected a number, got ${JSON.stringify(v)}.`)
  if (integer && !Number.isInteger(v)) fail(setting, `expected a whole number, got ${v}.`)
  if (min !== undefined && (exclusiveMin ? v <= min : v < min)) fail(setting, `must be ${exclusiveMin ? 'greater than' : 'at least'} ${min}, got ${v}.`)
  if (max !== undefined && v > max) fail(setting, `must be at most ${max}, got ${v}.`)
  return v
}

function oneOf<T extends string>(v: unknown, setting: string, allowed: readonly T[]): T {
  if (typeof v !== 'string' || !allowed.includes(v as T)) fail(setting, `expected one of ${allowed.join(', ')}, got ${JSON.stringify(v)}.`)
  return v as T
}

function bool(v: unknown, setting: string): boolean {
  if (typeof v !== 'boolean') fail(setting, `expected true or false, got ${JSON.stringify(v)}.`)
  return v
}

function obj(v: unknown, setting: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(setting, 'expected an object.')
  return v as Record<string, unknown>
}

/** Checks a configuration from outside (CLI, renderer, database); returns a clean copy with defaults filled in. */
export function validateRunConfig(input: unknown): RunConfig {
  const c = obj(input, 'config')
  const d = defaultRunConfig()
  const imp = obj(c.import ?? {}, 'import')
  const pre = obj(c.preprocess ?? d.preprocess, 'preprocess')
  const split = obj(c.split ?? d.split, 'split')
  const net = { ...d.network, ...obj(c.network ?? {}, 'network') }
  const graph = { ...d.graph, ...obj(c.graph ?? {}, 'graph') }

  const methodsIn = c.methods ?? d.methods
  if (!Array.isArray(methodsIn) || methodsIn.length === 0) fail('methods', `choose at least one of ${ALL_METHODS.join(', ')}.`)
  const methods = [...new Set(methodsIn.map((m) => oneOf(m, 'methods', ALL_METHODS)))] as MethodName[]

  const cfg: RunConfig = {
    import: {
      ...(imp.label !== undefined ? { label: String(imp.label) } : {}),
      ...(imp.unlabelledValue !== undefined && imp.unlabelledValue !== '' ? { unlabelledValue: String(imp.unlabelledValue) } : {}),
      orientation: oneOf(imp.orientation ?? 'auto', 'import.orientation', ['auto', 'rows', 'columns'] as const),
      missing: oneOf(imp.missing ?? 'refuse', 'import.missing', ['refuse', 'drop', 'mean'] as const)
    },
    preprocess: {
      log: bool(pre.log ?? false, 'preprocess.log'),
      center: bool(pre.center ?? false, 'preprocess.center'),
      scale: bool(pre.scale ?? false, 'preprocess.scale')
    },
    split:
      oneOf(split.mode, 'split.mode', ['given', 'hidden'] as const) === 'given'
        ? { mode: 'given' }
        : {
            mode: 'hidden',
            fraction: num(split.fraction, 'split.fraction', { min: 0, max: 0.95, exclusiveMin: true }),
            seed: num(split.seed ?? c.seed ?? d.seed, 'split.seed', { integer: true, min: 0 })
          },
    methods,
    seed: num(c.seed ?? d.seed, 'seed', { integer: true, min: 0 }),
    backend: oneOf(c.backend ?? d.backend, 'backend', ['auto', 'tensorflow', 'wasm', 'cpu'] as const) as BackendChoice,
    network: {
      projection: oneOf(net.projection, 'network.projection', ['l11', 'l21', 'l1inf'] as const),
      epochs: num(net.epochs, 'network.epochs', { integer: true, min: 1, max: 100_000 }),
      batchSize: num(net.batchSize, 'network.batchSize', { integer: true, min: 1, max: 1_000_000 }),
      lr: num(net.lr, 'network.lr', { min: 0, max: 10, exclusiveMin: true }),
      lambda: num(net.lambda, 'network.lambda', { min: 0 }),
      hidden: num(net.hidden, 'network.hidden', { integer: true, min: 1, max: 100_000 })
    },
    graph: {
      kernel: oneOf(graph.kernel, 'graph.kernel', ['knn', 'rbf'] as const),
      neighbors: num(graph.neighbors, 'graph.neighbors', { integer: true, min: 1 }),
      gamma: num(graph.gamma, 'graph.gamma', { min: 0, exclusiveMin: true }),
      fit: oneOf(graph.fit, 'graph.fit', ['transductive', 'labelled'] as const)
    }
  }
  // η is given directly or as a target number of features: exactly one of them.
  const hasTarget = net.targetFeatures !== undefined && net.targetFeatures !== null
  const hasEta = net.eta !== undefined && net.eta !== null && !hasTarget
  if (hasTarget) cfg.network.targetFeatures = num(net.targetFeatures, 'network.targetFeatures', { integer: true, min: 1 })
  if (hasEta) cfg.network.eta = num(net.eta, 'network.eta', { min: 0, exclusiveMin: true })
  if (!hasTarget && !hasEta && methods.includes('ssae')) fail('network.eta', 'give η (the l1,1 radius) or a target number of features.')
  return cfg
}

/** Readable lines for every setting that differs from the paper's preset (shown with each run). */
export function differencesFromPaper(cfg: RunConfig): string[] {
  const out: string[] = []
  const net = PAPER_PRESET.network
  const label: Record<string, string> = {
    projection: 'projection', epochs: 'epochs per descent', batchSize: 'batch size', lr: 'learning rate',
    lambda: 'λ (reconstruction weight)', hidden: 'hidden units'
  }
  if (cfg.network.targetFeatures !== undefined) out.push(`η chosen for ${cfg.network.targetFeatures} kept features (paper: η = ${net.eta})`)
  else if (cfg.network.eta !== net.eta) out.push(`η = ${cfg.network.eta} (paper: ${net.eta})`)
  for (const key of Object.keys(label) as (keyof typeof label)[]) {
    const a = (cfg.network as unknown as Record<string, unknown>)[key]
    const b = (net as unknown as Record<string, unknown>)[key]
    if (a !== b) out.push(`${label[key]} = ${a} (paper: ${b})`)
  }
  const g = PAPER_PRESET.graph
  if (cfg.graph.kernel !== g.kernel) out.push(`graph kernel = ${cfg.graph.kernel} (paper: ${g.kernel})`)
  if (cfg.graph.neighbors !== g.neighbors) out.push(`neighbours = ${cfg.graph.neighbors} (paper: ${g.neighbors})`)
  if (cfg.graph.kernel === 'rbf' && cfg.graph.gamma !== g.gamma) out.push(`gamma = ${cfg.graph.gamma} (default: ${g.gamma})`)
  if (cfg.graph.fit !== g.fit) out.push(`graph methods fit on ${cfg.graph.fit === 'labelled' ? 'labelled samples only (as the paper\'s code)' : 'all samples'}`)
  return out
}
