import { Job } from '@rlanz/bull-queue'
import { flushVisits } from '../services/visits_flush.js'

/**
 * Writes the recorded storefront visits to PostgreSQL, on a schedule
 * (every few seconds, see visits_schedule.ts). Safe to run twice or at
 * once: views are inserted by their own ids.
 */
export default class FlushVisitsJob extends Job {
  static get $$filepath() {
    return import.meta.url
  }

  async handle() {
    await flushVisits()
  }

  async rescue(_payload: unknown, error: Error) {
    this.logger.error({ err: error }, 'storefront visits could not be flushed')
  }
}
