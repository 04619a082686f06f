// Small HTML builders for the report (escaped text, tables).
import { escapeHtml } from '../../shared/charts'

export const esc = escapeHtml

/** A table; cells are text (escaped) unless given as { html }. */
export type Cell = string | number | { html: string; className?: string }

export function table(head: string[], rows: Cell[][], className = ''): string {
  const cell = (c: Cell, tag: 'td' | 'th'): string =>
    typeof c === 'object'
      ? `<${tag}${c.className ? ` class="${c.className}"` : ''}>${c.html}</${tag}>`
      : `<${tag}${typeof c === 'number' ? ' class="num"' : ''}>${esc(String(c))}</${tag}>`
  return (
    `<table class="${className}"><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead>` +
    `<tbody>${rows.map((r) => `<tr>${r.map((c) => cell(c, 'td')).join('')}</tr>`).join('')}</tbody></table>`
  )
}

/** Two-column key/value table without a header row. */
export function kvTable(rows: [string, Cell][]): string {
  const cell = (c: Cell): string => (typeof c === 'object' ? `<td>${c.html}</td>` : `<td>${esc(String(c))}</td>`)
  return `<table class="kv"><tbody>${rows.map(([k, v]) => `<tr><th scope="row">${esc(k)}</th>${cell(v)}</tr>`).join('')}</tbody></table>`
}

export function section(id: string, title: string, body: string): string {
  return `<section id="${id}"><h2>${esc(title)}</h2>${body}</section>`
}

export function figure(svg: string, caption: string): string {
  return `<figure>${svg}<figcaption>${esc(caption)}</figcaption></figure>`
}

export const STYLE = `
:root { color-scheme: light; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; color: #1f2328;
  max-width: 1100px; margin: 0 auto; padding: 24px 32px 64px; background: #fff; }
h1 { font-size: 24px; margin: 0 0 4px; } h2 { font-size: 19px; border-bottom: 1px solid #d0d7de; padding-bottom: 4px;
  margin-top: 36px; } h3 { font-size: 15px; margin: 20px 0 6px; }
.sub { color: #57606a; margin: 0; }
nav { margin: 16px 0; padding: 8px 12px; background: #f6f8fa; border-radius: 6px; }
nav a { margin-right: 14px; color: #0969da; text-decoration: none; }
table { border-collapse: collapse; margin: 8px 0 12px; font-size: 13px; }
th, td { border: 1px solid #d0d7de; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f6f8fa; font-weight: 600; }
table.kv th { font-weight: 500; white-space: nowrap; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.diff { background: #fff8c5; }
td.cm-diag { background: #dafbe1; font-weight: 600; }
.note { background: #ddf4ff; border-left: 4px solid #54aeff; padding: 8px 12px; margin: 8px 0; }
.warn { background: #fff8c5; border-left: 4px solid #d4a72c; padding: 8px 12px; margin: 8px 0; }
figure { margin: 12px 0 20px; } figure svg { max-width: 100%; height: auto; }
figcaption { color: #57606a; font-size: 12px; margin-top: 4px; }
.cms { display: flex; flex-wrap: wrap; gap: 24px; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; word-break: break-all; }
@media print { nav { display: none; } section { break-inside: avoid-page; } }
`
