import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import redis from '@adonisjs/redis/services/main'

const CHECK_TIMEOUT_MS = 2000

function withinTimeout<T>(check: Promise<T>): Promise<T> {
  return Promise.race([
    check,
    new Promise<T>((_, reject) =>
      setTimeout(() => reject(new Error('no answer within 2 s')), CHECK_TIMEOUT_MS).unref()
    ),
  ])
}

export default class HealthController {
  /** The process is up; depends on nothing else. */
  async live() {
    return { status: 'ok' }
  }

  /**
   * PostgreSQL answers (503 when not: nothing works without it). Redis
   * unanswered is `degraded`, still 200: requests are served without it
   * (rate limits fall back to this process), so every instance behind a
   * balancer is not taken out at once for a shared Redis.
   */
  async ready({ response }: HttpContext) {
    const [postgresql, redisCheck] = await Promise.allSettled([
      withinTimeout(db.rawQuery('select 1')),
      withinTimeout(redis.ping()),
    ])
    const reasonOf = (result: PromiseRejectedResult) =>
      String(result.reason?.message ?? result.reason)
    const checks = {
      postgresql:
        postgresql.status === 'fulfilled'
          ? { status: 'ok' }
          : { status: 'failing', message: reasonOf(postgresql) },
      redis:
        redisCheck.status === 'fulfilled'
          ? { status: 'ok' }
          : { status: 'degraded', message: reasonOf(redisCheck) },
    }
    const status =
      postgresql.status === 'rejected'
        ? 'failing'
        : redisCheck.status === 'rejected'
          ? 'degraded'
          : 'ok'
    return response.status(status === 'failing' ? 503 : 200).send({ status, checks })
  }
}
