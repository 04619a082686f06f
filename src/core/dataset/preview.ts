// previewDataset: what the import wizard shows before anything is stored. Throws only for unreadable
// files; label and missing-value problems the user can fix in the wizard are reported, not thrown.
import type { DatasetPreview, ImportOptions } from '../types'
import { orderClasses, readLabel } from './cells'
import { labelCandidates } from './layout'
import { HEAD_RECORDS, fileFormat, orientationReason, readWithLayout, sniff } from './load'
import { recommendPreprocess } from './recommend'

const HEAD_SAMPLES = 20
const HEAD_FEATURES = 12
const RAW_LINES = 8
const RAW_CELLS = 12

export function previewDataset(bytes: Uint8Array, fileName: string, options: ImportOptions = {}): DatasetPreview {
  const s = sniff(bytes, fileName, options)
  const exclude = new Set<string>(s.layout.labelName !== null ? [s.layout.labelName] : [])
  const candidates = labelCandidates(s.head, s.layout.orientation, exclude)
  // Text rows/columns among the candidates are annotations: leave them out of the matrix so the preview
  // can be shown and the user can pick one of them as the label.
  const skip = new Set(candidates.filter((c) => c.text).map((c) => c.name))
  const table = readWithLayout(s, skip)
  const labels = table.labelTexts === null
    ? new Array<string | null>(table.n).fill(null)
    : table.labelTexts.map((t) => readLabel(t, options.unlabelledValue))
  const classes = orderClasses(labels)
  const counts = new Map<string, number>()
  for (const label of labels) if (label !== null) counts.set(label, (counts.get(label) ?? 0) + 1)

  const ns = Math.min(HEAD_SAMPLES, table.n)
  const nf = Math.min(HEAD_FEATURES, table.d)
  const values: (number | null)[][] = []
  for (let i = 0; i < ns; i++) {
    const row: (number | null)[] = []
    for (let j = 0; j < nf; j++) {
      const v = table.X[i * table.d + j]
      row.push(v === v ? v : null)
    }
    values.push(row)
  }
  const rawHead = s.head.cells.slice(0, Math.min(RAW_LINES, HEAD_RECORDS)).map((cells) => cells.slice(0, RAW_CELLS))
  const labelName = table.labelTexts !== null ? (s.layout.labelName ?? '') : ''
  return {
    fileName,
    format: fileFormat(s, table),
    delimiter: s.delimiter,
    decimal: s.decimal,
    encoding: s.decoded.encoding,
    orientation: s.layout.orientation,
    orientationReason: table.labelTexts === null && options.label !== undefined
      ? `No row or column is named '${options.label}'. ${orientationReason({ ...s, layout: { ...s.layout, labelName: null } }, table, 0)}`
      : orientationReason(s, table, classes.length),
    labelName,
    labelCandidates: candidates.map((c) => c.name),
    nSamples: table.n,
    nFeatures: table.d,
    head: {
      sampleIds: table.sampleIds.slice(0, ns),
      featureNames: table.featureNames.slice(0, nf),
      values,
      labels: labels.slice(0, ns)
    },
    rawHead,
    classes: classes.map((name) => ({ name, count: counts.get(name) ?? 0 })),
    unlabelled: labels.reduce((a, l) => a + (l === null ? 1 : 0), 0),
    missing: {
      total: table.missingTotal,
      samplesWithMissing: table.missingPerSample.reduce((a, c) => a + (c > 0 ? 1 : 0), 0),
      featuresWithMissing: table.missingPerFeature.reduce((a, c) => a + (c > 0 ? 1 : 0), 0)
    },
    recommendation: recommendPreprocess(table.X, table.n, table.d)
  }
}
