// Loading one run for the run page: the detail at once, the weight map and feature statistics when
// their tab is first opened (they are the large parts).
import { ref, shallowRef, type Ref } from 'vue'
import type { ApiError, FeatureStats, RunDetail, WeightMap } from '../../../shared/api'
import { asApiError } from '../../api/client'
import { useApi } from '../../api/useApi'

/** Heat-map columns asked of the service: about one per two pixels of a wide chart; beyond that a screen shows no more. */
export const WEIGHT_MAP_COLUMNS = 400

export function useRun(id: Ref<number>) {
  const api = useApi()
  const detail = shallowRef<RunDetail | null>(null)
  const weights = shallowRef<WeightMap | null>(null)
  const features = shallowRef<FeatureStats[] | null>(null)
  const error = ref<ApiError | null>(null)
  const loading = ref(false)
  const weightsError = ref<ApiError | null>(null)
  const featuresError = ref<ApiError | null>(null)
  let loadingWeights: Promise<void> | null = null
  let loadingFeatures: Promise<void> | null = null

  async function load(): Promise<void> {
    loading.value = true
    error.value = null
    detail.value = weights.value = features.value = null
    loadingWeights = loadingFeatures = null
    try {
      detail.value = await api.call('runs.get', { id: id.value })
    } catch (e) {
      error.value = asApiError(e)
    } finally {
      loading.value = false
    }
  }

  function loadWeights(): Promise<void> {
    loadingWeights ??= api
      .call('runs.weights', { id: id.value, maxColumns: WEIGHT_MAP_COLUMNS })
      .then((w) => void (weights.value = w))
      .catch((e) => void (weightsError.value = asApiError(e)))
    return loadingWeights
  }

  function loadFeatures(): Promise<void> {
    loadingFeatures ??= api
      .call('runs.features', { id: id.value })
      .then((f) => void (features.value = f))
      .catch((e) => void (featuresError.value = asApiError(e)))
    return loadingFeatures
  }

  return { detail, weights, features, error, loading, weightsError, featuresError, load, loadWeights, loadFeatures }
}
