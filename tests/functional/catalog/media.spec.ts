import { test } from '@japa/runner'
import router from '@adonisjs/core/services/router'
import drive from '@adonisjs/drive/services/main'
import { Membership, issueApiToken, type User } from '#identity/mod'
import { withTenant } from '#tenancy/mod'
import { createStore, type TestStore } from '#tests/helpers'
import { processProductMedia } from '#catalog/services/media_processing'
import { seedProduct, sendForm } from './support.js'
import { SERVER, mediaRowsOf, objectsOf, pngOf, seedMedia } from './media_support.js'

const PRODUCTS = '/dashboard/catalog/products'

function jsonAs(
  client: any,
  actor: User,
  method: 'post' | 'put' | 'delete',
  url: string,
  body = {}
) {
  return client[method](url)
    .json(body)
    .header('accept', 'application/json')
    .loginAs(actor)
    .withCsrfToken()
    .redirects(0)
}

async function signedUpload(client: any, actor: User, productId: string) {
  const response = await jsonAs(client, actor, 'post', `${PRODUCTS}/${productId}/media-uploads`)
  response.assertStatus(201)
  return response.body().upload as { url: string; key: string; attach: string; maxBytes: number }
}

function put(url: string, body: BodyInit, headers: Record<string, string> = {}) {
  return fetch(`${SERVER}${url}`, {
    method: 'PUT',
    body,
    headers: {
      'content-type': 'application/octet-stream',
      'accept': 'application/json',
      ...headers,
    },
    // @ts-expect-error Node's fetch needs this for a streamed body
    duplex: 'half',
  })
}

async function uploadAndAttach(client: any, fixture: TestStore, productId: string, bytes: Buffer) {
  const upload = await signedUpload(client, fixture.owner, productId)
  const stored = await put(upload.url, new Uint8Array(bytes))
  if (stored.status !== 201)
    throw new Error(`PUT answered ${stored.status}: ${await stored.text()}`)
  return jsonAs(client, fixture.owner, 'post', upload.attach, {
    key: upload.key,
    altText: 'Red shirt',
  })
}

test.group('Product media | uploads through a signed URL', () => {
  test('an image uploaded to the signed URL and attached gets its sizes, never wider than itself', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const { product } = await seedProduct(fixture, { title: 'Red Shirt' })
    const attached = await uploadAndAttach(client, fixture, product.id, await pngOf(900, 600))

    attached.assertStatus(201)
    const [row] = await mediaRowsOf(fixture)
    assert.equal(row.product_id, product.id)
    assert.include(['pending', 'ready'], row.status)
    assert.equal(row.alt_text, 'Red shirt')
    assert.deepEqual([row.width, row.height], [900, 600])
    assert.match(row.content_hash, /^[0-9a-f]{64}$/)

    const media = await processProductMedia(fixture.store.id, row.id)
    assert.equal(media!.status, 'ready')
    const sizes = media!.variants.map(
      (variant) => `${variant.format} ${variant.width}x${variant.height}`
    )
    assert.sameMembers(sizes, [
      'avif 320x213',
      'avif 640x427',
      'avif 900x600',
      'webp 320x213',
      'webp 640x427',
      'webp 900x600',
    ])
    for (const variant of media!.variants) {
      assert.match(
        variant.key,
        new RegExp(`^media/${fixture.store.id}/[0-9a-f]{32}-\\d+\\.(webp|avif)$`)
      )
      assert.isTrue(await drive.use().exists(variant.key), variant.key)
    }
    assert.deepEqual(
      (await objectsOf(fixture)).filter((key) => key.startsWith('uploads/')),
      [],
      'the upload left the upload area'
    )

    const webp = media!.variants.find((variant) => variant.format === 'webp')!
    const [, tenantId, name] = webp.key.split('/')
    const served = await client.get(router.makeUrl('media_files.show', { tenantId, name }))
    served.assertStatus(200)
    served.assertHeader('cache-control', 'public, max-age=31536000, immutable')
    served.assertHeader('content-type', 'image/webp')
  })

  test('running the resize job twice leaves the same files and one ready image', async ({
    assert,
  }) => {
    const fixture = await createStore()
    const { product } = await seedProduct(fixture)
    const media = await seedMedia(fixture, product.id)
    const first = await processProductMedia(fixture.store.id, media.id)
    const again = await processProductMedia(fixture.store.id, media.id)
    assert.deepEqual(again!.variants, first!.variants)
    assert.lengthOf(await mediaRowsOf(fixture), 1)
  })

  test('a tampered signature is refused with 403 and stores nothing', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const { product } = await seedProduct(fixture)
    const upload = await signedUpload(client, fixture.owner, product.id)
    const image = await pngOf(50, 50)
    const otherId = crypto.randomUUID()
    const forgedPath = upload.url.replace(/\/[0-9a-f-]{36}\?/, `/${otherId}?`)
    const forgedSignature = upload.url.replace(/signature=[^&]+/, 'signature=forged')
    for (const url of [forgedPath, forgedSignature, upload.url.split('?')[0]]) {
      const response = await put(url, image)
      assert.equal(response.status, 403, url)
    }
    assert.deepEqual(await objectsOf(fixture), [])
  })

  test('an expired signature is refused with 403', async ({ assert }) => {
    const fixture = await createStore()
    const url = router
      .builder()
      .params({ tenantId: fixture.store.id, uploadId: crypto.randomUUID() })
      .makeSigned('media_uploads.update', { expiresIn: '1s' })
    await new Promise((resolve) => setTimeout(resolve, 1500))
    const response = await put(url, await pngOf(50, 50))
    assert.equal(response.status, 403)
    assert.deepEqual(await objectsOf(fixture), [])
  })

  test('a signed URL takes one upload: a second PUT is refused with 409', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const { product } = await seedProduct(fixture)
    const upload = await signedUpload(client, fixture.owner, product.id)
    assert.equal((await put(upload.url, await pngOf(50, 50))).status, 201)
    assert.equal((await put(upload.url, Buffer.from('swapped'))).status, 409)
  })

  test('an upload over 10 MB is refused with 413, declared or streamed, and nothing is kept', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const { product } = await seedProduct(fixture)
    const declared = await signedUpload(client, fixture.owner, product.id)
    const tooBig = Buffer.alloc(declared.maxBytes + 1, 7)
    assert.equal((await put(declared.url, tooBig)).status, 413)

    const streamed = await signedUpload(client, fixture.owner, product.id)
    const chunks = new ReadableStream({
      start(controller) {
        for (let sent = 0; sent <= declared.maxBytes; sent += 2 ** 20) {
          controller.enqueue(new Uint8Array(2 ** 20))
        }
        controller.close()
      },
    })
    const response = await put(streamed.url, chunks as any)
    assert.equal(response.status, 413)
    assert.deepEqual(await objectsOf(fixture), [])
    assert.lengthOf(await mediaRowsOf(fixture), 0)
  })

  test('the upload URL names the headers to send, and a declared size over 10 MB gets none', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const { product } = await seedProduct(fixture)
    const url = `${PRODUCTS}/${product.id}/media-uploads`
    const sized = await jsonAs(client, fixture.owner, 'post', url, { size: 1234 })
    sized.assertStatus(201)
    assert.deepEqual(sized.body().upload.headers, { 'content-type': 'application/octet-stream' })
    const tooBig = await jsonAs(client, fixture.owner, 'post', url, { size: 10 * 2 ** 20 + 1 })
    tooBig.assertStatus(413)
    const nonsense = await jsonAs(client, fixture.owner, 'post', url, { size: -3 })
    nonsense.assertStatus(422)
    assert.equal(nonsense.body().errors[0].field, 'size')
  })

  test('a body the parser reads (JSON) is refused with 415 rather than stored empty', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const { product } = await seedProduct(fixture)
    const upload = await signedUpload(client, fixture.owner, product.id)
    const response = await put(upload.url, '{"a":1}', { 'content-type': 'application/json' })
    assert.equal(response.status, 415)
    assert.deepEqual(await objectsOf(fixture), [])
  })
})

test.group('Product media | what is refused when attached', () => {
  test('a text file named .jpg is refused with 422 and leaves no row and no object', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const { product } = await seedProduct(fixture)
    const upload = await signedUpload(client, fixture.owner, product.id)
    assert.equal((await put(upload.url, Buffer.from('just some text, not a photo\n'))).status, 201)
    const attached = await jsonAs(client, fixture.owner, 'post', upload.attach, { key: upload.key })

    attached.assertStatus(422)
    assert.equal(attached.body().errors[0].field, 'file')
    assert.lengthOf(await mediaRowsOf(fixture), 0)
    assert.deepEqual(await objectsOf(fixture), [])
  })

  test('the same text file through the form without script is refused with 422 beside the field', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const { product } = await seedProduct(fixture)
    const response = await client
      .post(`${PRODUCTS}/${product.id}/media`)
      .file('file', Buffer.from('not an image'), {
        filename: 'photo.jpg',
        contentType: 'image/jpeg',
      })
      .loginAs(fixture.owner)
      .withCsrfToken()
      .redirects(0)

    response.assertStatus(422)
    assert.include(response.text(), 'id="media-error"')
    assert.lengthOf(await mediaRowsOf(fixture), 0)
    assert.deepEqual(await objectsOf(fixture), [])
  })

  test('another store’s upload key cannot be attached', async ({ client, assert }) => {
    const victim = await createStore()
    const attacker = await createStore()
    const { product: victimProduct } = await seedProduct(victim)
    const { product } = await seedProduct(attacker)
    const upload = await signedUpload(client, victim.owner, victimProduct.id)
    assert.equal((await put(upload.url, await pngOf(60, 60))).status, 201)
    const response = await jsonAs(
      client,
      attacker.owner,
      'post',
      `${PRODUCTS}/${product.id}/media`,
      {
        key: upload.key,
      }
    )
    response.assertStatus(422)
    assert.lengthOf(await mediaRowsOf(attacker), 0)
    assert.isTrue(await drive.use().exists(upload.key), "the victim's upload is untouched")
  })
})

test.group('Product media | the form without script', () => {
  test('a multipart upload on the product page adds the image and returns to the page', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const { product } = await seedProduct(fixture)
    const response = await client
      .post(`${PRODUCTS}/${product.id}/media`)
      .field('altText', 'Front view')
      .file('file', await pngOf(200, 100), { filename: 'front.png', contentType: 'image/png' })
      .loginAs(fixture.owner)
      .withCsrfToken()
      .redirects(0)

    response.assertStatus(303)
    assert.equal(response.header('location'), `${PRODUCTS}/${product.id}/edit`)
    const [row] = await mediaRowsOf(fixture)
    assert.equal(row.alt_text, 'Front view')
    assert.equal(row.content_type, 'image/png')

    const page = await client.get(`${PRODUCTS}/${product.id}/edit`).loginAs(fixture.owner)
    page.assertStatus(200)
    assert.include(page.text(), 'enctype="multipart/form-data"')
  })
})

test.group('Product media | managing images', () => {
  test('the product page shows a ready image and stops polling; the panel alone answers htmx', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const { product } = await seedProduct(fixture)
    const media = await seedMedia(fixture, product.id, await pngOf(500, 250))
    await processProductMedia(fixture.store.id, media.id)

    const page = await client.get(`${PRODUCTS}/${product.id}/edit`).loginAs(fixture.members.member)
    page.assertStatus(200)
    const html = page.text()
    assert.match(
      html,
      /<img\s+class="media-thumb"[^>]+width="160"\s+height="80"[^>]+alt="A seeded image"/
    )
    assert.notInclude(html, 'hx-trigger="every 2s"')
    assert.include(html, 'js/media_upload')

    const panel = await client
      .get(`${PRODUCTS}/${product.id}/media`)
      .header('hx-request', 'true')
      .loginAs(fixture.members.finance)
    panel.assertStatus(200)
    assert.match(panel.text(), /^\s*(\{\{--|<div\s+id="product-media")/)
    assert.notInclude(panel.text(), 'data-media-upload', 'finance gets no upload form')
  })

  test('images can be reordered, described and deleted, and deleting removes their files', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const { product } = await seedProduct(fixture)
    const first = await seedMedia(fixture, product.id, await pngOf(100, 100, '#111111'))
    const second = await seedMedia(fixture, product.id, await pngOf(100, 100, '#eeeeee'))
    await processProductMedia(fixture.store.id, second.id)
    const base = `${PRODUCTS}/${product.id}/media`

    const moved = await jsonAs(client, fixture.owner, 'put', `${base}/${second.id}/position`, {
      direction: 'up',
    })
    moved.assertStatus(200)
    assert.deepEqual(
      (await mediaRowsOf(fixture)).map((row: any) => row.id),
      [second.id, first.id]
    )

    const described = await jsonAs(client, fixture.owner, 'put', `${base}/${first.id}`, {
      altText: 'Back view',
    })
    described.assertStatus(200)
    const tooLong = await jsonAs(client, fixture.owner, 'put', `${base}/${first.id}`, {
      altText: 'x'.repeat(251),
    })
    tooLong.assertStatus(422)

    const secondFiles = (await mediaRowsOf(fixture)).find((row: any) => row.id === second.id)
    const removed = await jsonAs(client, fixture.owner, 'delete', `${base}/${second.id}`)
    removed.assertStatus(204)
    const rows = await mediaRowsOf(fixture)
    assert.deepEqual(
      rows.map((row: any) => [row.id, row.alt_text]),
      [[first.id, 'Back view']]
    )
    for (const key of [secondFiles.original_key, ...secondFiles.variants.map((v: any) => v.key)]) {
      assert.isFalse(await drive.use().exists(key), `${key} was left behind`)
    }
  })

  test('deleting a product deletes its images and their files', async ({ client, assert }) => {
    const fixture = await createStore()
    const { product } = await seedProduct(fixture)
    const media = await seedMedia(fixture, product.id)
    await processProductMedia(fixture.store.id, media.id)
    assert.isNotEmpty(await objectsOf(fixture))
    const response = await sendForm(
      client,
      fixture.owner,
      'post',
      '/dashboard/catalog/product-deletions',
      {
        ids: [product.id],
      }
    )
    assert.isBelow(response.status(), 400)
    assert.lengthOf(await mediaRowsOf(fixture), 0)
    assert.deepEqual(await objectsOf(fixture), [])
  })

  test('concurrent uploads to one product get distinct positions', async ({ client, assert }) => {
    const fixture = await createStore()
    const { product } = await seedProduct(fixture)
    const image = await pngOf(40, 40)
    const responses = await Promise.all(
      [1, 2, 3].map(() => uploadAndAttach(client, fixture, product.id, image))
    )
    for (const response of responses) response.assertStatus(201)
    const positions = (await mediaRowsOf(fixture)).map((row: any) => row.position)
    assert.deepEqual(positions, [0, 1, 2])
  })

  test('finance may see the images but not upload, change or delete them', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const { product } = await seedProduct(fixture)
    const media = await seedMedia(fixture, product.id)
    const finance = fixture.members.finance
    const base = `${PRODUCTS}/${product.id}`
    const listed = await client
      .get(`${base}/media`)
      .header('accept', 'application/json')
      .loginAs(finance)
    listed.assertStatus(200)
    assert.lengthOf(listed.body().media, 1)
    for (const [method, url] of [
      ['post', `${base}/media-uploads`],
      ['post', `${base}/media`],
      ['put', `${base}/media/${media.id}`],
      ['put', `${base}/media/${media.id}/position`],
      ['delete', `${base}/media/${media.id}`],
    ] as const) {
      const response = await jsonAs(client, finance, method, url, { direction: 'up', altText: 'x' })
      assert.equal(response.status(), 403, `${method} ${url}`)
    }
    assert.lengthOf(await mediaRowsOf(fixture), 1)
  })

  test('another store’s product and images are not found on every media route', async ({
    client,
    assert,
  }) => {
    const victim = await createStore()
    const attacker = await createStore()
    const { product } = await seedProduct(victim)
    const media = await seedMedia(victim, product.id)
    const base = `${PRODUCTS}/${product.id}`
    const get = await client.get(`${base}/media`).loginAs(attacker.owner).redirects(0)
    assert.equal(get.status(), 404)
    for (const [method, url] of [
      ['post', `${base}/media-uploads`],
      ['post', `${base}/media`],
      ['put', `${base}/media/${media.id}`],
      ['put', `${base}/media/${media.id}/position`],
      ['delete', `${base}/media/${media.id}`],
    ] as const) {
      const response = await jsonAs(client, attacker.owner, method, url, {
        key: 'x',
        direction: 'up',
      })
      assert.equal(response.status(), 404, `${method} ${url}`)
    }
    assert.lengthOf(await mediaRowsOf(victim), 1)
  })
})

test.group('Product media | shoppers and the API', () => {
  test('the storefront shows a ready image with srcset, sizes, width, height and alt text', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const { product } = await seedProduct(fixture, { title: 'Photo Shirt' })
    const media = await seedMedia(fixture, product.id, await pngOf(1400, 1000))
    await processProductMedia(fixture.store.id, media.id)

    const page = await client.get(`/s/${fixture.store.slug}/products/${product.slug}`)
    page.assertStatus(200)
    const html = page.text()
    assert.include(html, '<picture>')
    assert.match(
      html,
      /<source type="image\/avif" srcset="[^"]+-320\.avif 320w, [^"]+ 640w, [^"]+ 1280w"/
    )
    assert.match(html, /<source type="image\/webp" srcset="[^"]+\.webp 320w/)
    assert.include(html, 'sizes="(min-width: 48rem) 50vw, 100vw"')
    assert.include(html, 'width="1400"')
    assert.include(html, 'height="1000"')
    assert.include(html, 'alt="A seeded image"')

    const home = await client.get(`/s/${fixture.store.slug}`)
    assert.match(home.text(), /<img[^>]+loading="lazy"/)
  })

  test('/api/v1/products lists ready images with a URL per width and format', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const { product } = await seedProduct(fixture)
    const media = await seedMedia(fixture, product.id, await pngOf(700, 350))
    await processProductMedia(fixture.store.id, media.id)
    const token = await withTenant(fixture.store, async () => {
      const membership = await Membership.findByOrFail('userId', fixture.owner.id)
      const { plain } = await issueApiToken(membership, {
        name: 'media',
        abilities: ['catalog:read'],
      })
      return plain
    })
    const response = await client
      .get(`/api/v1/products/${product.id}`)
      .header('authorization', `Bearer ${token}`)
    response.assertStatus(200)
    const [shown] = response.body().data.media
    assert.equal(shown.alt, 'A seeded image')
    assert.deepEqual([shown.width, shown.height], [700, 350])
    assert.deepEqual(
      shown.files.map((file: any) => `${file.format} ${file.width}`),
      ['avif 320', 'avif 640', 'avif 700', 'webp 320', 'webp 640', 'webp 700']
    )
    assert.match(
      shown.files[0].url,
      /^https?:\/\/[^/]+\/media\/[0-9a-f-]{36}\/[0-9a-f]{32}-320\.avif$/
    )
  })
})
