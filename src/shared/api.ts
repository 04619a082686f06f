// The API contract: one typed map of channel → request → response, the progress events and the error
// shape. Imported by main (services, IPC, HTTP), preload and renderer; nothing here runs anything.
// Payloads are structured-clone/JSON friendly: plain objects, arrays, numbers, strings, Uint8Array
// (the HTTP transport base64-encodes Uint8Array fields), never class instances.

import type {
  EpochLoss,
  GraphConfig,
  ImportOptions,
  Metrics,
  MethodName,
  NetworkConfig,
  PreprocessOptions,
  ProgressEvent,
  RocCurve,
  RunConfig,
  SampleRole,
  SelectedFeature,
  BackendName,
  DatasetPreview,
  Histogram
} from '../core/types'

export type RunStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled' | 'interrupted'

/** The one error shape every transport returns. */
export interface ApiError {
  code: string
  message: string
  details?: { file?: string; line?: number; column?: number; [k: string]: unknown }
}

export interface FilePayload {
  fileName: string
  data: Uint8Array
}

export interface DatasetSummary {
  id: number
  name: string
  fileName: string
  hash: string
  format: 'csv' | 'tsv' | 'tiro'
  orientation: 'rows' | 'columns'
  nSamples: number
  nFeatures: number
  classes: { name: string; count: number }[]
  unlabelled: number
  importedAt: string
  runCount: number
  importOptions: ImportOptions
}

export interface RunSummary {
  id: number
  datasetId: number
  datasetName: string
  status: RunStatus
  createdAt: string
  finishedAt: string | null
  methods: MethodName[]
  /** Accuracy / AUC per finished method (null without truth). */
  keyMetrics: Partial<Record<MethodName, { accuracy: number | null; auc: number | null }>>
  error: string | null
  backend: BackendName | null
  seconds: number | null
  label: string | null
}

export interface SamplePrediction {
  sample: string
  role: SampleRole
  trueLabel: string | null
  predicted: string
  proba: number[]
}

export interface MethodDetail {
  method: MethodName
  seconds: number
  metrics: Metrics | null
  roc: RocCurve[] | null
  /** One entry per sample, in dataset order. */
  predicted: number[]
  proba: number[][]
  backend?: BackendName
  losses?: EpochLoss[]
  latent?: number[][]
  eta?: number
  etaRequested?: number
  targetFeatures?: number
  selected?: SelectedFeature[]
  maskDensity?: number
  descent1?: { metrics: Metrics | null }
  graph?: GraphConfig
  warnings?: string[]
}

export interface RunDetail {
  summary: RunSummary
  config: RunConfig
  dataset: DatasetSummary
  classes: string[]
  sampleIds: string[]
  roles: SampleRole[]
  /** Truth where known (labelled + hidden), -1 otherwise. */
  yTrue: number[]
  methods: Partial<Record<MethodName, MethodDetail>>
  /** What differs from the Paper preset, as readable lines. */
  differsFromPaper: string[]
  appVersion: string
  datasetHash: string
}

export interface WeightMap {
  /** Columns = features sorted by column norm (desc); kept features exact, the rest aggregated into bins. */
  columns: { label: string; features: number; kept: boolean }[]
  rows: number
  /** rows × columns, |w| (mean of |w| over a bin's features), row-major. */
  values: number[]
  maxAbs: number
}

export interface FeatureStats {
  feature: string
  rank: number
  norm: number
  /** Per-class mean of the (preprocessed) feature over labelled/known samples. */
  classMeans: number[]
}

export interface Comparison {
  runs: RunSummary[]
  /** Settings that differ: one row per setting, one value per run. */
  settings: { key: string; values: string[]; differs: boolean }[]
  metrics: { method: MethodName; values: (Metrics | null)[] }[]
  features: {
    perRun: number[]
    /** Jaccard of the selected-feature sets, pairwise, runs × runs. */
    jaccard: number[][]
    shared: string[]
    exclusive: string[][]
  }
}

export interface ExportFile {
  fileName: string
  mime: string
  content: string
}

/** Every call: channel → [request, response]. */
export interface ApiMap {
  'app.info': [Record<string, never>, { version: string; dbPath: string; backend: string; platform: string }]
  'datasets.preview': [FilePayload & { options: ImportOptions }, DatasetPreview]
  'datasets.import': [FilePayload & { options: ImportOptions }, DatasetSummary]
  'datasets.importDemo': [Record<string, never>, DatasetSummary]
  'datasets.list': [Record<string, never>, DatasetSummary[]]
  'datasets.get': [{ id: number }, DatasetSummary & { preview: DatasetPreview }]
  'datasets.delete': [{ id: number; cascade?: boolean }, { deletedRuns: number }]
  'datasets.preprocessPreview': [
    { id: number; preprocess: PreprocessOptions },
    { before: Histogram; after: Histogram; recommendation: { preprocess: PreprocessOptions; reasons: string[] } }
  ]
  'datasets.splitPreview': [
    { id: number; import: ImportOptions; split: RunConfig['split'] },
    { classes: { name: string; labelled: number; hidden: number; unlabelled: number }[]; error: ApiError | null }
  ]
  'runs.start': [{ datasetId: number; config: RunConfig; label?: string }, { id: number }]
  'runs.cancel': [{ id: number }, { status: RunStatus }]
  'runs.list': [{ datasetId?: number }, RunSummary[]]
  'runs.get': [{ id: number }, RunDetail]
  'runs.weights': [{ id: number; maxColumns?: number }, WeightMap]
  'runs.features': [{ id: number }, FeatureStats[]]
  'runs.delete': [{ id: number }, { deleted: boolean }]
  'runs.compare': [{ ids: number[] }, Comparison]
  'exports.features': [{ id: number }, ExportFile]
  'exports.predictions': [{ id: number }, ExportFile]
  'exports.dataset': [{ id: number }, ExportFile]
  'exports.report': [{ id: number }, ExportFile]
}

export type Channel = keyof ApiMap
export type Req<C extends Channel> = ApiMap[C][0]
export type Res<C extends Channel> = ApiMap[C][1]

/** Pushed from main to the renderer. */
export type ApiEvent =
  | { type: 'run.progress'; runId: number; progress: ProgressEvent }
  | { type: 'run.status'; runId: number; status: RunStatus; error: string | null }

/** What the renderer talks to: the IPC client in Electron, the HTTP client in a browser. */
export interface ApiClient {
  call<C extends Channel>(channel: C, req: Req<C>): Promise<Res<C>>
  subscribe(listener: (e: ApiEvent) => void): () => void
}

export type { DatasetPreview, Histogram, NetworkConfig, PreprocessOptions, RunConfig }
