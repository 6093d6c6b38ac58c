import { test } from '@japa/runner'
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import app from '@adonisjs/core/services/app'

test.group('Queue worker process', () => {
  test('`node ace queue:listen` stops on SIGTERM, as a process manager or a deploy asks', async ({
    assert,
  }) => {
    // A queue of its own, so this worker never takes the suite's jobs
    const worker = spawn(process.execPath, ['ace', 'queue:listen'], {
      cwd: app.appRoot,
      env: {
        ...process.env,
        NODE_ENV: 'test',
        LOG_LEVEL: 'info',
        FORCE_COLOR: '0',
        REDIS_PREFIX: `bazaar:test-sigterm-${randomBytes(3).toString('hex')}:`,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
      worker.on('exit', (code, signal) => resolve({ code, signal }))
    )
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error('the worker did not start in 30 s')),
          30_000
        )
        worker.stdout!.on('data', (chunk: Buffer) => {
          if (chunk.toString().includes('processing started')) {
            clearTimeout(timer)
            resolve()
          }
        })
      })
      worker.stdout!.resume()
      worker.kill('SIGTERM')
      const outcome = await Promise.race([
        exited,
        new Promise<'still running'>((resolve) =>
          setTimeout(() => resolve('still running'), 10_000)
        ),
      ])
      assert.deepEqual(outcome, { code: 0, signal: null })
    } finally {
      worker.kill('SIGKILL')
    }
  }).timeout(60_000)
})
