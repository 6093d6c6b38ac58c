import { test } from '@japa/runner'
import { spawn, type ChildProcess } from 'node:child_process'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import redis from '@adonisjs/redis/services/main'
import {
  ResumeStore,
  SuspendStore,
  UpdateStoreSettings,
  currentClient,
  withTenant,
} from '#tenancy/mod'
import { createStore, unique } from '#tests/helpers'

const SECOND_PORT = Number(process.env.PORT) + 100
const SECOND = `http://localhost:${SECOND_PORT}`

/** A second web process of the same app, as a second server behind a load balancer would be */
async function startSecondProcess(): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ['--import=ts-node-maintained/register/esm', 'bin/server.ts'],
    {
      cwd: app.appRoot,
      env: { ...process.env, PORT: String(SECOND_PORT), LOG_LEVEL: 'silent' },
      stdio: 'ignore',
      detached: true,
    }
  )
  const deadline = Date.now() + 30_000
  while (Date.now() < deadline) {
    const up = await fetch(`${SECOND}/health`).then(
      (response) => response.ok,
      () => false
    )
    if (up) return child
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  throw new Error('the second app process did not answer /health within 30 s')
}

function stop(child: ChildProcess) {
  try {
    process.kill(-child.pid!, 'SIGINT')
  } catch {}
}

/** Reads a storefront page until this process has subscribed and kept its own copy of the store */
async function warm(url: string) {
  for (let attempt = 0; attempt < 3; attempt++) {
    await fetch(url).then((response) => response.text())
    await new Promise((resolve) => setTimeout(resolve, 150))
  }
}

/**
 * The page's body once it answers `status` (and includes `text`): the news
 * travels by Redis pub/sub, so the other process may serve a request that
 * raced the message, but not for longer than a blink.
 */
async function soon(url: string, status: number, text = '') {
  const started = performance.now()
  for (;;) {
    const response = await fetch(url)
    const body = await response.text()
    if (response.status === status && body.includes(text)) return body
    if (performance.now() - started > 250) {
      throw new Error(`${url} answered ${response.status} without "${text}" for 250 ms`)
    }
  }
}

test.group('Tenant cache across processes', (group) => {
  let second: ChildProcess
  group.setup(async () => {
    second = await startSecondProcess()
    return () => stop(second)
  })

  test('each process keeps its own copy, and a suspension reaches the other process at once', async ({
    assert,
  }) => {
    const { store } = await createStore()
    const page = `${SECOND}/s/${store.slug}`
    await warm(page)
    assert.equal((await fetch(page)).status, 200)

    // Behind the directory's back (no forget published): the second process
    // keeps answering from its own copy, so the copy is real.
    const renamed = unique('Renamed')
    await db.from('tenants').where('id', store.id).update({ name: renamed })
    await redis.del(`tenancy:slug:${store.slug}`, `tenancy:id:${store.id}`)
    assert.notInclude(await (await fetch(page)).text(), renamed)

    // Suspended here, in the test's process: the other process sees it on its next request
    await new SuspendStore().handle(store.slug)
    await soon(page, 503)

    await new ResumeStore().handle(store.slug)
    assert.include(await soon(page, 200), renamed)
  })

  test('a store suspended by an operator command closes in both web processes at once', async ({
    assert,
    client,
  }) => {
    const { store } = await createStore()
    const page = `${SECOND}/s/${store.slug}`
    await warm(page)
    ;(await client.get(`/s/${store.slug}`)).assertStatus(200)

    const ace = spawn(process.execPath, ['ace', 'tenant:suspend', store.slug], {
      cwd: app.appRoot,
      env: process.env,
      stdio: 'ignore',
    })
    assert.equal(await new Promise((resolve) => ace.on('exit', resolve)), 0)

    await soon(page, 503)
    ;(await client.get(`/s/${store.slug}`)).assertStatus(503)
  })

  test("a store's new tagline shows in the other process on its next request", async ({
    assert,
  }) => {
    const { store, owner } = await createStore()
    const page = `${SECOND}/s/${store.slug}`
    await warm(page)

    // Behind the directory's back, the other process keeps its copy of the settings
    const unseen = unique('Unseen tagline')
    await withTenant(store, () =>
      currentClient()
        .from('store_settings')
        .where('tenant_id', store.id)
        .update({ tagline: unseen })
    )
    assert.notInclude(await (await fetch(page)).text(), unseen)

    const tagline = unique('Fresh tagline')
    await withTenant(store, () =>
      new UpdateStoreSettings().handle({
        actorUserId: owner.id,
        storeName: store.name,
        defaultCurrency: store.defaultCurrency,
        defaultLocale: store.defaultLocale,
        tagline,
      })
    )
    assert.include(await soon(page, 200, tagline), tagline)
  })
})
