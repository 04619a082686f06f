// `ssae synth`: the paper's synthetic benchmark data (make_classification semantics), seeded.

import { closeSync, openSync, writeSync } from 'node:fs'
import { makeClassification, synthCsvLines } from '../../core/synth'
import { UserError } from '../../core/types'
import { number, parse, str } from '../args'
import type { CliContext } from '../context'

export const SYNTH_USAGE =
  'ssae synth [--samples 1000] [--features 1000] [--informative 8] [--redundant 0] [--classes 2] [--clusters 1] ' +
  '[--class-sep 0.8] [--flip-y 0.01] [--seed 7] --out FILE.csv'

export async function synth(ctx: CliContext, argv: string[]): Promise<void> {
  const { values } = parse(
    argv,
    {
      samples: { type: 'string' }, features: { type: 'string' }, informative: { type: 'string' }, redundant: { type: 'string' },
      classes: { type: 'string' }, clusters: { type: 'string' }, 'class-sep': { type: 'string' }, 'flip-y': { type: 'string' },
      seed: { type: 'string' }, out: { type: 'string', short: 'o' }, help: { type: 'boolean', short: 'h' }
    },
    SYNTH_USAGE
  )
  if (values.help) return ctx.out(`Usage: ${SYNTH_USAGE}`)
  const out = str(values, 'out')
  if (!out) throw new UserError('usage', `--out FILE is required. Usage: ${SYNTH_USAGE}`)
  const r = makeClassification({
    samples: number(values, 'samples', { integer: true, min: 2 }) ?? 1000,
    features: number(values, 'features', { integer: true, min: 1 }) ?? 1000,
    informative: number(values, 'informative', { integer: true, min: 1 }) ?? 8,
    redundant: number(values, 'redundant', { integer: true, min: 0 }) ?? 0,
    repeated: 0,
    classes: number(values, 'classes', { integer: true, min: 2 }) ?? 2,
    clustersPerClass: number(values, 'clusters', { integer: true, min: 1 }) ?? 1,
    classSep: number(values, 'class-sep', { min: 0 }) ?? 0.8,
    flipY: number(values, 'flip-y', { min: 0, max: 1 }) ?? 0.01,
    seed: number(values, 'seed', { integer: true, min: 0 }) ?? 7
  })
  try {
    // Line by line: a 1000 × 10 000 file is ~110 MB of text, which need not sit in memory at once.
    const fd = openSync(out, 'w')
    try {
      let chunk = ''
      for (const line of synthCsvLines(r, {})) {
        chunk += line + '\n'
        if (chunk.length > 1 << 20) {
          writeSync(fd, chunk)
          chunk = ''
        }
      }
      writeSync(fd, chunk)
    } finally {
      closeSync(fd)
    }
  } catch (e) {
    throw new UserError('file-unwritable', `cannot write ${out}: ${(e as Error).message}`, { file: out })
  }
  ctx.err(`Wrote ${out}: ${r.n} samples × ${r.d} features (informative columns: ${r.informative.map((j) => 'f' + j).join(', ')})`)
}
