// Command-line options: node's parseArgs with messages a person can act on, and typed readers.

import { parseArgs, type ParseArgsConfig } from 'node:util'
import { UserError } from '../core/types'

export type OptionSpec = NonNullable<ParseArgsConfig['options']>
export type Values = Record<string, string | boolean | undefined>

export function parse(argv: string[], options: OptionSpec, usage: string): { values: Values; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({ args: argv, options, allowPositionals: true, strict: true })
    return { values: values as Values, positionals }
  } catch (e) {
    const msg = (e as Error).message.replace(/\. To specify a positional argument.*$/s, '').replace(/^Unknown option/, 'unknown option')
    throw new UserError('usage', `${msg}. Usage: ${usage}`)
  }
}

export function str(values: Values, name: string): string | undefined {
  const v = values[name]
  return typeof v === 'string' ? v : undefined
}

export function number(values: Values, name: string, { integer = false, min, max }: { integer?: boolean; min?: number; max?: number } = {}): number | undefined {
  const raw = str(values, name)
  if (raw === undefined) return undefined
  const v = Number(raw)
  if (raw.trim() === '' || !Number.isFinite(v)) throw new UserError('usage', `--${name} expects a number, got "${raw}".`)
  if (integer && !Number.isInteger(v)) throw new UserError('usage', `--${name} expects a whole number, got "${raw}".`)
  if (min !== undefined && v < min) throw new UserError('usage', `--${name} must be at least ${min}, got ${raw}.`)
  if (max !== undefined && v > max) throw new UserError('usage', `--${name} must be at most ${max}, got ${raw}.`)
  return v
}

export function choice<T extends string>(values: Values, name: string, allowed: readonly T[]): T | undefined {
  const raw = str(values, name)
  if (raw === undefined) return undefined
  if (!allowed.includes(raw as T)) throw new UserError('usage', `--${name} expects one of ${allowed.join(', ')}, got "${raw}".`)
  return raw as T
}

export function list<T extends string>(values: Values, name: string, allowed: readonly T[]): T[] | undefined {
  const raw = str(values, name)
  if (raw === undefined) return undefined
  const items = raw.split(',').map((s) => s.trim()).filter(Boolean)
  if (items.length === 0) throw new UserError('usage', `--${name} expects a comma-separated list of ${allowed.join(', ')}.`)
  for (const it of items) {
    if (!allowed.includes(it as T)) throw new UserError('usage', `--${name}: unknown value "${it}"; choose among ${allowed.join(', ')}.`)
  }
  return [...new Set(items)] as T[]
}

export function id(positionals: string[], at: number, what: string, usage: string): number {
  const raw = positionals[at]
  if (raw === undefined) throw new UserError('usage', `missing ${what}. Usage: ${usage}`)
  const v = Number(raw)
  if (!Number.isInteger(v) || v < 1) throw new UserError('usage', `${what} must be a positive whole number, got "${raw}".`)
  return v
}
