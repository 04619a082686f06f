// Request schemas, one per channel: every payload that crosses a transport (IPC or HTTP) is parsed here
// before a service sees it. The mapped type makes the compiler check each schema's output against the
// contract's Req<C>, so a contract change that the schemas miss fails the type check.

import { z } from 'zod'
import type { Channel, Req } from '../../shared/api'

const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER)
const empty = z.strictObject({})

const bytes = z.custom<Uint8Array>((v) => v instanceof Uint8Array, { message: 'Expected the file content as bytes.' })

const importOptions = z.strictObject({
  label: z.string().max(1000).optional(),
  unlabelledValue: z.string().max(1000).optional(),
  orientation: z.enum(['auto', 'rows', 'columns']).optional(),
  missing: z.enum(['refuse', 'drop', 'mean']).optional()
})

const filePayload = z.strictObject({
  fileName: z.string().min(1, 'The file name is empty.').max(1000),
  data: bytes,
  options: importOptions
})

const preprocess = z.strictObject({ log: z.boolean(), center: z.boolean(), scale: z.boolean() })

const seed = z.number().int().min(0).max(0xffffffff)

const split = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('given') }),
  z.strictObject({
    mode: z.literal('hidden'),
    fraction: z.number().gt(0, 'The hidden fraction must be above 0.').lt(1, 'The hidden fraction must be below 1.'),
    seed
  })
])

const methodName = z.enum(['ssae', 'fcnn', 'labelprop', 'labelspread'])

const network = z.strictObject({
  eta: z.number().positive('η must be positive.').max(1e12).optional(),
  targetFeatures: z.number().int().min(1).max(10_000_000).optional(),
  projection: z.enum(['l11', 'l21', 'l1inf']),
  epochs: z.number().int().min(1).max(100_000),
  batchSize: z.number().int().min(1).max(1_000_000),
  lr: z.number().positive().max(10),
  lambda: z.number().min(0).max(1e6),
  hidden: z.number().int().min(1).max(100_000)
})

const graph = z.strictObject({
  kernel: z.enum(['knn', 'rbf']),
  neighbors: z.number().int().min(1).max(100_000),
  gamma: z.number().positive().max(1e12),
  fit: z.enum(['transductive', 'labelled'])
})

const runConfig = z.strictObject({
  import: importOptions,
  preprocess,
  split,
  methods: z.array(methodName).min(1, 'Choose at least one method.').max(4),
  seed,
  backend: z.enum(['auto', 'tensorflow', 'wasm', 'cpu']),
  network,
  graph
})

export const requestSchemas: { [C in Channel]: z.ZodType<Req<C>> } = {
  'app.info': empty,
  'datasets.preview': filePayload,
  'datasets.import': filePayload,
  'datasets.importDemo': empty,
  'datasets.list': empty,
  'datasets.get': z.strictObject({ id }),
  'datasets.delete': z.strictObject({ id, cascade: z.boolean().optional() }),
  'datasets.preprocessPreview': z.strictObject({ id, preprocess }),
  'datasets.splitPreview': z.strictObject({ id, import: importOptions, split }),
  'runs.start': z.strictObject({ datasetId: id, config: runConfig, label: z.string().max(200).optional() }),
  'runs.cancel': z.strictObject({ id }),
  'runs.list': z.strictObject({ datasetId: id.optional() }),
  'runs.get': z.strictObject({ id }),
  'runs.weights': z.strictObject({ id, maxColumns: z.number().int().min(1).max(100_000).optional() }),
  'runs.features': z.strictObject({ id }),
  'runs.delete': z.strictObject({ id }),
  'runs.compare': z.strictObject({ ids: z.array(id).min(2, 'Pick at least two runs.').max(8) }),
  'exports.features': z.strictObject({ id }),
  'exports.predictions': z.strictObject({ id }),
  'exports.dataset': z.strictObject({ id }),
  'exports.report': z.strictObject({ id })
}

/** Channels whose request carries a whole file (bigger body limit on HTTP). */
export const FILE_CHANNELS: ReadonlySet<Channel> = new Set<Channel>(['datasets.preview', 'datasets.import'])
