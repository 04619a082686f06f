// Forward-only schema migrations. The schema version is SQLite's PRAGMA user_version; migration i
// (1-based) takes a database from version i-1 to i. Never edit a released migration: append one.
// test/unit/store/schema/ keeps a copy of each version's DDL so upgrades are tested from every version.

import type { Database } from 'better-sqlite3'

export interface Migration {
  version: number
  description: string
  up: (db: Database) => void
}

/** Version 1: datasets copied into the store, runs, and per-method results. Blobs sit last in each row
 * so listing (which reads only the leading small columns) never walks a blob's overflow pages. */
const V1_DDL = `
CREATE TABLE datasets (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  file_name TEXT NOT NULL,
  hash TEXT NOT NULL,
  format TEXT NOT NULL CHECK (format IN ('csv', 'tsv', 'tiro')),
  orientation TEXT NOT NULL CHECK (orientation IN ('rows', 'columns')),
  orientation_reason TEXT NOT NULL,
  delimiter TEXT NOT NULL,
  decimal TEXT NOT NULL,
  encoding TEXT NOT NULL,
  label_name TEXT NOT NULL,
  import_options TEXT NOT NULL,
  n_samples INTEGER NOT NULL,
  n_features INTEGER NOT NULL,
  classes TEXT NOT NULL,
  class_counts TEXT NOT NULL,
  unlabelled INTEGER NOT NULL,
  imported_at TEXT NOT NULL,
  original_size INTEGER NOT NULL,
  original_gzipped INTEGER NOT NULL CHECK (original_gzipped IN (0, 1)),
  missing TEXT NOT NULL,
  preview TEXT NOT NULL,
  sample_ids TEXT NOT NULL,
  labels TEXT NOT NULL,
  feature_names TEXT NOT NULL,
  x BLOB NOT NULL,
  original_gz BLOB NOT NULL,
  UNIQUE (hash, import_options)
);
CREATE INDEX datasets_by_date ON datasets (imported_at);

CREATE TABLE runs (
  id INTEGER PRIMARY KEY,
  dataset_id INTEGER NOT NULL REFERENCES datasets (id) ON DELETE RESTRICT,
  label TEXT,
  status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed', 'cancelled', 'interrupted')),
  error TEXT,
  methods TEXT NOT NULL,
  seed INTEGER NOT NULL,
  backend TEXT,
  app_version TEXT NOT NULL,
  created_at TEXT NOT NULL,
  started_at TEXT,
  finished_at TEXT,
  seconds REAL,
  key_metrics TEXT,
  config TEXT NOT NULL,
  classes TEXT,
  split_mode TEXT,
  split_seed INTEGER,
  split_fraction REAL,
  preprocess TEXT,
  timings TEXT,
  roles BLOB,
  y_train BLOB,
  y_true BLOB,
  preprocess_mean BLOB,
  preprocess_sd BLOB
);
CREATE INDEX runs_by_dataset_date ON runs (dataset_id, created_at);
CREATE INDEX runs_by_date ON runs (created_at);
CREATE INDEX runs_by_status ON runs (status);

CREATE TABLE run_methods (
  run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  method TEXT NOT NULL CHECK (method IN ('ssae', 'fcnn', 'labelprop', 'labelspread')),
  position INTEGER NOT NULL,
  seconds REAL NOT NULL,
  backend TEXT,
  eta REAL,
  eta_requested REAL,
  target_features INTEGER,
  mask_density REAL,
  weights_rows INTEGER,
  weights_cols INTEGER,
  metrics TEXT,
  descent1 TEXT,
  graph TEXT,
  warnings TEXT,
  roc TEXT,
  losses TEXT,
  selected TEXT,
  predicted BLOB NOT NULL,
  proba BLOB NOT NULL,
  latent BLOB,
  weights_columns BLOB,
  weights BLOB,
  PRIMARY KEY (run_id, method)
);
`

export const MIGRATIONS: Migration[] = [
  { version: 1, description: 'datasets, runs, run_methods', up: (db) => db.exec(V1_DDL) }
]

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version

/** Runs every migration above the database's version, each in its own transaction with its version bump. */
export function migrate(db: Database, target = SCHEMA_VERSION): number {
  let version = db.pragma('user_version', { simple: true }) as number
  for (const m of MIGRATIONS) {
    if (m.version <= version || m.version > target) continue
    if (m.version !== version + 1) throw new Error(`Migration ${m.version} cannot follow schema version ${version}`)
    db.transaction(() => {
      m.up(db)
      db.pragma(`user_version = ${m.version}`)
    })()
    version = m.version
  }
  return version
}
