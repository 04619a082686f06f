// Opens (creating if needed) the store: WAL so a reader never waits for the writer, foreign keys on,
// a busy timeout for a second process (the CLI beside the app), then forward migrations.

import { existsSync, mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import type { Database } from 'better-sqlite3'
import { UserError } from '../../core/types'
import { migrate, SCHEMA_VERSION } from './migrations'

export type { Database }

export function openDatabase(file: string): Database {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true })
  const existed = file !== ':memory:' && existsSync(file)
  let db: Database
  try {
    db = new BetterSqlite3(file)
  } catch (e) {
    throw new UserError('db-open', `Cannot open the database ${file}: ${(e as Error).message}.`, { file })
  }
  try {
    // Read the version before anything writes to the file (switching to WAL rewrites its header).
    let version: number
    try {
      version = db.pragma('user_version', { simple: true }) as number
    } catch (e) {
      throw new UserError(
        'db-invalid',
        `${file} is not an SSAE Studio database (${(e as Error).message}). Choose another database file.`,
        { file }
      )
    }
    if (version > SCHEMA_VERSION) {
      throw new UserError(
        'db-too-new',
        `The database was written by a newer SSAE Studio (schema ${version}, this version knows ${SCHEMA_VERSION}). ` +
          'Update the app or choose another database file.',
        { file }
      )
    }
    if (existed && version === 0) {
      const tables = db.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'`).get() as { n: number }
      if (tables.n > 0) {
        throw new UserError('db-invalid', `${file} is an SQLite file but not an SSAE Studio database. Choose another database file.`, { file })
      }
    }
    db.pragma('journal_mode = WAL')
    db.pragma('foreign_keys = ON')
    db.pragma('busy_timeout = 5000')
    db.pragma('synchronous = NORMAL')
    migrate(db)
    return db
  } catch (e) {
    db.close()
    throw e
  }
}
