// What every command needs: where output goes, where the app's files are, and the store's services.

import { mkdirSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { defaultDbPath, findAppRoot } from '../main/paths'
import { createServices, type Services } from '../main/services'

export interface CliContext {
  out(text: string): void
  err(text: string): void
  appRoot(): string
  demoFile(): string
  version(): string
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
