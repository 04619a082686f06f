// `ssae serve`: the app in a browser, on this machine only (127.0.0.1, a random token per start).

import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { startHttpServer } from '../../main/http/server'
import { UserError } from '../../core/types'
import { number, parse, str } from '../args'
import { openServices, type CliContext } from '../context'

export const SERVE_USAGE = 'ssae serve [--port N] [--db FILE] [--open]'

function openBrowser(url: string): void {
  const cmd = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'cmd' : 'xdg-open'
  const args = process.platform === 'win32' ? ['/c', 'start', '', url] : [url]
  const child = spawn(cmd, args, { stdio: 'ignore', detached: true })
  child.on('error', () => undefined)
  child.unref()
}

export async function serve(ctx: CliContext, argv: string[]): Promise<void> {
  const { values } = parse(argv, { port: { type: 'string' }, db: { type: 'string' }, open: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, SERVE_USAGE)
  if (values.help) return ctx.out(`Usage: ${SERVE_USAGE}`)
  const staticDir = join(ctx.appRoot(), 'out', 'renderer')
  if (!existsSync(join(staticDir, 'index.html'))) {
    throw new UserError('not-built', `the app's pages are not built (${staticDir} is missing). Run \`npm run build\` first.`)
  }
  const { services, dbPath } = await openServices(ctx, str(values, 'db'))
  const server = await startHttpServer({ services, port: number(values, 'port', { integer: true, min: 0, max: 65535 }) ?? 0, staticDir })
  ctx.out(`SSAE Studio is running at ${server.url}  (database: ${dbPath}; Ctrl+C to stop)`)
  if (values.open) openBrowser(server.url)
  await new Promise<void>((resolve) => {
    const stop = () => resolve()
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
  })
  await server.close()
  await services.close()
}
