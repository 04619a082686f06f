// The `ssae` command: the same pipeline and store as the app, from a terminal.
// Errors a person can fix: exit code 2, one line on stderr, nothing on stdout.

import { CancelledError, UserError } from '../core/types'
import { datasets, exportCommand, reportCommand, runs, DATASETS_USAGE, EXPORT_USAGE, REPORT_USAGE, RUNS_USAGE } from './commands/store'
import { demo, run, RUN_USAGE, DEMO_USAGE } from './commands/run'
import { serve, SERVE_USAGE } from './commands/serve'
import { synth, SYNTH_USAGE } from './commands/synth'
import { defaultContext, type CliContext } from './context'

const COMMANDS: Record<string, (ctx: CliContext, argv: string[]) => Promise<void>> = {
  run, demo, synth, serve, datasets, runs, export: exportCommand, report: reportCommand
}

export const HELP = `SSAE Studio — semi-supervised classification of omics samples with a supervised autoencoder.

Usage:
  ${RUN_USAGE}
  ${DEMO_USAGE}
  ${SYNTH_USAGE}
  ${DATASETS_USAGE}
  ${RUNS_USAGE}
  ${EXPORT_USAGE}
  ${REPORT_USAGE}
  ${SERVE_USAGE}

Runs are stored in the app's database (the same one the desktop app uses) unless --no-store is given;
--db FILE chooses another database. \`ssae COMMAND --help\` shows one command.`

export function errorLine(e: unknown): string {
  if (e instanceof UserError) {
    const where = [e.file, e.line !== undefined ? `line ${e.line}` : '', e.column !== undefined ? `column ${e.column}` : ''].filter(Boolean).join(', ')
    const msg = e.message.replace(/\s+/g, ' ').trim()
    return `ssae: ${where && !msg.includes(`line ${e.line}`) ? `${where}: ` : ''}${msg}`
  }
  if (e instanceof CancelledError) return 'ssae: cancelled.'
  const err = e as Error
  return `ssae: internal error: ${err?.message ?? String(e)} (please report this with the command you ran)`
}

export async function main(argv: string[], ctx: CliContext = defaultContext()): Promise<number> {
  const [command, ...rest] = argv
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    ctx.out(HELP)
    return 0
  }
  if (command === '--version' || command === '-v') {
    ctx.out(ctx.version())
    return 0
  }
  const handler = COMMANDS[command]
  try {
    if (!handler) throw new UserError('usage', `unknown command "${command}". Commands: ${Object.keys(COMMANDS).join(', ')}. See \`ssae --help\`.`)
    await handler(ctx, rest)
    return 0
  } catch (e) {
    ctx.err(errorLine(e))
    if (!(e instanceof UserError) && !(e instanceof CancelledError) && process.env.SSAE_DEBUG) ctx.err(String((e as Error)?.stack))
    return e instanceof CancelledError ? 130 : 2
  }
}

// `node out/main/cli.js …` runs directly; bin/ssae.cjs calls main() itself.
if (require.main === module) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code
  })
}
