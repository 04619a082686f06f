// Vuetify with the app's two themes and SVG icons (@mdi/js): nothing is fetched from the network.

import 'vuetify/styles'
import { createVuetify } from 'vuetify'
import { aliases, mdi } from 'vuetify/iconsets/mdi-svg'

export const THEME_KEY = 'ssae.theme'

export function savedTheme(): 'light' | 'dark' {
  try {
    const t = localStorage.getItem(THEME_KEY)
    if (t === 'light' || t === 'dark') return t
  } catch {
    /* storage unavailable: fall through */
  }
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light'
}

export const vuetify = createVuetify({
  icons: { defaultSet: 'mdi', aliases, sets: { mdi } },
  theme: {
    defaultTheme: savedTheme(),
    themes: {
      light: {
        dark: false,
        colors: {
          background: '#f5f6fa',
          surface: '#ffffff',
          'surface-variant': '#eef0f7',
          primary: '#3949ab',
          secondary: '#00897b',
          accent: '#7e57c2',
          info: '#1e88e5',
          success: '#2e7d32',
          warning: '#ef6c00',
          error: '#c62828'
        }
      },
      dark: {
        dark: true,
        colors: {
          background: '#111319',
          surface: '#1a1d25',
          'surface-variant': '#252a35',
          primary: '#8c9eff',
          secondary: '#4db6ac',
          accent: '#b39ddb',
          info: '#64b5f6',
          success: '#66bb6a',
          warning: '#ffa726',
          error: '#ef5350'
        }
      }
    }
  },
  defaults: {
    VCard: { rounded: 'lg' },
    VBtn: { rounded: 'lg' },
    VTextField: { variant: 'outlined', density: 'comfortable' },
    VSelect: { variant: 'outlined', density: 'comfortable' },
    VAlert: { rounded: 'lg' }
  }
})
