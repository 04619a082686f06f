// The run report: one self-contained HTML file (inline CSS and SVG figures, no script, no external
// URL) a biologist can open offline, print, or attach to a paper's supplement.
import type { MethodName, Metrics } from '../../core/types'
import type { FeatureStats, RunDetail, WeightMap } from '../../shared/api'
import {
  biomarkerChartHeight,
  buildBiomarkerBarOption,
  buildConfidenceOption,
  buildLatentOption,
  buildLossOption,
  buildRocOption,
  buildWeightMapOption,
  coarsenWeightMap,
  confidenceChartHeight,
  fmtNumber,
  fmtPercent,
  fmtSeconds,
  hasRoc,
  leastConfident,
  METHOD_LABELS,
  ROLE_LABELS,
  runMethods,
  settingsRows
} from '../../shared/charts'
import { esc, figure, kvTable, section, STYLE, table, type Cell } from './html'
import { echartsVersion, renderSvg } from './svg'

export interface ReportInput {
  detail: RunDetail
  weights: WeightMap | null
  features: FeatureStats[]
}

const FIG_WIDTH = 960
/** A static heat map stays readable and the file small (every cell is an SVG rect). */
const REPORT_WEIGHT_ROWS = 100
const REPORT_WEIGHT_COLUMNS = 160
const MAX_FEATURE_ROWS = 2000

export function renderReport(input: ReportInput): string {
  const { detail } = input
  const s = detail.summary
  const title = `SSAE Studio — run #${s.id}${s.label ? ` “${s.label}”` : ''}`
  const sections = [
    datasetSection(detail),
    settingsSection(detail),
    metricsSection(detail),
    latentSection(detail),
    confidenceSection(detail),
    biomarkerSection(detail, input.features),
    weightsSection(input.weights),
    trainingSection(detail),
    rocSection(detail),
    softwareSection(detail)
  ].filter((x): x is { id: string; title: string; html: string } => x !== null)
  const nav = sections.map((x) => `<a href="#${x.id}">${esc(x.title)}</a>`).join('')
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="SSAE Studio ${esc(detail.appVersion)}">
<title>${esc(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${esc(title)}</h1>
<p class="sub">Dataset ${esc(detail.dataset.name)} · ${esc(s.status)} · created ${esc(s.createdAt)}${s.finishedAt ? ` · finished ${esc(s.finishedAt)}` : ''}</p>
</header>
<nav>${nav}</nav>
${sections.map((x) => section(x.id, x.title, x.html)).join('\n')}
</body>
</html>
`
}

type Part = { id: string; title: string; html: string } | null

function datasetSection(d: RunDetail): Part {
  const ds = d.dataset
  const counts = (role: string): number => d.roles.filter((r) => r === role).length
  const rows: [string, Cell][] = [
    ['Name', ds.name],
    ['File', `${ds.fileName} (${ds.format}, samples as ${ds.orientation})`],
    ['Samples × features', `${ds.nSamples} × ${ds.nFeatures}`],
    ['Classes', ds.classes.map((c) => `${c.name} (${c.count})`).join(', ')],
    ['Unlabelled in the file', String(ds.unlabelled)],
    ['In this run', `${counts('labelled')} labelled, ${counts('hidden')} hidden (benchmark), ${counts('unlabelled')} unlabelled`],
    ['Dataset hash (SHA-256)', { html: `<code>${esc(d.datasetHash)}</code>` }]
  ]
  return { id: 'dataset', title: 'Dataset', html: kvTable(rows) }
}

function settingsSection(d: RunDetail): Part {
  const rows = settingsRows(d.config).map((r): Cell[] => [r.key, r.value])
  const differs = d.differsFromPaper.length
    ? `<div class="warn"><b>Differs from the paper's preset:</b><ul>${d.differsFromPaper.map((l) => `<li>${esc(l)}</li>`).join('')}</ul></div>`
    : `<div class="note">The network and graph settings are the paper's preset.</div>`
  const ssae = d.methods.ssae
  const eta = ssae
    ? `<p>SSAE: η used ${fmtNumber(ssae.eta ?? null)}${ssae.etaRequested !== undefined ? ` (asked ${fmtNumber(ssae.etaRequested)})` : ''}${ssae.targetFeatures !== undefined ? `, target ${ssae.targetFeatures} features` : ''}; mask density ${fmtPercent(ssae.maskDensity ?? null, 2)}.</p>`
    : ''
  return { id: 'settings', title: 'Settings', html: differs + table(['Setting', 'Value'], rows) + eta }
}

const METRIC_KEYS: { key: keyof Metrics; label: string; pct: boolean }[] = [
  { key: 'accuracy', label: 'Accuracy', pct: true },
  { key: 'auc', label: 'AUC', pct: false },
  { key: 'f1', label: 'Macro F1', pct: false },
  { key: 'precision', label: 'Macro precision', pct: false },
  { key: 'recall', label: 'Macro recall', pct: false },
  { key: 'n', label: 'Samples scored', pct: false }
]

function metricsSection(d: RunDetail): Part {
  const methods = runMethods(d)
  const scored = methods.filter((m) => d.methods[m]?.metrics)
  if (!scored.length)
    return {
      id: 'metrics',
      title: 'Metrics',
      html: `<div class="note">No true labels are known for the samples the methods predicted, so accuracy, AUC and the other metrics cannot be computed for this run. Use benchmark mode (hide a fraction of known labels) to measure them.</div>`
    }
  const head = ['Metric', ...methods.map((m) => METHOD_LABELS[m])]
  if (d.methods.ssae?.descent1?.metrics) head.push('SSAE, 1st descent')
  const rows = METRIC_KEYS.map(({ key, label, pct }) => {
    const cell = (mt: Metrics | null | undefined): Cell => {
      const v = mt ? (mt[key] as number | null) : null
      return { html: key === 'n' ? String(v ?? '—') : pct ? fmtPercent(v, 2) : fmtNumber(v, 4), className: 'num' }
    }
    const row: Cell[] = [label, ...methods.map((m) => cell(d.methods[m]?.metrics))]
    if (d.methods.ssae?.descent1?.metrics) row.push(cell(d.methods.ssae.descent1.metrics))
    return row
  })
  const cms = scored
    .map((m) => `<div><h3>${esc(METHOD_LABELS[m])}</h3>${confusionTable(d.classes, d.methods[m]!.metrics!.confusion)}</div>`)
    .join('')
  return {
    id: 'metrics',
    title: 'Metrics',
    html:
      `<p>Scored on the ${esc(d.config.split.mode === 'hidden' ? 'hidden (benchmark)' : 'unlabelled samples with a known label')} samples. AUC: binary — score of the second class; multiclass — one-vs-rest macro average.</p>` +
      table(head, rows) +
      `<h3>Confusion matrices (rows: true class, columns: predicted)</h3><div class="cms">${cms}</div>`
  }
}

export function confusionTable(classes: string[], cm: number[][]): string {
  const rows = cm.map((r, i): Cell[] => [
    { html: `<b>${esc(classes[i] ?? String(i))}</b>` },
    ...r.map((v, j): Cell => ({ html: String(v), className: i === j ? 'num cm-diag' : 'num' }))
  ])
  return table(['true \\ predicted', ...classes], rows, 'cm')
}

function latentSection(d: RunDetail): Part {
  if (!d.methods.ssae?.latent?.length) return null
  const truth = d.yTrue.some((y) => y >= 0)
  const colorBy = truth ? 'true' : 'predicted'
  const svg = renderSvg(buildLatentOption(d, { colorBy, static: true }), FIG_WIDTH, 520)
  const k = d.classes.length
  return {
    id: 'latent',
    title: 'Latent space (SSAE)',
    html: figure(
      svg,
      `Every sample in the SSAE's latent space (${k > 2 ? 'first two principal components of the k-dimensional latent' : 'the two latent coordinates = class logits'}); ` +
        `colour = ${colorBy === 'true' ? 'true class (grey: unknown)' : 'predicted class'}; markers: circle = labelled, diamond = hidden (benchmark), triangle = unlabelled.`
    )
  }
}

function confidenceSection(d: RunDetail): Part {
  const methods = runMethods(d)
  if (!methods.length) return null
  const svg = renderSvg(buildConfidenceOption(d, { static: true }), FIG_WIDTH, confidenceChartHeight(methods.length))
  const first: MethodName = d.methods.ssae ? 'ssae' : methods[0]
  const rows = leastConfident(d, first, 20).map((r): Cell[] => [
    r.sample,
    ROLE_LABELS[r.role],
    r.trueLabel ?? '—',
    r.predicted,
    { html: fmtPercent(r.confidence), className: 'num' },
    { html: fmtPercent(r.margin), className: 'num' }
  ])
  return {
    id: 'confidence',
    title: 'Confidence',
    html:
      figure(svg, 'Distribution of the confidence of the predicted class, per predicted class, for the samples each method had to predict (hidden and unlabelled); histogram with a Gaussian-kernel smoothed curve.') +
      `<h3>Least confident predictions (${esc(METHOD_LABELS[first])}) — the samples to look at</h3>` +
      table(['Sample', 'Role', 'True label', 'Predicted', 'Confidence', 'Margin to 2nd'], rows)
  }
}

function biomarkerSection(d: RunDetail, features: FeatureStats[]): Part {
  const ssae = d.methods.ssae
  if (!ssae) return null
  const list = features.length ? features : (ssae.selected ?? []).map((f, i) => ({ feature: f.feature, rank: i + 1, norm: f.norm, classMeans: [] as number[] }))
  const sorted = [...list].sort((a, b) => a.rank - b.rank)
  const withMeans = sorted.some((f) => f.classMeans.length > 0)
  const summary = `<p><b>${sorted.length}</b> features kept out of <b>${d.dataset.nFeatures}</b> (${fmtPercent(sorted.length / Math.max(1, d.dataset.nFeatures), 2)}), ranked by the norm of their first-layer weight column.</p>`
  if (!sorted.length) return { id: 'biomarkers', title: 'Biomarkers', html: summary }
  const bar = renderSvg(buildBiomarkerBarOption(sorted, { topN: 30, static: true }), FIG_WIDTH, biomarkerChartHeight(sorted.length, 30))
  const shown = sorted.slice(0, MAX_FEATURE_ROWS)
  const head = ['Rank', 'Feature', 'Weight norm', ...(withMeans ? d.classes.map((c) => `Mean in ${c}`) : [])]
  const rows = shown.map((f): Cell[] => [
    f.rank,
    f.feature,
    { html: fmtNumber(f.norm, 5), className: 'num' },
    ...(withMeans ? d.classes.map((_, c): Cell => ({ html: fmtNumber(f.classMeans[c] ?? null, 4), className: 'num' })) : [])
  ])
  const more = sorted.length > shown.length ? `<p>The first ${shown.length} of ${sorted.length} are listed; export the features CSV for all.</p>` : ''
  return {
    id: 'biomarkers',
    title: 'Biomarkers',
    html:
      summary +
      figure(bar, `Top ${Math.min(30, sorted.length)} selected features by weight norm.`) +
      (withMeans ? '<p>Class means are of the preprocessed feature over samples with a known label: they show the direction of each biomarker.</p>' : '') +
      table(head, rows) +
      more
  }
}

function weightsSection(weights: WeightMap | null): Part {
  if (!weights || !weights.columns.length) return null
  // Kept features plus as many bins again for the dropped ones: the dropped are zero (white) anyway.
  const kept = weights.columns.filter((c) => c.kept).length
  const columns = Math.min(REPORT_WEIGHT_COLUMNS, Math.max(40, Math.ceil(kept * 1.6)))
  const { map, rowGroup } = coarsenWeightMap(weights, REPORT_WEIGHT_ROWS, columns)
  const svg = renderSvg(buildWeightMapOption(map, { static: true, rowGroup }), FIG_WIDTH, 460)
  return {
    id: 'weights',
    title: 'First-layer weights',
    html: figure(
      svg,
      'First-layer weights after the second descent, features sorted by column norm (largest left); logarithmic colour scale of |w|, zero weights white. Beyond the kept features columns are bins (mean |w|).'
    )
  }
}

function trainingSection(d: RunDetail): Part {
  const nets = (['ssae', 'fcnn'] as MethodName[]).filter((m) => d.methods[m]?.losses?.length)
  if (!nets.length) return null
  const figs = nets
    .map((m) => figure(renderSvg(buildLossOption(d.methods[m]!, { static: true, logY: true }), FIG_WIDTH, 340), `${METHOD_LABELS[m]}: loss per epoch (log scale).`))
    .join('')
  return { id: 'training', title: 'Training curves', html: figs }
}

function rocSection(d: RunDetail): Part {
  if (!hasRoc(d)) return null
  return { id: 'roc', title: 'ROC curves', html: figure(renderSvg(buildRocOption(d, { static: true }), FIG_WIDTH, 440), 'ROC curves on the scored samples.') }
}

function softwareSection(d: RunDetail): Part {
  const methods = runMethods(d)
  const rows: [string, Cell][] = [
    ['SSAE Studio', d.appVersion],
    ['Node.js', process.versions.node],
    ...(process.versions.electron ? [['Electron', process.versions.electron] as [string, Cell]] : []),
    ['ECharts (figures)', echartsVersion],
    ['Compute backend', d.summary.backend ?? '—'],
    ...methods.map((m): [string, Cell] => [
      `${METHOD_LABELS[m]} time`,
      `${fmtSeconds(d.methods[m]!.seconds)}${d.methods[m]!.backend ? ` (${d.methods[m]!.backend})` : ''}`
    ]),
    ['Total time', fmtSeconds(d.summary.seconds)],
    ['Dataset hash', { html: `<code>${esc(d.datasetHash)}</code>` }],
    ['Report generated', new Date().toISOString()]
  ]
  const warnings = methods.flatMap((m) => (d.methods[m]!.warnings ?? []).map((w) => `${METHOD_LABELS[m]}: ${w}`))
  return {
    id: 'software',
    title: 'Software and reproducibility',
    html:
      kvTable(rows) +
      (warnings.length ? `<div class="warn"><ul>${warnings.map((w) => `<li>${esc(w)}</li>`).join('')}</ul></div>` : '') +
      '<p>The run can be reproduced from the settings above, the dataset with this hash and the same seed and backend.</p>'
  }
}
