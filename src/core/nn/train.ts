// One descent: Adam over shuffled batches of labelled samples for a number of epochs, with per-epoch losses,
// cancellation between batches and no tensor left behind.
import * as tf from '@tensorflow/tfjs-core'
import { CancelledError, UserError, type EpochLoss } from '../types'
import type { Rng } from '../random'
import { Adam } from './adam'
import type { Network } from './network'

export interface DescentOptions {
  descent: 1 | 2
  epochs: number
  batchSize: number
  lr: number
  /** Indices of the labelled samples (the only ones trained on). */
  labelled: Int32Array
  /** Draws each epoch's batch order. */
  shuffle: Rng
  signal?: AbortSignal
  onEpoch?: (e: { descent: 1 | 2; epoch: number; epochs: number; loss: number; classification: number; reconstruction: number }) => void
}

/** Lets a pending abort (a message, a timer) run: the tfjs kernels are synchronous. */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve))
}

export async function trainDescent(net: Network, opts: DescentOptions): Promise<EpochLoss[]> {
  const { epochs, batchSize, descent } = opts
  const losses: EpochLoss[] = []
  const adam = new Adam(net.variables, { lr: opts.lr, beta1: 0.9, beta2: 0.999, eps: 1e-8 })
  const order = Int32Array.from(opts.labelled)
  try {
    for (let epoch = 1; epoch <= epochs; epoch++) {
      opts.shuffle.shuffle(order)
      // Running sums stay on the backend; read once per epoch (a read per batch stalls the pipeline).
      let sums: tf.Tensor1D = tf.zeros([3])
      try {
        for (let start = 0; start < order.length; start += batchSize) {
          await yieldToEventLoop()
          if (opts.signal?.aborted) throw new CancelledError()
          const rows = order.subarray(start, Math.min(start + batchSize, order.length))
          const { loss, grads } = net.lossAndGrads(rows)
          try {
            adam.apply(grads)
            const next = tf.tidy(() => tf.add(sums, tf.stack([loss.total, loss.classification, loss.reconstruction]))) as tf.Tensor1D
            sums.dispose()
            sums = next
          } finally {
            tf.dispose(grads)
            tf.dispose([loss.total, loss.classification, loss.reconstruction])
          }
        }
        const [total, classification, reconstruction] = Array.from(await sums.data())
        if (!Number.isFinite(total)) {
          throw new UserError(
            'training-diverged',
            `Training diverged in descent ${descent}, epoch ${epoch} (the loss is not a finite number). ` +
              'Lower the learning rate, or check the data for extreme values (log-transform or scale it).'
          )
        }
        const row: EpochLoss = { descent, epoch, total, classification, reconstruction }
        losses.push(row)
        opts.onEpoch?.({ descent, epoch, epochs, loss: total, classification, reconstruction })
      } finally {
        sums.dispose()
      }
    }
  } finally {
    adam.dispose()
  }
  return losses
}
