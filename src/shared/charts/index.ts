// Figure definitions shared by the run page, Compare and the HTML report: pure functions of API data
// that return ECharts options, so each figure is defined once.
export * from './palette'
export * from './format'
export * from './pca'
export * from './latent'
export * from './confidence'
export * from './biomarkers'
export * from './weightMap'
export * from './losses'
export * from './roc'
