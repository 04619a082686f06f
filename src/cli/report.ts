// What `ssae run` prints: one stable JSON document (--json) or a readable table, built from either a
// stored run (RunDetail) or an in-memory one (RunResult, --no-store) through one intermediate view.

import type { MethodDetail, RunDetail } from '../shared/api'
import type { Dataset, Metrics, MethodName, MethodResult, PreprocessOptions, RunResult, SampleRole } from '../core/types'
import { methodDetail } from '../main/services/runDetail'

export interface RunView {
  dataset: { file: string; samples: number; features: number; classes: string[]; orientation: string; orientationReason: string }
  split: { mode: 'given' | 'hidden'; labelled: number; hidden: number; unlabelled: number; seed: number | null; fraction: number | null }
  sampleIds: string[]
  roles: SampleRole[]
  classes: string[]
  /** Class sizes among samples with a known label. */
  classCounts: number[]
  preprocess: PreprocessOptions
  /** Why the preprocessing was chosen, when the data chose it. */
  preprocessReasons?: string[]
  methods: Partial<Record<MethodName, MethodDetail>>
  run?: { id: number; db: string }
}

function countClasses(yTrue: ArrayLike<number>, k: number): number[] {
  const c = new Array<number>(k).fill(0)
  for (let i = 0; i < yTrue.length; i++) if (yTrue[i] >= 0) c[yTrue[i]]++
  return c
}

const METHOD_LABEL: Record<MethodName, string> = { ssae: 'SSAE', fcnn: 'FCNN', labelprop: 'LabelProp', labelspread: 'LabelSpread' }
const ORDER: MethodName[] = ['ssae', 'fcnn', 'labelprop', 'labelspread']

function countRoles(roles: SampleRole[]): { labelled: number; hidden: number; unlabelled: number } {
  const c = { labelled: 0, hidden: 0, unlabelled: 0 }
  for (const r of roles) c[r]++
  return c
}

export function viewFromResult(result: RunResult, ds: Dataset): RunView {
  const n = ds.nSamples
  const methods: Partial<Record<MethodName, MethodDetail>> = {}
  for (const [name, m] of Object.entries(result.methods) as [MethodName, MethodResult][]) methods[name] = methodDetail(m, n)
  const split = result.split
  return {
    dataset: { file: ds.fileName, samples: n, features: ds.nFeatures, classes: [...ds.classes], orientation: ds.orientation, orientationReason: ds.orientationReason },
    split: { mode: split.mode, ...countRoles(split.role), seed: split.seed ?? null, fraction: split.fraction ?? null },
    sampleIds: ds.sampleIds,
    roles: split.role,
    classes: result.classes,
    classCounts: countClasses(split.yTrue, result.classes.length),
    preprocess: { log: result.config.preprocess.log, center: result.config.preprocess.center, scale: result.config.preprocess.scale },
    methods
  }
}

export function viewFromDetail(detail: RunDetail, orientationReason: string, db: string): RunView {
  const split = detail.config.split
  return {
    dataset: {
      file: detail.dataset.fileName,
      samples: detail.dataset.nSamples,
      features: detail.dataset.nFeatures,
      classes: detail.classes,
      orientation: detail.dataset.orientation,
      orientationReason
    },
    split: {
      mode: split.mode,
      ...countRoles(detail.roles),
      seed: split.mode === 'hidden' ? split.seed : null,
      fraction: split.mode === 'hidden' ? split.fraction : null
    },
    sampleIds: detail.sampleIds,
    roles: detail.roles,
    classes: detail.classes,
    classCounts: countClasses(detail.yTrue, detail.classes.length),
    preprocess: { ...detail.config.preprocess },
    methods: detail.methods,
    run: { id: detail.summary.id, db }
  }
}

function metricsDoc(m: Metrics | null): Record<string, unknown> | null {
  if (!m) return null
  return { accuracy: m.accuracy, auc: m.auc, f1: m.f1, precision: m.precision, recall: m.recall, confusion: m.confusion }
}

/** The `--json` document. Its shape is a promise to scripts: only add to it. */
export function runDocument(v: RunView): Record<string, unknown> {
  const methods: Record<string, unknown> = {}
  for (const name of ORDER) {
    const m = v.methods[name]
    if (!m) continue
    const predictions: unknown[] = []
    v.roles.forEach((role, i) => {
      if (role === 'labelled') return
      const proba: Record<string, number> = {}
      v.classes.forEach((c, j) => (proba[c] = m.proba[i][j]))
      predictions.push({ sample: v.sampleIds[i], predicted: v.classes[m.predicted[i]], proba })
    })
    const doc: Record<string, unknown> = { seconds: m.seconds, metrics: metricsDoc(m.metrics) }
    if (m.backend) doc.backend = m.backend
    if (name === 'ssae') {
      doc.eta = m.eta ?? null
      if (m.targetFeatures !== undefined) doc.targetFeatures = m.targetFeatures
      doc.selectedFeatures = (m.selected ?? []).map((f) => ({ feature: f.feature, norm: f.norm }))
      doc.descent1 = { metrics: metricsDoc(m.descent1?.metrics ?? null) }
    }
    if (m.graph) doc.graph = { kernel: m.graph.kernel, neighbors: m.graph.neighbors, gamma: m.graph.gamma, fit: m.graph.fit }
    if (m.warnings?.length) doc.warnings = m.warnings
    doc.predictions = predictions
    methods[name] = doc
  }
  const out: Record<string, unknown> = {
    dataset: v.dataset,
    split: { mode: v.split.mode, labelled: v.split.labelled, unlabelled: v.split.unlabelled, hidden: v.split.hidden, seed: v.split.seed, fraction: v.split.fraction },
    preprocess: { ...v.preprocess, ...(v.preprocessReasons ? { reasons: v.preprocessReasons } : {}) },
    methods
  }
  if (v.run) out.run = v.run
  return out
}

const fmt = (x: number | null | undefined, digits = 3): string => (x === null || x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(digits))

export function table(header: string[], body: string[][], align: ('l' | 'r')[] = []): string {
  const widths = header.map((h, j) => Math.max(h.length, ...body.map((r) => (r[j] ?? '').length)))
  const line = (cells: string[]) =>
    cells.map((c, j) => ((align[j] ?? 'l') === 'r' ? c.padStart(widths[j]) : c.padEnd(widths[j]))).join('  ').trimEnd()
  return [line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...body.map(line)].join('\n')
}

/** The readable summary a person sees by default. */
export function runText(v: RunView): string {
  const out: string[] = []
  const classCounts = v.classes.map((c, i) => `${c} (${v.classCounts[i]})`).join(', ')
  const steps = [v.preprocess.log && 'ln(|x|+1)', v.preprocess.center && 'centre', v.preprocess.scale && 'scale to unit sd'].filter(Boolean)
  out.push(`Dataset  ${v.dataset.file}: ${v.dataset.samples} samples × ${v.dataset.features} features; classes ${classCounts}`)
  out.push(`         ${v.dataset.orientationReason}`)
  if (v.split.mode === 'hidden') {
    out.push(`Split    benchmark: ${Math.round((v.split.fraction ?? 0) * 100)} % of labels hidden (seed ${v.split.seed}): ${v.split.labelled} labelled, ${v.split.hidden} hidden, ${v.split.unlabelled} unlabelled`)
  } else {
    out.push(`Split    labels as given: ${v.split.labelled} labelled, ${v.split.unlabelled} unlabelled to predict`)
  }
  out.push(`Prepare  ${steps.length ? steps.join(', ') : 'none'}${v.preprocessReasons ? ' (chosen from the data; --preprocess to override)' : ''}`)
  for (const r of v.preprocessReasons ?? []) out.push(`         ${r}`)
  if (v.run) out.push(`Run      #${v.run.id}, stored in ${v.run.db}`)
  out.push('')
  const present = ORDER.filter((m) => v.methods[m])
  const anyMetrics = present.some((m) => v.methods[m]!.metrics)
  if (anyMetrics) {
    out.push(
      table(
        ['method', 'accuracy', 'AUC', 'F1', 'precision', 'recall', 'seconds'],
        present.map((name) => {
          const m = v.methods[name]!
          const mt = m.metrics
          return [METHOD_LABEL[name], fmt(mt?.accuracy), fmt(mt?.auc), fmt(mt?.f1), fmt(mt?.precision), fmt(mt?.recall), fmt(m.seconds, 1)]
        }),
        ['l', 'r', 'r', 'r', 'r', 'r', 'r']
      )
    )
    out.push('Metrics are scored on the hidden samples only.')
  } else {
    out.push(table(['method', 'seconds'], present.map((name) => [METHOD_LABEL[name], fmt(v.methods[name]!.seconds, 1)]), ['l', 'r']))
    out.push('No metrics: no sample with a known label was held out (use --hide to measure accuracy).')
    const unl = v.roles.filter((r) => r !== 'labelled').length
    for (const name of present) {
      const m = v.methods[name]!
      const counts = new Map<string, number>()
      v.roles.forEach((r, i) => {
        if (r !== 'labelled') counts.set(v.classes[m.predicted[i]], (counts.get(v.classes[m.predicted[i]]) ?? 0) + 1)
      })
      out.push(`  ${METHOD_LABEL[name]} predicts for ${unl} samples: ${[...counts].map(([c, x]) => `${c} × ${x}`).join(', ')}`)
    }
  }
  const ssae = v.methods.ssae
  if (ssae) {
    const sel = ssae.selected ?? []
    const asked = ssae.targetFeatures !== undefined ? `target ${ssae.targetFeatures} features → η = ${fmt(ssae.eta, 4)}` : `η = ${ssae.eta}`
    out.push('')
    out.push(`SSAE kept ${sel.length} of ${v.dataset.features} features (${asked}; backend ${ssae.backend ?? '?'}).`)
    if (ssae.descent1?.metrics && ssae.metrics) {
      out.push(`  accuracy after the first descent ${fmt(ssae.descent1.metrics.accuracy)}, after the second ${fmt(ssae.metrics.accuracy)}`)
    }
    if (sel.length) {
      out.push(table(['rank', 'feature', 'norm'], sel.slice(0, 15).map((f, i) => [String(i + 1), f.feature, fmt(f.norm, 4)]), ['r', 'l', 'r']).replace(/^/gm, '  '))
      if (sel.length > 15) out.push(`  … and ${sel.length - 15} more (ssae export features)`)
    }
  }
  for (const name of present) for (const w of v.methods[name]!.warnings ?? []) out.push(`Warning (${METHOD_LABEL[name]}): ${w}`)
  return out.join('\n')
}
