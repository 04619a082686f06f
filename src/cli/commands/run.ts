// `ssae run FILE …` and `ssae demo`: the whole pipeline from a terminal, stored like the app's runs.

import { readFileSync } from 'node:fs'
import { basename } from 'node:path'
import { defaultRunConfig, validateRunConfig } from '../../core/config'
import { parseDataset, recommendPreprocess } from '../../core/dataset'
import { runAnalysis } from '../../core/pipeline'
import { ALL_METHODS, UserError, type PreprocessOptions, type ProgressEvent, type RunConfig } from '../../core/types'
import { choice, list, number, parse, str, type OptionSpec, type Values } from '../args'
import { runDocument, runText, viewFromDetail, viewFromResult } from '../report'
import { openServices, type CliContext } from '../context'
import { ProgressBar } from '../progress'

export const RUN_USAGE =
  'ssae run FILE [--label NAME] [--unlabelled-value V] [--orientation auto|rows|columns] [--missing refuse|drop|mean] ' +
  '[--preprocess log,center,scale|none] [--hide FRACTION] [--seed N] [--methods ssae,fcnn,labelprop,labelspread] ' +
  '[--eta X | --features N] [--epochs N] [--batch N] [--lr X] [--lambda X] [--hidden N] [--projection l11|l21|l1inf] ' +
  '[--backend auto|tensorflow|wasm|cpu] [--kernel knn|rbf] [--neighbors K] [--gamma G] [--fit transductive|labelled] ' +
  '[--label-run TEXT] [--db FILE] [--no-store] [--progress] [--json]'

export const RUN_OPTIONS: OptionSpec = {
  label: { type: 'string' },
  'unlabelled-value': { type: 'string' },
  orientation: { type: 'string' },
  missing: { type: 'string' },
  preprocess: { type: 'string' },
  hide: { type: 'string' },
  seed: { type: 'string' },
  methods: { type: 'string' },
  eta: { type: 'string' },
  features: { type: 'string' },
  epochs: { type: 'string' },
  batch: { type: 'string' },
  lr: { type: 'string' },
  lambda: { type: 'string' },
  hidden: { type: 'string' },
  projection: { type: 'string' },
  backend: { type: 'string' },
  kernel: { type: 'string' },
  neighbors: { type: 'string' },
  gamma: { type: 'string' },
  fit: { type: 'string' },
  'label-run': { type: 'string' },
  db: { type: 'string' },
  'no-store': { type: 'boolean' },
  progress: { type: 'boolean' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' }
}

/** Builds the run configuration from the options; `base` carries command defaults (the demo's η, hide …). */
export function configFromOptions(v: Values, base: Partial<RunConfig> = {}): RunConfig {
  const def = defaultRunConfig(base)
  const pre = str(v, 'preprocess')
  let preprocess = def.preprocess
  if (pre !== undefined) {
    const steps = pre === 'none' ? [] : list(v, 'preprocess', ['log', 'center', 'scale'] as const) ?? []
    preprocess = { log: steps.includes('log'), center: steps.includes('center'), scale: steps.includes('scale') }
  }
  const seed = number(v, 'seed', { integer: true, min: 0 }) ?? def.seed
  const hide = number(v, 'hide', { min: 0, max: 0.95 })
  const split: RunConfig['split'] = hide !== undefined && hide > 0 ? { mode: 'hidden', fraction: hide, seed } : hide === 0 ? { mode: 'given' } : def.split.mode === 'hidden' ? { ...def.split, seed } : def.split
  const eta = number(v, 'eta')
  const target = number(v, 'features', { integer: true, min: 1 })
  if (eta !== undefined && target !== undefined) throw new UserError('usage', 'give either --eta or --features, not both.')
  const network = { ...def.network }
  if (eta !== undefined) {
    network.eta = eta
    delete network.targetFeatures
  }
  if (target !== undefined) {
    network.targetFeatures = target
    delete network.eta
  }
  network.epochs = number(v, 'epochs', { integer: true, min: 1 }) ?? network.epochs
  network.batchSize = number(v, 'batch', { integer: true, min: 1 }) ?? network.batchSize
  network.lr = number(v, 'lr') ?? network.lr
  network.lambda = number(v, 'lambda', { min: 0 }) ?? network.lambda
  network.hidden = number(v, 'hidden', { integer: true, min: 1 }) ?? network.hidden
  network.projection = choice(v, 'projection', ['l11', 'l21', 'l1inf'] as const) ?? network.projection
  const cfg: RunConfig = {
    import: {
      ...def.import,
      ...(str(v, 'label') !== undefined ? { label: str(v, 'label') } : {}),
      ...(str(v, 'unlabelled-value') !== undefined ? { unlabelledValue: str(v, 'unlabelled-value') } : {}),
      orientation: choice(v, 'orientation', ['auto', 'rows', 'columns'] as const) ?? def.import.orientation,
      missing: choice(v, 'missing', ['refuse', 'drop', 'mean'] as const) ?? def.import.missing
    },
    preprocess,
    split,
    methods: list(v, 'methods', ALL_METHODS) ?? def.methods,
    seed,
    backend: choice(v, 'backend', ['auto', 'tensorflow', 'wasm', 'cpu'] as const) ?? def.backend,
    network,
    graph: {
      kernel: choice(v, 'kernel', ['knn', 'rbf'] as const) ?? def.graph.kernel,
      neighbors: number(v, 'neighbors', { integer: true, min: 1 }) ?? def.graph.neighbors,
      gamma: number(v, 'gamma') ?? def.graph.gamma,
      fit: choice(v, 'fit', ['transductive', 'labelled'] as const) ?? def.graph.fit
    }
  }
  return validateRunConfig(cfg)
}

function readInput(file: string): Uint8Array {
  try {
    return readFileSync(file)
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : code === 'EACCES' ? 'permission denied' : (e as Error).message
    throw new UserError('file-unreadable', `cannot read ${file}: ${why}.`, { file })
  }
}

export async function runCommand(ctx: CliContext, file: string, v: Values, base: Partial<RunConfig> = {}): Promise<void> {
  const config = configFromOptions(v, base)
  // Without --preprocess, the data decides (method.md: ln(|x|+1) destroys data that is already log-scale
  // or has negative values); the choice and its reasons are printed and stored with the run.
  const chosenByData = str(v, 'preprocess') === undefined
  const applyRecommendation = (rec: { preprocess: PreprocessOptions; reasons: string[] }) => {
    if (!chosenByData) return undefined
    config.preprocess = rec.preprocess
    return rec.reasons
  }
  const bytes = readInput(file)
  const fileName = basename(file)
  const showProgress = v.progress === true || (!v.json && process.stderr.isTTY === true)
  const bar = showProgress ? new ProgressBar(process.stderr) : null
  const onProgress = (e: ProgressEvent) => bar?.update(e)

  if (v['no-store']) {
    const dataset = parseDataset(bytes, fileName, config.import)
    const reasons = applyRecommendation(recommendPreprocess(dataset.X, dataset.nSamples, dataset.nFeatures))
    const controller = new AbortController()
    const stop = () => controller.abort()
    process.once('SIGINT', stop)
    try {
      const result = await runAnalysis(dataset, config, { onProgress, signal: controller.signal })
      bar?.done()
      const view = { ...viewFromResult(result, dataset), preprocessReasons: reasons }
      ctx.out(v.json ? JSON.stringify(runDocument(view)) : runText(view))
    } finally {
      process.off('SIGINT', stop)
      bar?.done()
    }
    return
  }

  const { services, dbPath } = await openServices(ctx, str(v, 'db'))
  try {
    const ds = await services.handlers['datasets.import']({ fileName, data: bytes, options: config.import })
    const dsFull = await services.handlers['datasets.get']({ id: ds.id })
    const reasons = applyRecommendation(dsFull.preview.recommendation)
    const { id } = await services.handlers['runs.start']({ datasetId: ds.id, config, label: str(v, 'label-run') })
    const unsubscribe = services.subscribe((e) => {
      if (e.type === 'run.progress' && e.runId === id) onProgress(e.progress)
    })
    const cancel = () => void services.handlers['runs.cancel']({ id })
    process.once('SIGINT', cancel)
    let status
    try {
      status = await services.waitForRun(id)
    } finally {
      process.off('SIGINT', cancel)
      unsubscribe()
      bar?.done()
    }
    const detail = await services.handlers['runs.get']({ id })
    if (status !== 'done') {
      throw new UserError('run-' + status, `run #${id} ${status}: ${detail.summary.error ?? 'no result'}`)
    }
    const view = { ...viewFromDetail(detail, dsFull.preview.orientationReason, dbPath), preprocessReasons: reasons }
    ctx.out(v.json ? JSON.stringify(runDocument(view)) : runText(view))
  } finally {
    await services.close()
  }
}

export async function run(ctx: CliContext, argv: string[]): Promise<void> {
  const { values, positionals } = parse(argv, RUN_OPTIONS, RUN_USAGE)
  if (values.help) return ctx.out(`Usage: ${RUN_USAGE}`)
  if (positionals.length !== 1) throw new UserError('usage', `${positionals.length === 0 ? 'missing FILE' : 'one FILE at a time'}. Usage: ${RUN_USAGE}`)
  await runCommand(ctx, positionals[0], values)
}

export const DEMO_USAGE = 'ssae demo [run options …] — runs every method on the built-in breast metabolomics set, 40 % of labels hidden'

export async function demo(ctx: CliContext, argv: string[]): Promise<void> {
  const { values, positionals } = parse(argv, RUN_OPTIONS, DEMO_USAGE)
  if (values.help) return ctx.out(`Usage: ${DEMO_USAGE}`)
  if (positionals.length) throw new UserError('usage', `demo takes no FILE. Usage: ${DEMO_USAGE}`)
  // The paper's settings for this dataset: η = 20 (method.md), 40 % of labels hidden to measure accuracy.
  const base: Partial<RunConfig> = {
    split: { mode: 'hidden', fraction: 0.4, seed: 7 },
    network: { ...defaultRunConfig().network, eta: 20 }
  }
  await runCommand(ctx, ctx.demoFile(), values, base)
}
