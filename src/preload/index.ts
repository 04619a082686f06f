// Preload (sandboxed): exposes the typed API as window.ssae and nothing else.
import { contextBridge, ipcRenderer } from 'electron'
import { createPreloadApi } from './api'

contextBridge.exposeInMainWorld('ssae', createPreloadApi(ipcRenderer, process.platform))
