// The store from a terminal: datasets, runs, comparisons and exports, through the app's own services.

import { writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Comparison, DatasetSummary, RunSummary } from '../../shared/api'
import { UserError, type MethodName } from '../../core/types'
import { id, parse, str, type OptionSpec } from '../args'
import { openServices, type CliContext } from '../context'
import { runDocument, runText, table, viewFromDetail } from '../report'

const COMMON: OptionSpec = { db: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }
const fmt = (x: number | null | undefined, digits = 3) => (x === null || x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(digits))
const date = (iso: string | null) => (iso ? iso.replace('T', ' ').slice(0, 16) : '—')

function classText(d: DatasetSummary): string {
  return d.classes.map((c) => `${c.name} (${c.count})`).join(', ') + (d.unlabelled ? `, ${d.unlabelled} unlabelled` : '')
}

export const DATASETS_USAGE = 'ssae datasets list | show ID | delete ID [--cascade]  [--db FILE] [--json]'

export async function datasets(ctx: CliContext, argv: string[]): Promise<void> {
  const { values, positionals } = parse(argv, { ...COMMON, cascade: { type: 'boolean' } }, DATASETS_USAGE)
  const [sub] = positionals
  if (values.help || !sub) return ctx.out(`Usage: ${DATASETS_USAGE}`)
  if (!['list', 'show', 'delete'].includes(sub)) throw new UserError('usage', `unknown datasets command "${sub}". Usage: ${DATASETS_USAGE}`)
  const { services } = await openServices(ctx, str(values, 'db'))
  const h = services.handlers
  try {
    if (sub === 'list') {
      const list = await h['datasets.list']({})
      if (values.json) return ctx.out(JSON.stringify(list))
      if (!list.length) return ctx.out('No datasets yet. Import one with `ssae run FILE` (or try `ssae demo`).')
      ctx.out(
        table(
          ['id', 'name', 'samples', 'features', 'classes', 'runs', 'imported'],
          list.map((d) => [String(d.id), d.name, String(d.nSamples), String(d.nFeatures), classText(d), String(d.runCount), date(d.importedAt)]),
          ['r', 'l', 'r', 'r', 'l', 'r', 'l']
        )
      )
    } else if (sub === 'show') {
      const d = await h['datasets.get']({ id: id(positionals, 1, 'dataset ID', DATASETS_USAGE) })
      if (values.json) return ctx.out(JSON.stringify(d))
      ctx.out(
        [
          `Dataset #${d.id}  ${d.name}`,
          `  file         ${d.fileName} (${d.format}, sha256 ${d.hash.slice(0, 16)}…)`,
          `  shape        ${d.nSamples} samples × ${d.nFeatures} features`,
          `  orientation  ${d.orientation === 'rows' ? 'samples as rows' : 'samples as columns'}: ${d.preview.orientationReason}`,
          `  classes      ${classText(d)}`,
          `  runs         ${d.runCount}`,
          `  imported     ${date(d.importedAt)}`
        ].join('\n')
      )
    } else {
      const datasetId = id(positionals, 1, 'dataset ID', DATASETS_USAGE)
      const r = await h['datasets.delete']({ id: datasetId, cascade: values.cascade === true })
      ctx.out(`Deleted dataset #${datasetId}${r.deletedRuns ? ` and its ${r.deletedRuns} runs` : ''}.`)
    }
  } finally {
    await services.close()
  }
}

function metricCell(r: RunSummary, m: MethodName): string {
  const k = r.keyMetrics[m]
  if (!k) return '—'
  return k.accuracy === null ? 'no truth' : `${fmt(k.accuracy)} / ${fmt(k.auc)}`
}

export const RUNS_USAGE = 'ssae runs list [--dataset ID] | show ID | compare ID ID… | delete ID  [--db FILE] [--json]'

export async function runs(ctx: CliContext, argv: string[]): Promise<void> {
  const { values, positionals } = parse(argv, { ...COMMON, dataset: { type: 'string' } }, RUNS_USAGE)
  const [sub] = positionals
  if (values.help || !sub) return ctx.out(`Usage: ${RUNS_USAGE}`)
  if (!['list', 'show', 'compare', 'delete'].includes(sub)) throw new UserError('usage', `unknown runs command "${sub}". Usage: ${RUNS_USAGE}`)
  const { services, dbPath } = await openServices(ctx, str(values, 'db'))
  const h = services.handlers
  try {
    if (sub === 'list') {
      const ds = str(values, 'dataset')
      const list = await h['runs.list'](ds ? { datasetId: id([ds], 0, '--dataset ID', RUNS_USAGE) } : {})
      if (values.json) return ctx.out(JSON.stringify(list))
      if (!list.length) return ctx.out('No runs yet. Start one with `ssae run FILE` or `ssae demo`.')
      const methods: MethodName[] = ['ssae', 'fcnn', 'labelprop', 'labelspread']
      ctx.out(
        table(
          ['id', 'dataset', 'created', 'status', 'SSAE acc/AUC', 'FCNN', 'LabelProp', 'LabelSpread', 'seconds'],
          list.map((r) => [String(r.id), r.datasetName, date(r.createdAt), r.status, ...methods.map((m) => metricCell(r, m)), fmt(r.seconds, 1)]),
          ['r', 'l', 'l', 'l', 'r', 'r', 'r', 'r', 'r']
        )
      )
    } else if (sub === 'show') {
      const detail = await h['runs.get']({ id: id(positionals, 1, 'run ID', RUNS_USAGE) })
      const ds = await h['datasets.get']({ id: detail.dataset.id })
      const view = viewFromDetail(detail, ds.preview.orientationReason, dbPath)
      if (values.json) return ctx.out(JSON.stringify({ ...runDocument(view), status: detail.summary.status, config: detail.config }))
      const lines = [`Run #${detail.summary.id}: ${detail.summary.status}${detail.summary.error ? ` — ${detail.summary.error}` : ''}`]
      if (detail.differsFromPaper.length) lines.push(`Settings that differ from the paper's: ${detail.differsFromPaper.join('; ')}`)
      if (detail.summary.status === 'done') lines.push('', runText(view))
      ctx.out(lines.join('\n'))
    } else if (sub === 'compare') {
      const ids = positionals.slice(1).map((_, i) => id(positionals, i + 1, 'run ID', RUNS_USAGE))
      if (ids.length < 2) throw new UserError('usage', `compare needs two or more run IDs. Usage: ${RUNS_USAGE}`)
      const cmp = await h['runs.compare']({ ids })
      ctx.out(values.json ? JSON.stringify(cmp) : compareText(cmp))
    } else {
      const runId = id(positionals, 1, 'run ID', RUNS_USAGE)
      await h['runs.delete']({ id: runId })
      ctx.out(`Deleted run #${runId}.`)
    }
  } finally {
    await services.close()
  }
}

export function compareText(c: Comparison): string {
  const head = ['', ...c.runs.map((r) => `run #${r.id}`)]
  const out: string[] = []
  out.push(table(['dataset', ...c.runs.map((r) => r.datasetName)], [['status', ...c.runs.map((r) => r.status)]]))
  out.push('')
  const diff = c.settings.filter((s) => s.differs)
  out.push(diff.length ? 'Settings that differ:' : 'Settings: identical.')
  if (diff.length) out.push(table(['setting', ...head.slice(1)], diff.map((s) => [s.key, ...s.values])))
  out.push('')
  out.push('Metrics (accuracy / AUC / F1 on hidden samples):')
  out.push(
    table(
      head,
      c.metrics.map((m) => [m.method, ...m.values.map((v) => (v ? `${fmt(v.accuracy)} / ${fmt(v.auc)} / ${fmt(v.f1)}` : '—'))])
    )
  )
  out.push('')
  const f = c.features
  out.push(`Selected features per run: ${f.perRun.join(', ')}; shared by all: ${f.shared.length}`)
  if (c.runs.length >= 2) {
    out.push(table(head, c.runs.map((r, i) => [`run #${r.id}`, ...f.jaccard[i].map((x) => fmt(x, 2))])).replace(/^/gm, '  '))
  }
  if (f.shared.length) out.push(`Shared: ${f.shared.join(', ')}`)
  f.exclusive.forEach((ex, i) => {
    if (ex.length) out.push(`Only in run #${c.runs[i].id}: ${ex.join(', ')}`)
  })
  return out.join('\n')
}

export const EXPORT_USAGE = 'ssae export features|predictions|dataset ID --out FILE [--db FILE]'

export async function exportCommand(ctx: CliContext, argv: string[]): Promise<void> {
  const { values, positionals } = parse(argv, { ...COMMON, out: { type: 'string', short: 'o' } }, EXPORT_USAGE)
  const [what] = positionals
  if (values.help || !what) return ctx.out(`Usage: ${EXPORT_USAGE}`)
  const channel = ({ features: 'exports.features', predictions: 'exports.predictions', dataset: 'exports.dataset' } as const)[what as 'features']
  if (!channel) throw new UserError('usage', `unknown export "${what}"; choose features, predictions or dataset. Usage: ${EXPORT_USAGE}`)
  const runId = id(positionals, 1, 'run ID', EXPORT_USAGE)
  const out = str(values, 'out')
  const { services } = await openServices(ctx, str(values, 'db'))
  try {
    const file = await services.handlers[channel]({ id: runId })
    writeOut(ctx, file.content, out, file.fileName)
  } finally {
    await services.close()
  }
}

export const REPORT_USAGE = 'ssae report RUN --out report.html [--db FILE]'

export async function reportCommand(ctx: CliContext, argv: string[]): Promise<void> {
  const { values, positionals } = parse(argv, { ...COMMON, out: { type: 'string', short: 'o' } }, REPORT_USAGE)
  if (values.help) return ctx.out(`Usage: ${REPORT_USAGE}`)
  const runId = id(positionals, 0, 'run ID', REPORT_USAGE)
  const { services } = await openServices(ctx, str(values, 'db'))
  try {
    const file = await services.handlers['exports.report']({ id: runId })
    writeOut(ctx, file.content, str(values, 'out'), file.fileName)
  } finally {
    await services.close()
  }
}

function writeOut(ctx: CliContext, content: string, out: string | undefined, suggested: string): void {
  if (!out || out === '-') {
    process.stdout.write(content)
    return
  }
  const path = resolve(out)
  try {
    writeFileSync(path, content)
  } catch (e) {
    throw new UserError('file-unwritable', `cannot write ${out}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'its folder does not exist' : (e as Error).message}.`, { file: out })
  }
  ctx.err(`Wrote ${path}${suggested && !path.endsWith(suggested) ? ` (suggested name: ${suggested})` : ''}`)
}
