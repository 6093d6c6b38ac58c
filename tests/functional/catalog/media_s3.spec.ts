import { test } from '@japa/runner'
import { spawn, type ChildProcess } from 'node:child_process'
import app from '@adonisjs/core/services/app'
import { S3Client, PutObjectCommand } from '@aws-sdk/client-s3'
import { getSignedUrl } from '@aws-sdk/s3-request-presigner'
import { PASSWORD, createStore, type TestStore } from '#tests/helpers'
import { startS3StandIn, type S3StandIn } from '#tests/support/s3_stand_in'
import { seedProduct } from './support.js'
import { mediaRowsOf, pngOf } from './media_support.js'

/*
| The media flow on S3. The disk is chosen when the app boots, so these
| tests run a second process of the app (and its queue worker) with
| DRIVE_DISK=s3 against a stand-in bucket that checks every signature, and
| drive it over HTTP as a browser would: sign in, ask for an upload URL,
| PUT to the bucket, attach, wait for the resize job.
*/

const APP_PORT = Number(process.env.PORT) + 200
const APP = `http://localhost:${APP_PORT}`
const PRODUCTS = '/dashboard/catalog/products'

let bucket: S3StandIn
const children: ChildProcess[] = []

function s3Env() {
  return {
    ...process.env,
    PORT: String(APP_PORT),
    DRIVE_DISK: 's3',
    S3_BUCKET: bucket.bucket,
    S3_REGION: bucket.region,
    S3_ENDPOINT: bucket.url,
    S3_ACCESS_KEY_ID: bucket.accessKeyId,
    S3_SECRET_ACCESS_KEY: bucket.secretAccessKey,
    S3_PUBLIC_URL: `${bucket.url}/public`,
    // Its own queue: the suite's worker reads the local disk and must not take these jobs
    REDIS_PREFIX: `${process.env.REDIS_PREFIX ?? 'bazaar:test:'}s3:`,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  }
}

function start(args: string[], env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, args, {
    cwd: app.appRoot,
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: true,
  })
  children.push(child)
  return child
}

async function startApp() {
  start(['--import=ts-node-maintained/register/esm', 'bin/server.ts'], {
    ...s3Env(),
    LOG_LEVEL: 'silent',
  }).stdout!.resume()
  const deadline = Date.now() + 30_000
  while (Date.now() < deadline) {
    const up = await fetch(`${APP}/health`).then(
      (response) => response.ok,
      () => false
    )
    if (up) return
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  throw new Error('the app process on S3 did not answer /health within 30 s')
}

async function startWorker() {
  const worker = start(['ace', 'queue:listen'], { ...s3Env(), LOG_LEVEL: 'info' })
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the S3 queue worker did not start')), 30_000)
    worker.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('processing started')) {
        clearTimeout(timer)
        resolve()
      }
    })
    worker.on('exit', (code) => reject(new Error(`the S3 queue worker exited with ${code}`)))
  })
  worker.stdout!.resume()
}

/** A browser's session on the S3 app: its cookies and the page's CSRF token */
class Browser {
  #cookies = new Map<string, string>()
  csrf = ''

  async fetch(path: string, init: RequestInit = {}) {
    const headers = new Headers(init.headers)
    headers.set('cookie', [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; '))
    if (this.csrf) headers.set('x-csrf-token', this.csrf)
    const response = await fetch(`${APP}${path}`, { ...init, headers, redirect: 'manual' })
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';')
      const at = pair.indexOf('=')
      this.#cookies.set(pair.slice(0, at), pair.slice(at + 1))
    }
    return response
  }

  async readCsrf(path: string) {
    const response = await this.fetch(path)
    const page = await response.text()
    const token = /name=['"]_csrf['"] value=['"]([^'"]+)['"]/.exec(page)
    if (!token) throw new Error(`no CSRF field on ${path} (${response.status})`)
    this.csrf = token[1]
  }

  json(method: string, path: string, body: unknown = {}) {
    return this.fetch(path, {
      method,
      headers: { 'content-type': 'application/json', 'accept': 'application/json' },
      body: JSON.stringify(body),
    })
  }

  static async signedIn(fixture: TestStore, productId: string) {
    const browser = new Browser()
    await browser.readCsrf('/signin')
    const signedIn = await browser.fetch('/signin', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email: fixture.owner.email, password: PASSWORD }),
    })
    if (signedIn.status !== 302) throw new Error(`sign-in answered ${signedIn.status}`)
    await browser.readCsrf(`${PRODUCTS}/${productId}/edit`)
    return browser
  }
}

interface Upload {
  method: string
  url: string
  headers: Record<string, string>
  key: string
  attach: string
}

async function askUpload(browser: Browser, productId: string, size: number | undefined) {
  const response = await browser.json('POST', `${PRODUCTS}/${productId}/media-uploads`, { size })
  return { response, upload: (await response.clone().json()).upload as Upload }
}

function putTo(upload: Upload, body: Buffer) {
  return fetch(upload.url, {
    method: upload.method,
    headers: upload.headers,
    body: new Uint8Array(body),
  })
}

/** The store's objects in the bucket */
function objectsOf(fixture: TestStore) {
  return [...bucket.objects.keys()].filter((key) => key.split('/')[1] === fixture.store.id).sort()
}

async function readyMedia(fixture: TestStore) {
  const deadline = Date.now() + 30_000
  while (Date.now() < deadline) {
    const [row] = await mediaRowsOf(fixture)
    if (row && row.status !== 'pending') return row
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  throw new Error('the resize job did not finish within 30 s')
}

test.group('Product media on S3', (group) => {
  group.setup(async () => {
    bucket = await startS3StandIn()
    await startApp()
    await startWorker()
    return async () => {
      for (const child of children) {
        try {
          process.kill(-child.pid!, 'SIGINT')
        } catch {}
      }
      await bucket.close()
    }
  })

  test('an image goes to the bucket through a presigned PUT, is attached, resized there and served', async ({
    assert,
  }) => {
    const fixture = await createStore()
    const { product } = await seedProduct(fixture, { title: 'Bucket Shirt' })
    const browser = await Browser.signedIn(fixture, product.id)
    const image = await pngOf(900, 600)

    const { response, upload } = await askUpload(browser, product.id, image.length)
    assert.equal(response.status, 201)
    const signed = new URL(upload.url)
    assert.equal(signed.origin + signed.pathname, `${bucket.url}/${bucket.bucket}/${upload.key}`)
    assert.match(upload.key, new RegExp(`^uploads/${fixture.store.id}/[0-9a-f-]{36}$`))
    assert.equal(signed.searchParams.get('X-Amz-Expires'), '900')
    assert.include(signed.searchParams.get('X-Amz-SignedHeaders')!.split(';'), 'content-length')
    assert.deepEqual(upload.headers, { 'content-type': 'application/octet-stream' })

    const stored = await putTo(upload, image)
    assert.equal(stored.status, 200, await stored.text())
    assert.deepEqual(bucket.objects.get(upload.key)!.body, image)

    const attached = await browser.json('POST', upload.attach, { key: upload.key, altText: 'Red' })
    assert.equal(attached.status, 201, await attached.clone().text())
    const [pending] = await mediaRowsOf(fixture)
    assert.deepEqual([pending.width, pending.height], [900, 600])
    assert.equal(pending.content_type, 'image/png')
    assert.deepEqual(objectsOf(fixture), [pending.original_key], 'the upload left the upload area')

    const ready = await readyMedia(fixture)
    assert.equal(ready.status, 'ready')
    assert.lengthOf(ready.variants, 6)
    for (const variant of ready.variants) {
      const object = bucket.objects.get(variant.key)
      assert.exists(object, variant.key)
      assert.equal(object!.contentType, `image/${variant.format}`)
      assert.equal(object!.cacheControl, 'public, max-age=31536000, immutable')
    }

    // The app's media route streams from the bucket
    const webp = ready.variants.find((variant: any) => variant.format === 'webp')
    const served = await fetch(`${APP}/${webp.key}`)
    assert.equal(served.status, 200)
    assert.equal(served.headers.get('content-type'), 'image/webp')
    assert.equal(served.headers.get('cache-control'), 'public, max-age=31536000, immutable')
    assert.deepEqual(Buffer.from(await served.arrayBuffer()), bucket.objects.get(webp.key)!.body)

    // Shoppers are sent to the public URL (a CDN) when one is set
    const shopperResponse = await fetch(`${APP}/s/${fixture.store.slug}/products/${product.slug}`)
    const page = await shopperResponse.text()
    const policy = shopperResponse.headers.get('content-security-policy') ?? ''
    assert.include(/img-src ([^;]*)/.exec(policy)?.[1] ?? '', bucket.url, 'img-src allows the CDN')
    assert.include(
      /connect-src ([^;]*)/.exec(policy)?.[1] ?? '',
      bucket.url,
      'connect-src allows the PUT'
    )
    const srcset = /<source type="image\/webp" srcset="([^" ]+) 320w/.exec(page)
    assert.exists(srcset, 'the product page has a webp srcset')
    assert.isTrue(srcset![1].startsWith(`${bucket.url}/public/media/${fixture.store.id}/`))
    const fromCdn = await fetch(srcset![1])
    assert.equal(fromCdn.status, 200)
    assert.equal(fromCdn.headers.get('content-type'), 'image/webp')
  })

  test('the bucket stores nothing for a size other than the one declared, a forged signature or an expired URL', async ({
    assert,
  }) => {
    const fixture = await createStore()
    const { product } = await seedProduct(fixture)
    const browser = await Browser.signedIn(fixture, product.id)
    const image = await pngOf(60, 60)

    const { upload } = await askUpload(browser, product.id, image.length)
    const longer = await putTo(upload, Buffer.concat([image, Buffer.alloc(1)]))
    assert.equal(longer.status, 403)
    assert.include(await longer.text(), '<Code>SignatureDoesNotMatch</Code>')
    const shorter = await putTo(upload, image.subarray(1))
    assert.equal(shorter.status, 403)
    const forged = await fetch(
      upload.url.replace(/X-Amz-Signature=[0-9a-f]+/, `X-Amz-Signature=${'0'.repeat(64)}`),
      {
        method: 'PUT',
        headers: upload.headers,
        body: new Uint8Array(image),
      }
    )
    assert.equal(forged.status, 403)
    const otherKey = await fetch(
      upload.url.replace(/\/[0-9a-f-]{36}\?/, `/${crypto.randomUUID()}?`),
      {
        method: 'PUT',
        headers: upload.headers,
        body: new Uint8Array(image),
      }
    )
    assert.equal(otherKey.status, 403)
    assert.deepEqual(objectsOf(fixture), [])

    // The same key pair and presigner as the app, with an expiry the test can wait out
    const client = new S3Client({
      region: bucket.region,
      endpoint: bucket.url,
      forcePathStyle: true,
      credentials: { accessKeyId: bucket.accessKeyId, secretAccessKey: bucket.secretAccessKey },
    })
    const shortLived = await getSignedUrl(
      client,
      new PutObjectCommand({ Bucket: bucket.bucket, Key: upload.key, ContentLength: image.length }),
      { expiresIn: 1 }
    )
    await new Promise((resolve) => setTimeout(resolve, 2100))
    const expired = await fetch(shortLived, { method: 'PUT', body: new Uint8Array(image) })
    assert.equal(expired.status, 403)
    assert.include(await expired.text(), 'Request has expired')
    assert.deepEqual(objectsOf(fixture), [])

    // The declared size itself is checked before anything is signed
    const tooBig = await askUpload(browser, product.id, 10 * 2 ** 20 + 1)
    assert.equal(tooBig.response.status, 413)
    const unsaid = await askUpload(browser, product.id, undefined)
    assert.equal(unsaid.response.status, 422)
    assert.equal((await unsaid.response.json()).errors[0].field, 'size')
  })

  test('a text file put in the bucket is refused at attach with 422 and deleted there', async ({
    assert,
  }) => {
    const fixture = await createStore()
    const { product } = await seedProduct(fixture)
    const browser = await Browser.signedIn(fixture, product.id)
    const text = Buffer.from('just some text, not a photo\n')

    const { upload } = await askUpload(browser, product.id, text.length)
    assert.equal((await putTo(upload, text)).status, 200)
    assert.deepEqual(objectsOf(fixture), [upload.key])
    const attached = await browser.json('POST', upload.attach, { key: upload.key })
    assert.equal(attached.status, 422)
    const { errors } = await attached.json()
    assert.equal(errors[0].field, 'file')
    assert.include(errors[0].message, 'not an image')
    assert.lengthOf(await mediaRowsOf(fixture), 0)
    assert.deepEqual(objectsOf(fixture), [])
  })

  test('the form without script stores its file in the bucket too', async ({ assert }) => {
    const fixture = await createStore()
    const { product } = await seedProduct(fixture)
    const browser = await Browser.signedIn(fixture, product.id)
    const form = new FormData()
    form.set('altText', 'Side view')
    form.set(
      'file',
      new Blob([new Uint8Array(await pngOf(120, 80))], { type: 'image/png' }),
      'side.png'
    )
    const response = await browser.fetch(`${PRODUCTS}/${product.id}/media`, {
      method: 'POST',
      body: form,
    })
    assert.equal(response.status, 303)
    const [row] = await mediaRowsOf(fixture)
    assert.equal(row.alt_text, 'Side view')
    assert.deepEqual([row.width, row.height], [120, 80])
    assert.include(objectsOf(fixture), row.original_key)
  })

  test('a file over 10 MB through the form is refused with 413 and leaves nothing in the bucket', async ({
    assert,
  }) => {
    const fixture = await createStore()
    const { product } = await seedProduct(fixture)
    const browser = await Browser.signedIn(fixture, product.id)
    const form = new FormData()
    form.set('file', new Blob([new Uint8Array(10 * 2 ** 20 + 1)], { type: 'image/png' }), 'big.png')
    const response = await browser.fetch(`${PRODUCTS}/${product.id}/media`, {
      method: 'POST',
      body: form,
    })
    assert.equal(response.status, 413)
    assert.lengthOf(await mediaRowsOf(fixture), 0)
    assert.deepEqual(objectsOf(fixture), [])
  })
})
