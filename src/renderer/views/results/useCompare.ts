// Loading a comparison: the service's Comparison plus each run's detail (for the latent and confidence
// figures side by side).
import { ref, shallowRef } from 'vue'
import type { ApiError, Comparison, RunDetail, RunSummary } from '../../../shared/api'
import { asApiError } from '../../api/client'
import { useApi } from '../../api/useApi'

export const MAX_COMPARED = 4

export function useCompare() {
  const api = useApi()
  const runs = shallowRef<RunSummary[]>([])
  const comparison = shallowRef<Comparison | null>(null)
  const details = shallowRef<RunDetail[]>([])
  const error = ref<ApiError | null>(null)
  const loading = ref(false)

  async function loadRuns(): Promise<void> {
    try {
      runs.value = (await api.call('runs.list', {})).filter((r) => r.status === 'done')
    } catch (e) {
      error.value = asApiError(e)
    }
  }

  let ticket = 0
  async function compare(ids: number[]): Promise<void> {
    const mine = ++ticket
    comparison.value = null
    details.value = []
    error.value = null
    if (ids.length < 2) return
    loading.value = true
    try {
      const [c, ...d] = await Promise.all([api.call('runs.compare', { ids }), ...ids.map((id) => api.call('runs.get', { id }))])
      if (mine !== ticket) return
      comparison.value = c
      details.value = d
    } catch (e) {
      if (mine === ticket) error.value = asApiError(e)
    } finally {
      if (mine === ticket) loading.value = false
    }
  }

  return { runs, comparison, details, error, loading, loadRuns, compare }
}
