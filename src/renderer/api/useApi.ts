// The app's one ApiClient, provided at start; components reach it with useApi().

import { inject, onBeforeUnmount, type App, type InjectionKey } from 'vue'
import type { ApiEvent } from '../../shared/api'
import type { MenuEvent } from '../../shared/bridge'
import type { AppClient } from './client'

const KEY: InjectionKey<AppClient> = Symbol('ssae-api')

export function provideApi(app: App, client: AppClient): void {
  app.provide(KEY, client)
}

export function useApi(): AppClient {
  const client = inject(KEY)
  if (!client) throw new Error('useApi() called outside the app (no client provided).')
  return client
}

/** Subscribes for the component's lifetime. */
export function useApiEvents(listener: (e: ApiEvent) => void): void {
  const off = useApi().subscribe(listener)
  onBeforeUnmount(off)
}

export function useMenuEvents(listener: (e: MenuEvent) => void): void {
  const off = useApi().onMenu(listener)
  onBeforeUnmount(off)
}
