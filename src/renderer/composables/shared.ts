// The little state that really is shared between pages: a file handed over by the native menu, a
// dataset just imported, and the app-wide snackbar.

import { reactive, shallowRef } from 'vue'
import type { FilePayload } from '../../shared/api'

/** A file chosen in Electron's native dialog, waiting for the import wizard. */
export const pendingFile = shallowRef<FilePayload | null>(null)

export const snackbar = reactive({ show: false, text: '', color: 'success' as 'success' | 'error' | 'info' })

export function notify(text: string, color: 'success' | 'error' | 'info' = 'success'): void {
  snackbar.text = text
  snackbar.color = color
  snackbar.show = true
}
