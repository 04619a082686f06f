// The vocabulary shared by every layer: a dataset, a run's configuration and a run's result.
// Pure data (typed arrays, plain objects): no Electron, DOM or SQLite here.

/** Where a sample's label came from once a split is made. */
export type SampleRole = 'labelled' | 'hidden' | 'unlabelled'

export type Orientation = 'rows' | 'columns' // samples as rows / samples as columns in the file
export type FileFormat = 'csv' | 'tsv' | 'tiro'
export type MissingPolicy = 'refuse' | 'drop' | 'mean'

export interface ImportOptions {
  /** Name of the label row/column; found by name (label, class, group, condition …) when absent. */
  label?: string
  /** A label value that means "unlabelled" (the lab marks them 0 in TIRO files). Blank/NA always do. */
  unlabelledValue?: string
  orientation?: 'auto' | Orientation
  missing?: MissingPolicy
}

export interface MissingSummary {
  total: number
  /** Samples / features with at least one missing value, with their counts (only non-zero entries). */
  samples: { id: string; count: number }[]
  features: { name: string; count: number }[]
  /** What was done about them (the recorded policy) and how many features were dropped. */
  policy: MissingPolicy
  droppedFeatures: number
}

/** A parsed, validated matrix. X is one Float32Array, row = sample (n × d, row-major). */
export interface Dataset {
  fileName: string
  format: FileFormat
  delimiter: string
  decimal: '.' | ','
  encoding: 'utf-8' | 'latin1'
  orientation: Orientation
  orientationReason: string
  /** Name of the label row/column as written in the file. */
  labelName: string
  sampleIds: string[]
  featureNames: string[]
  /** Raw label text per sample; null = unlabelled (blank, NA or the unlabelled value). */
  labels: (string | null)[]
  /** Distinct non-null labels in their stable order (numeric order when all numeric, else text order). */
  classes: string[]
  nSamples: number
  nFeatures: number
  X: Float32Array
  missing: MissingSummary
}

/** What the import wizard shows before anything is stored. */
export interface DatasetPreview {
  fileName: string
  format: 'csv' | 'tsv' | 'tiro'
  delimiter: string
  decimal: '.' | ','
  encoding: string
  orientation: 'rows' | 'columns'
  orientationReason: string
  labelName: string
  /** Candidate label rows/columns the user may pick instead. */
  labelCandidates: string[]
  nSamples: number
  nFeatures: number
  /** The first samples × features as the app reads them (after orientation). */
  head: { sampleIds: string[]; featureNames: string[]; values: (number | null)[][]; labels: (string | null)[] }
  /** The first raw lines of the file, as text, for the "as in the file" view. */
  rawHead: string[][]
  classes: { name: string; count: number }[]
  unlabelled: number
  missing: { total: number; samplesWithMissing: number; featuresWithMissing: number }
  /** Advice on preprocessing from looking at the values (negatives, log-scale range …). */
  recommendation: { preprocess: PreprocessOptions; reasons: string[] }
}

export interface Histogram {
  edges: number[]
  counts: number[]
}

export interface PreprocessOptions {
  log: boolean
  center: boolean
  scale: boolean
}

/** Fitted preprocessing, stored with the run so it can be re-applied and shown. */
export interface PreprocessParams extends PreprocessOptions {
  /** Per-feature mean (after log when log is on); present when center is on. */
  mean?: Float64Array
  /** Per-feature population sd (ddof 0); 0 for a constant feature; present when scale is on. */
  sd?: Float64Array
}

export type SplitOptions =
  | { mode: 'given' }
  | { mode: 'hidden'; fraction: number; seed: number }

/** Class indices per sample into Dataset.classes; -1 where there is none. */
export interface Split {
  mode: 'given' | 'hidden'
  seed?: number
  fraction?: number
  role: SampleRole[]
  /** Label the methods train on: class index for 'labelled' samples, -1 otherwise. */
  yTrain: Int32Array
  /** Truth where known (labelled and hidden samples), -1 where unknown. */
  yTrue: Int32Array
}

export type MethodName = 'ssae' | 'fcnn' | 'labelprop' | 'labelspread'
export const ALL_METHODS: MethodName[] = ['ssae', 'fcnn', 'labelprop', 'labelspread']

export type BackendName = 'tensorflow' | 'wasm' | 'cpu'
export type BackendChoice = 'auto' | BackendName
export type ProjectionKind = 'l11' | 'l21' | 'l1inf'

export interface NetworkConfig {
  /** l1,1 radius given directly (paper mode) … */
  eta?: number
  /** … or a target number of kept features; η is then found by bisection after the first descent. */
  targetFeatures?: number
  projection: ProjectionKind
  epochs: number
  batchSize: number
  lr: number
  /** Weight of the reconstruction loss. */
  lambda: number
  hidden: number
}

export interface GraphConfig {
  kernel: 'knn' | 'rbf'
  neighbors: number
  gamma: number
  /** transductive: all samples, unlabelled ones included; labelled: the paper code's fit on labelled samples only. */
  fit: 'transductive' | 'labelled'
}

export interface RunConfig {
  import: ImportOptions
  preprocess: PreprocessOptions
  split: SplitOptions
  methods: MethodName[]
  seed: number
  backend: BackendChoice
  network: NetworkConfig
  graph: GraphConfig
}

/** The paper's values (method.md); the default preset. */
export const PAPER_PRESET: Pick<RunConfig, 'network' | 'graph'> = {
  network: { eta: 10, projection: 'l11', epochs: 40, batchSize: 8, lr: 1e-4, lambda: 0.0005, hidden: 300 },
  graph: { kernel: 'knn', neighbors: 7, gamma: 20, fit: 'transductive' }
}

export interface Metrics {
  accuracy: number
  /** Binary: score of class 1; multiclass: one-vs-rest macro. null when undefined (one class present). */
  auc: number | null
  f1: number
  precision: number
  recall: number
  /** confusion[true][predicted], over the classes of the dataset. */
  confusion: number[][]
  /** Number of samples scored. */
  n: number
}

export interface RocCurve {
  /** 'class' is the positive class index (binary: 1; multiclass: each one-vs-rest). */
  cls: number
  fpr: number[]
  tpr: number[]
  auc: number
}

export interface EpochLoss {
  descent: 1 | 2
  epoch: number
  total: number
  classification: number
  reconstruction: number
}

export interface SelectedFeature {
  index: number
  feature: string
  norm: number
}

export interface MethodResult {
  method: MethodName
  seconds: number
  /** n × k confidences (softmax / label distributions), every sample, row-major. */
  proba: Float32Array
  /** Predicted class index per sample. */
  predicted: Int32Array
  /** On hidden samples (benchmark mode); null when no truth is known for any scored sample. */
  metrics: Metrics | null
  roc?: RocCurve[]
  /** Networks only. */
  backend?: BackendName
  losses?: EpochLoss[]
  /** SSAE: n × k latent coordinates (= class logits), every sample. */
  latent?: Float32Array
  /** SSAE: what was asked and the η used. */
  etaRequested?: number
  targetFeatures?: number
  eta?: number
  /** SSAE: kept features ranked by first-layer column norm, descending. */
  selected?: SelectedFeature[]
  /** SSAE: first-layer weights after the second descent, h × d row-major (PyTorch layout). */
  weights?: Float32Array
  weightsShape?: [number, number]
  /** SSAE: fraction of first-layer weights kept by the mask. */
  maskDensity?: number
  /** SSAE: the first descent's metrics beside the final ones. */
  descent1?: { metrics: Metrics | null }
  /** Graph methods: the kernel and fit actually used. */
  graph?: GraphConfig
  /** Messages a user should see (e.g. "CPU backend: slow"). */
  warnings?: string[]
}

export interface RunTimings {
  startedAt: string
  finishedAt: string
  seconds: number
  perMethod: Partial<Record<MethodName, number>>
}

export interface RunResult {
  config: RunConfig
  classes: string[]
  preprocess: PreprocessParams
  split: Split
  methods: Partial<Record<MethodName, MethodResult>>
  timings: RunTimings
}

export type Phase = 'preprocess' | 'fit' | 'descent1' | 'projection' | 'descent2' | 'predict' | 'done'

export interface ProgressEvent {
  method: MethodName | null
  phase: Phase
  /** 1-based epoch within the current descent, when training. */
  epoch?: number
  epochs?: number
  loss?: number
  /** Seconds since the run started. */
  elapsed: number
  /** Estimated seconds left for the whole run, when it can be estimated. */
  remaining?: number
  /** 0..1 for the whole run. */
  fraction: number
  message?: string
}

export interface RunHooks {
  onProgress?: (e: ProgressEvent) => void
  signal?: AbortSignal
}

/** Thrown for bad input or impossible settings: a message a biologist can act on, with a position when known. */
export class UserError extends Error {
  readonly code: string
  readonly file?: string
  readonly line?: number
  readonly column?: number
  constructor(code: string, message: string, where: { file?: string; line?: number; column?: number } = {}) {
    super(message)
    this.name = 'UserError'
    this.code = code
    this.file = where.file
    this.line = where.line
    this.column = where.column
  }
}

/** Thrown when a run is cancelled through its AbortSignal. */
export class CancelledError extends Error {
  constructor() {
    super('The run was cancelled.')
    this.name = 'CancelledError'
  }
}
