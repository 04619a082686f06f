// The renderer restates the paper preset (it may import only types from core): it must equal core's.
import { describe, expect, it } from 'vitest'
import { PAPER_PRESET as core } from '../../../src/core/types'
import { PAPER_PRESET as renderer } from '../../../src/renderer/utils/paperPreset'

describe('paper preset', () => {
  it('is the same in the renderer and in core', () => {
    expect(renderer).toEqual(core)
  })
})
