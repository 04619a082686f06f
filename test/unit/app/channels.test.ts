// The channel list every transport and the preload rely on equals the contract's channel map.
import { describe, expect, it } from 'vitest'
import type { Channel } from '../../../src/shared/api'
import { CHANNELS, CHANNELS_COMPLETE, isChannel } from '../../../src/shared/channels'
import { requestSchemas } from '../../../src/main/transport/schemas'

// Type-level pins: every listed name is a contract channel, and every contract channel is listed.
type Listed = (typeof CHANNELS)[number]
const listedAreChannels: [Listed] extends [Channel] ? true : false = true
const channelsAreListed: [Channel] extends [Listed] ? true : false = true

describe('CHANNELS', () => {
  it('is complete at compile time and has no duplicates', () => {
    expect(CHANNELS_COMPLETE).toBe(true)
    expect(listedAreChannels && channelsAreListed).toBe(true)
    expect(new Set(CHANNELS).size).toBe(CHANNELS.length)
  })

  it('has exactly one request schema per channel', () => {
    expect(Object.keys(requestSchemas).sort()).toEqual([...CHANNELS].sort())
  })

  it('pins the exposed surface (a new channel must be added here on purpose)', () => {
    expect([...CHANNELS]).toEqual([
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
    ])
  })

  it('isChannel accepts listed names only', () => {
    expect(isChannel('runs.list')).toBe(true)
    expect(isChannel('runs.list ')).toBe(false)
    expect(isChannel('__proto__')).toBe(false)
    expect(isChannel('constructor')).toBe(false)
    expect(isChannel(42)).toBe(false)
  })
})
