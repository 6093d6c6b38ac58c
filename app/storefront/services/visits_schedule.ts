import app from '@adonisjs/core/services/app'
import queue from '@rlanz/bull-queue/services/main'
import FlushVisitsJob from '../jobs/flush_visits_job.js'

export const FLUSH_EVERY_MS = 5000
const SCHEDULER_ID = 'storefront-visits-flush'

/**
 * The flush's schedule, set by the queue worker when it starts (the one
 * process that needs it): BullMQ keeps one scheduler by this id however
 * many workers start, and moves it when the interval changes.
 */
export async function scheduleVisitFlush() {
  if (app.getEnvironment() !== 'console' || !process.argv.includes('queue:listen')) return
  await queue.getOrSet('default').upsertJobScheduler(
    SCHEDULER_ID,
    { every: FLUSH_EVERY_MS },
    {
      name: FlushVisitsJob.$$filepath,
      data: {},
      opts: { attempts: 1, removeOnComplete: 10, removeOnFail: 50 },
    }
  )
}
