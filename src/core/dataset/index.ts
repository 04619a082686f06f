// Dataset import: CSV, TSV and the lab's TIRO format, plain or gzip → Dataset / DatasetPreview.
export { parseDataset } from './parse'
export { previewDataset } from './preview'
export { recommendPreprocess } from './recommend'
export { classIndices } from './classes'
export { serializeDataset, formatFloat32 } from './serialize'
export { DATASET_ERROR_CODES, type DatasetErrorCode } from './errors'
export { LABEL_NAMES } from './layout'
