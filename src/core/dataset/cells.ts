// What a single cell means: a number, a missing value, or a label.

/** Spellings of "no value" (compared trimmed, case-insensitive). */
const MISSING_TOKENS = new Set(['', 'na', 'nan', 'n/a', '#n/a', 'null', '?'])

export function isMissingToken(text: string): boolean {
  if (text.length > 5) return false
  return MISSING_TOKENS.has(text.trim().toLowerCase())
}

/**
 * Reads a numeric cell. Returns the number, NaN for a missing value, or undefined when the cell is
 * neither (the caller reports it). Hex/binary/octal literals and infinities are not numbers here even
 * though JavaScript's Number() accepts them.
 */
export function readNumber(text: string, decimalComma: boolean): number | undefined {
  // Fast path for plain decimals of at most 15 digits ("-12.345"): the digits form an exact integer m and
  // m / 10^k is one correctly rounded division, so the result is exactly what Number(text) gives.
  const length = text.length
  let i = 0
  let c = text.charCodeAt(0)
  const negative = c === 45
  if (negative || c === 43) i = 1
  let mantissa = 0
  let digits = 0
  let fraction = 0
  let point = false
  for (; i < length; i++) {
    c = text.charCodeAt(i)
    if (c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48)
      digits++
      if (point) fraction++
    } else if (!point && (c === 46 || (c === 44 && decimalComma))) {
      point = true
    } else break
  }
  if (i === length && digits > 0 && digits <= 15) {
    const value = mantissa / POW10[fraction]
    return negative ? -value : value
  }
  return readNumberSlow(text, decimalComma)
}

const POW10 = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`))

function readNumberSlow(text: string, decimalComma: boolean): number | undefined {
  const value = Number(decimalComma && text.indexOf(',') >= 0 ? text.replace(',', '.') : text)
  if (value === value && value !== Infinity && value !== -Infinity) {
    if (value === 0 && text.trim().length === 0) return NaN // Number('') and Number(' ') are 0
    const c1 = text.charCodeAt(1) | 32 // lower-case the second character: 0x.. 0b.. 0o..
    if ((c1 === 120 || c1 === 98 || c1 === 111) && text.trim().charCodeAt(0) === 48) return undefined
    return value
  }
  if (isMissingToken(text)) return NaN
  return undefined
}

/** A label as stored: trimmed text, or null for an unlabelled sample. */
export function readLabel(text: string, unlabelledValue: string | undefined): string | null {
  const label = text.trim()
  if (isMissingToken(label)) return null
  if (unlabelledValue !== undefined && label === unlabelledValue.trim()) return null
  return label
}

/** Distinct labels in their stable order: numeric order when every label is a number, else natural text order. */
export function orderClasses(labels: Iterable<string | null>): string[] {
  const distinct = new Set<string>()
  for (const label of labels) if (label !== null) distinct.add(label)
  const classes = [...distinct]
  const allNumeric = classes.every((c) => c.trim() !== '' && Number.isFinite(Number(c)))
  if (allNumeric) {
    return classes.sort((a, b) => Number(a) - Number(b) || (a < b ? -1 : a > b ? 1 : 0))
  }
  const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'variant' })
  return classes.sort((a, b) => collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0))
}
