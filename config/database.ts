import env from '#start/env'
import { defineConfig } from '@adonisjs/lucid'

function connectionAs(user: string, password: string | undefined, poolMax: number) {
  return {
    client: 'pg' as const,
    connection: {
      host: env.get('DB_HOST'),
      port: env.get('DB_PORT'),
      user,
      password: password || undefined,
      database: env.get('DB_DATABASE'),
    },
    pool: { min: 0, max: poolMax },
    migrations: { naturalSort: true, paths: ['database/migrations'] },
    seeders: { paths: ['database/seeders'] },
  }
}

/**
 * Three roles, three connections. `app` is what requests and jobs use: it owns
 * nothing and is subject to row-level security. `owner` runs migrations.
 * `platform` is the only way to read across tenants, and only platform-admin
 * code names it.
 */
export default defineConfig({
  connection: 'app',
  prettyPrintDebugQueries: false,
  connections: {
    app: connectionAs(env.get('DB_USER'), env.get('DB_PASSWORD'), env.get('DB_POOL_MAX', 20)),
    owner: connectionAs(env.get('DB_OWNER_USER'), env.get('DB_OWNER_PASSWORD'), 2),
    platform: connectionAs(env.get('DB_PLATFORM_USER'), env.get('DB_PLATFORM_PASSWORD'), 4),
  },
})
