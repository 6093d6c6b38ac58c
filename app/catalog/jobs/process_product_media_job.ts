import { Job } from '@rlanz/bull-queue'
import { markMediaFailed, processProductMedia } from '../services/media_processing.js'

interface Payload {
  tenantId: string
  mediaId: string
}

/** Makes a product image's sizes; unique per image (its job id), safe to run twice */
export default class ProcessProductMediaJob extends Job {
  static get $$filepath() {
    return import.meta.url
  }

  async handle({ tenantId, mediaId }: Payload) {
    await processProductMedia(tenantId, mediaId)
  }

  async rescue(payload: Payload, error: Error) {
    await markMediaFailed(payload.tenantId, payload.mediaId)
    this.logger.error({ err: error, ...payload }, 'a product image could not be resized')
  }
}
