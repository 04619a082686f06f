// Routes (hash history: works from file:// in Electron and from `ssae serve`). The run and compare pages
// belong to the results views; they are loaded lazily, and a placeholder stands in until they exist.

import { createRouter, createWebHashHistory, type RouteComponent, type RouteRecordRaw } from 'vue-router'

type Lazy = () => Promise<RouteComponent>
const resultsViews = import.meta.glob<RouteComponent>('./views/results/{RunView,CompareView}.vue')
const pending: Lazy = () => import('./views/PendingView.vue')

const routes: RouteRecordRaw[] = [
  { path: '/', redirect: '/datasets' },
  { path: '/datasets', name: 'datasets', component: () => import('./views/DatasetsView.vue'), meta: { title: 'Datasets' } },
  { path: '/import', name: 'import', component: () => import('./views/ImportView.vue'), meta: { title: 'Import dataset' } },
  { path: '/new', name: 'new', component: () => import('./views/NewAnalysisView.vue'), meta: { title: 'New analysis' } },
  { path: '/runs', name: 'runs', component: () => import('./views/RunsView.vue'), meta: { title: 'Runs' } },
  {
    path: '/runs/:id(\\d+)',
    name: 'run',
    component: (resultsViews['./views/results/RunView.vue'] as Lazy | undefined) ?? pending,
    props: true,
    meta: { title: 'Run' }
  },
  {
    path: '/compare',
    name: 'compare',
    component: (resultsViews['./views/results/CompareView.vue'] as Lazy | undefined) ?? pending,
    meta: { title: 'Compare' }
  },
  { path: '/:pathMatch(.*)*', name: 'not-found', component: () => import('./views/NotFoundView.vue'), meta: { title: 'Not found' } }
]

export const router = createRouter({
  history: createWebHashHistory(),
  routes,
  scrollBehavior: () => ({ top: 0 })
})

router.afterEach((to) => {
  const title = typeof to.meta.title === 'string' ? to.meta.title : ''
  const id = typeof to.params.id === 'string' ? ` ${to.params.id}` : ''
  document.title = title ? `${title}${to.name === 'run' ? id : ''} — SSAE Studio` : 'SSAE Studio'
})

// A lazy page that fails to load (the app was rebuilt or updated under an open browser tab) needs the
// new index: reload once rather than leave a half-rendered page.
router.onError((error: unknown, to) => {
  const text = error instanceof Error ? error.message : String(error)
  if (!/dynamically imported module|Unable to preload|Importing a module script failed/i.test(text)) return
  const key = 'ssae.reloadedFor'
  if (sessionStorage.getItem(key) === to.fullPath) return
  sessionStorage.setItem(key, to.fullPath)
  window.location.assign(`${window.location.pathname}${window.location.search}#${to.fullPath}`)
  window.location.reload()
})
