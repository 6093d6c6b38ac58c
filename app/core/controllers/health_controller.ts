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

  /** PostgreSQL and Redis both answer; 503 names the one that does not. */
  async ready({ response }: HttpContext) {
    const checks = {
      postgresql: withinTimeout(db.rawQuery('select 1')),
      redis: withinTimeout(redis.ping()),
    }
    const results = await Promise.allSettled(Object.values(checks))
    const report = Object.fromEntries(
      Object.keys(checks).map((name, index) => {
        const result = results[index]
        return [
          name,
          result.status === 'fulfilled'
            ? { status: 'ok' }
            : { status: 'failing', message: String(result.reason?.message ?? result.reason) },
        ]
      })
    )
    const ready = results.every((result) => result.status === 'fulfilled')
    return response
      .status(ready ? 200 : 503)
      .send({ status: ready ? 'ok' : 'failing', checks: report })
  }
}
