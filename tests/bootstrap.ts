import { assert } from '@japa/assert'
import { apiClient } from '@japa/api-client'
import app from '@adonisjs/core/services/app'
import type { Config } from '@japa/runner/types'
import { pluginAdonisJS } from '@japa/plugin-adonisjs'
import testUtils from '@adonisjs/core/services/test_utils'
import { sessionApiClient } from '@adonisjs/session/plugins/api_client'
import { authApiClient } from '@adonisjs/auth/plugins/api_client'
import { shieldApiClient } from '@adonisjs/shield/plugins/api_client'
import { browserClient } from '@japa/browser-client'
import { chromium } from 'playwright-core'
import { spawn } from 'node:child_process'
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../bin/chromium_flags.js'

export { CHROMIUM_FLAGS }

export const plugins: Config['plugins'] = [
  assert(),
  apiClient(),
  sessionApiClient(app),
  shieldApiClient(),
  authApiClient(app),
  pluginAdonisJS(app),
  browserClient({
    runInSuites: ['browser'],
    launcher: (options) =>
      chromium.launch({ ...options, executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS }),
  }),
]

/**
 * Mail and other jobs go through BullMQ, so the suites run next to a real
 * worker: `node ace queue:listen`, the same command `npm start` runs.
 */
async function startQueueWorker() {
  const worker = spawn(process.execPath, ['ace', 'queue:listen'], {
    cwd: app.appRoot,
    env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'info', FORCE_COLOR: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: true,
  })
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('queue worker did not start in 30 s')), 30_000)
    worker.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('processing started')) {
        clearTimeout(timer)
        resolve()
      }
    })
    worker.on('exit', (code) => reject(new Error(`queue worker exited with ${code}`)))
  })
  worker.stdout!.resume()
  return () => {
    try {
      process.kill(-worker.pid!, 'SIGINT')
    } catch {}
  }
}

export const runnerHooks: Required<Pick<Config, 'setup' | 'teardown'>> = {
  setup: [() => startQueueWorker()],
  teardown: [],
}

export const configureSuite: Config['configureSuite'] = (suite) => {
  if (['browser', 'functional', 'e2e'].includes(suite.name)) {
    return suite.setup(() => testUtils.httpServer().start())
  }
}
