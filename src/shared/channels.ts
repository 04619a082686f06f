// The one list of API channels, in a fixed order. Transports refuse anything not in it and the preload
// exposes exactly these; a unit test checks it equals keyof ApiMap, so adding a channel to the contract
// without adding it here fails the type check.

import type { Channel } from './api'

export const CHANNELS = [
  'app.info',
  'datasets.preview',
  'datasets.import',
  'datasets.importDemo',
  'datasets.list',
  'datasets.get',
  'datasets.delete',
  'datasets.preprocessPreview',
  'datasets.splitPreview',
  'runs.start',
  'runs.cancel',
  'runs.list',
  'runs.get',
  'runs.weights',
  'runs.features',
  'runs.delete',
  'runs.compare',
  'exports.features',
  'exports.predictions',
  'exports.dataset',
  'exports.report'
] as const satisfies readonly Channel[]

type Listed = (typeof CHANNELS)[number]
/** Compile-time proof that the list is complete: every contract channel is listed. */
type Missing = Exclude<Channel, Listed>
export const CHANNELS_COMPLETE: [Missing] extends [never] ? true : Missing = true

const channelSet: ReadonlySet<string> = new Set(CHANNELS)

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && channelSet.has(value)
}

/** IPC channel names used between preload and main (not API channels). */
export const IPC_INVOKE = 'api'
export const IPC_EVENT = 'api-event'
