// From the bytes of a file to text the CSV reader can walk: gunzip, reject binaries, find the encoding.
import { gunzipSync } from 'node:zlib'
import { isUtf8 } from 'node:buffer'
import { datasetError } from './errors'

export interface DecodedBytes {
  /** The (decompressed) bytes, BOM excluded by `start`. */
  buf: Buffer
  start: number
  encoding: 'utf-8' | 'latin1'
  gzip: boolean
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}

/** 1-based line and column (in characters of the raw bytes) of a byte offset, for messages. */
export function positionOf(buf: Buffer, offset: number): { line: number; column: number } {
  let line = 1
  let lineStart = 0
  for (let i = buf.indexOf(10); i >= 0 && i < offset; i = buf.indexOf(10, i + 1)) {
    line++
    lineStart = i + 1
  }
  return { line, column: offset - lineStart + 1 }
}

export function decodeBytes(bytes: Uint8Array, file: string): DecodedBytes {
  let buf = asBuffer(bytes)
  if (buf.length === 0) throw datasetError('empty-file', file, 'the file is empty (0 bytes).')
  let gzip = false
  if (buf[0] === 0x1f && buf[1] === 0x8b) {
    try {
      buf = gunzipSync(buf)
    } catch (err) {
      throw datasetError('bad-gzip', file, `the file starts like a gzip archive but cannot be decompressed (${(err as Error).message}). It may be truncated: download or copy it again.`)
    }
    gzip = true
    if (buf.length === 0) throw datasetError('empty-file', file, 'the gzip archive holds an empty file.')
  }
  if (buf[0] === 0x50 && buf[1] === 0x4b && buf[2] === 0x03 && buf[3] === 0x04) {
    throw datasetError('binary-file', file, 'this is a ZIP archive (an Excel .xlsx workbook is one), not a text table. Save the sheet as CSV (comma or semicolon separated) and import that file.')
  }
  if (buf[0] === 0xd0 && buf[1] === 0xcf && buf[2] === 0x11 && buf[3] === 0xe0) {
    throw datasetError('binary-file', file, 'this is an old Excel/Office binary file, not a text table. Save the sheet as CSV and import that file.')
  }
  if ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff)) {
    throw datasetError('unsupported-encoding', file, 'the text is encoded as UTF-16. Save it as UTF-8 (or "CSV UTF-8" in Excel) and import it again.')
  }
  const nul = buf.indexOf(0)
  if (nul >= 0) {
    const at = positionOf(buf, nul)
    throw datasetError('binary-file', file, 'the file contains a NUL byte: it is a binary file, not a text table (CSV, TSV or TIRO).', at)
  }
  // Control characters other than tab, CR, LF and form feed are rare in text and common in binaries.
  const probe = Math.min(buf.length, 65536)
  let control = 0
  let firstControl = -1
  for (let i = 0; i < probe; i++) {
    const b = buf[i]
    if (b < 32 && b !== 9 && b !== 10 && b !== 13 && b !== 12) {
      control++
      if (firstControl < 0) firstControl = i
    }
  }
  if (control > 0 && control >= probe * 0.01) {
    throw datasetError('binary-file', file, `the file contains ${control} control characters in its first ${probe} bytes: it is a binary file, not a text table.`, positionOf(buf, firstControl))
  }
  let start = 0
  let encoding: 'utf-8' | 'latin1'
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
    start = 3
    encoding = 'utf-8'
  } else {
    // Not valid UTF-8: the lab's files are ISO-8859-1 (latin1), where every byte is a character.
    encoding = isUtf8(buf) ? 'utf-8' : 'latin1'
  }
  let firstText = start
  while (firstText < buf.length && (buf[firstText] === 32 || (buf[firstText] >= 9 && buf[firstText] <= 13))) firstText++
  if (firstText === buf.length) throw datasetError('empty-file', file, 'the file holds no text (only blanks or line breaks).')
  return { buf, start, encoding, gzip }
}
