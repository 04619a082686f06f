// Schema migrations on real database files: from empty, from every earlier version (each version's DDL is
// kept in ./schema/vN.sql), and refusal of a newer schema without touching the file.

import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { UserError } from '../../../src/core/types'
import { openDatabase } from '../../../src/main/store/db'
import { MIGRATIONS, SCHEMA_VERSION } from '../../../src/main/store/migrations'
import { dumpSchema, tempDir } from './helpers'

const schemaOf = (version: number): string => readFileSync(join(__dirname, 'schema', `v${version}.sql`), 'utf8')

let dir: string
let cleanup: () => void
beforeEach(() => ({ dir, cleanup } = tempDir()))
afterEach(() => cleanup())

describe('migrations', () => {
  it('are numbered 1, 2, … without gaps, and a DDL snapshot is kept for each version', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1))
    for (const m of MIGRATIONS) expect(schemaOf(m.version).length).toBeGreaterThan(0)
  })

  it('creates the latest schema on an empty file, with WAL and foreign keys on', () => {
    const db = openDatabase(join(dir, 'sub', 'new.sqlite'))
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION)
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000)
    // The snapshot of the latest version is what the migrations produce: editing a released migration fails here.
    expect(dumpSchema(db)).toBe(schemaOf(SCHEMA_VERSION))
    db.close()
  })

  for (let from = 1; from <= SCHEMA_VERSION; from++) {
    it(`upgrades a version-${from} database to version ${SCHEMA_VERSION}, keeping its rows`, () => {
      const file = join(dir, `v${from}.sqlite`)
      const old = new BetterSqlite3(file)
      old.exec(schemaOf(from))
      old.pragma(`user_version = ${from}`)
      old.exec(`CREATE TABLE keep_me (x INTEGER); INSERT INTO keep_me VALUES (42);`)
      old.close()
      const db = openDatabase(file)
      expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION)
      expect(db.prepare('SELECT x FROM keep_me').get()).toEqual({ x: 42 })
      db.exec('DROP TABLE keep_me')
      expect(dumpSchema(db)).toBe(schemaOf(SCHEMA_VERSION))
      db.close()
      // Re-opening is a no-op.
      const again = openDatabase(file)
      expect(again.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION)
      again.close()
    })
  }

  it('refuses a database written by a newer version, without altering it', () => {
    const file = join(dir, 'newer.sqlite')
    const newer = new BetterSqlite3(file)
    newer.exec('CREATE TABLE future (x)')
    newer.pragma('user_version = 7')
    newer.close()
    const before = readFileSync(file)
    let error: unknown
    try {
      openDatabase(file)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(UserError)
    expect((error as UserError).code).toBe('db-too-new')
    expect((error as UserError).message).toBe(
      `The database was written by a newer SSAE Studio (schema 7, this version knows ${SCHEMA_VERSION}). Update the app or choose another database file.`
    )
    expect(readFileSync(file).equals(before)).toBe(true)
  })

  it('refuses a file that is not a database, and an SQLite file of another application', () => {
    const junk = join(dir, 'junk.sqlite')
    writeFileSync(junk, 'this is not a database, just some text long enough to have a header '.repeat(20))
    expect(() => openDatabase(junk)).toThrow(/not an SSAE Studio database/)
    const other = join(dir, 'other.sqlite')
    const o = new BetterSqlite3(other)
    o.exec('CREATE TABLE invoices (id INTEGER)')
    o.close()
    expect(() => openDatabase(other)).toThrow(/not an SSAE Studio database/)
  })
})
