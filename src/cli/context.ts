// What every command needs: where output goes, where the app's files are, and the store's services.

import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { defaultDbPath } from '../main/paths'
import { createServices, type Services } from '../main/services'

export interface CliContext {
  out(text: string): void
  err(text: string): void
  appRoot(): string
  demoFile(): string
  version(): string
}

/** The folder holding package.json: two levels above out/main/cli.js, or above src/cli in development. */
export function findAppRoot(start: string = __dirname): string {
  let dir = resolve(start)
  for (;;) {
    const pkg = join(dir, 'package.json')
    if (existsSync(pkg)) {
      try {
        if (JSON.parse(readFileSync(pkg, 'utf8')).name === 'ssae-studio') return dir
      } catch {
        /* keep looking */
      }
    }
    const up = dirname(dir)
    if (up === dir) return resolve(start, '..', '..')
    dir = up
  }
}

export function defaultContext(): CliContext {
  let root: string | undefined
  const appRoot = () => (root ??= findAppRoot())
  return {
    out: (t) => process.stdout.write(t.endsWith('\n') ? t : t + '\n'),
    err: (t) => process.stderr.write(t.endsWith('\n') ? t : t + '\n'),
    appRoot,
    demoFile: () => join(appRoot(), 'resources', 'demo', 'breast_GC_D_MB.tiro.csv.gz'),
    version: () => JSON.parse(readFileSync(join(appRoot(), 'package.json'), 'utf8')).version as string
  }
}

export async function openServices(ctx: CliContext, db?: string): Promise<{ services: Services; dbPath: string }> {
  const dbPath = resolve(db ?? defaultDbPath())
  mkdirSync(dirname(dbPath), { recursive: true })
  const services = createServices({ dbPath, appVersion: ctx.version(), demoFile: ctx.demoFile() })
  return { services, dbPath }
}
