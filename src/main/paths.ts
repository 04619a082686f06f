// Where the app keeps its files: the same per-user folder Electron's app.getPath('userData') gives for
// productName 'SSAE Studio', so the CLI and the app share one store by default.

import { existsSync, readFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { dirname, join, resolve } from 'node:path'

export const APP_NAME = 'SSAE Studio'
export const DB_FILE_NAME = 'ssae-studio.sqlite'

export function defaultDataDir(
  appName = APP_NAME,
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir()
): string {
  if (platform === 'win32') return join(env.APPDATA || join(home, 'AppData', 'Roaming'), appName)
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', appName)
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), appName)
}

/** SSAE_DB overrides; else <data dir>/ssae-studio.sqlite. */
export function defaultDbPath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.SSAE_DB) return resolve(env.SSAE_DB)
  return join(defaultDataDir(APP_NAME, env), DB_FILE_NAME)
}

/** The folder holding the app's package.json (name 'ssae-studio'), searched upwards from `start`. */
export function findAppRoot(start: string = __dirname): string {
  let dir = resolve(start)
  for (;;) {
    const pkg = join(dir, 'package.json')
    if (existsSync(pkg)) {
      try {
        if (JSON.parse(readFileSync(pkg, 'utf8')).name === 'ssae-studio') return dir
      } catch {
        // not ours; keep looking
      }
    }
    const up = dirname(dir)
    if (up === dir) return process.cwd()
    dir = up
  }
}
