import { test } from '@japa/runner'
import type { User } from '#identity/mod'
import { UpdateStoreSettings, withTenant } from '#tenancy/mod'
import { createStore, type TestStore } from '#tests/helpers'
import { activitiesOf, catalogOf, seedCategory, seedProduct } from './support.js'
import { formAs } from '../identity/support.js'

const IMPORTS = '/dashboard/catalog/product-imports'
const HEADER =
  'handle,title,status,category,tags,track_stock,description,option1_name,option1_value,option2_name,option2_value,option3_name,option3_value,sku,price,compare_at_price,cost,stock'

function csvOf(...rows: string[]) {
  return [HEADER, ...rows].join('\n') + '\n'
}

/** The file picker's request: the file as the body, the CSRF token in a header */
function sendFile(client: any, actor: User, csv: string, fileName = 'products.csv') {
  return client
    .post(IMPORTS)
    .unsafeJson(csv)
    .type('text/csv')
    .header('accept', 'application/json')
    .header('x-file-name', encodeURIComponent(fileName))
    .loginAs(actor)
    .withCsrfToken()
    .redirects(0)
}

/** Follows an import's page (JSON) until the queue worker has finished it */
async function settled(client: any, actor: User, location: string) {
  for (let attempt = 0; attempt < 100; attempt++) {
    const response = await client.get(location).header('accept', 'application/json').loginAs(actor)
    const run = response.body()
    if (run.status !== 'queued' && run.status !== 'running') return run
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`the import at ${location} did not finish`)
}

async function imported(client: any, fixture: TestStore, csv: string, actor = fixture.owner) {
  const response = await sendFile(client, actor, csv)
  response.assertStatus(201)
  return settled(client, actor, response.body().location)
}

async function inKuwaitiDinars(fixture: TestStore) {
  await withTenant(fixture.store, () =>
    new UpdateStoreSettings().handle({
      actorUserId: fixture.owner.id,
      storeName: fixture.store.name,
      defaultCurrency: 'KWD',
      defaultLocale: 'en',
      tagline: '',
    })
  )
}

test.group('Catalog CSV | import', () => {
  test('a good file adds products with their variants, categories and stock, as one import', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    await inKuwaitiDinars(fixture)
    await seedCategory(fixture, 'Perfume')
    const run = await imported(
      client,
      fixture,
      csvOf(
        'oud-oil,Oud Oil,active,Perfume,"oud, gift",true,"Rich, dark",Size,3 ml,,,,,OUD-3,12.500,,4.250,7',
        'oud-oil,,,,,,,,6 ml,,,,,OUD-6,22.750,25.000,,3',
        'bakhoor,بخور,draft,,,,,,,,,,,BAK,0.750,,,0'
      )
    )

    assert.equal(run.status, 'done', JSON.stringify(run.problems))
    assert.deepEqual(run.result, { created: 2, updated: 0, variants: 3 })
    const { products, variants, movements, categories } = await catalogOf(fixture)
    assert.sameMembers(
      products.map((product: any) => product.title),
      ['Oud Oil', 'بخور']
    )
    const oud = products.find((product: any) => product.slug === 'oud-oil')
    assert.equal(oud.category_id, categories[0].id)
    assert.deepEqual(oud.tags, ['oud', 'gift'])
    assert.equal(oud.currency, 'KWD')
    const sixMl = variants.find((variant: any) => variant.sku === 'OUD-6')
    assert.equal(sixMl.price_amount, '22750')
    assert.equal(sixMl.compare_at_amount, '25000')
    assert.equal(sixMl.stock, 3)
    assert.sameMembers(
      movements.map((movement: any) => `${movement.reason}:${movement.delta}`),
      ['import:7', 'import:3']
    )
    const log = await activitiesOf(fixture)
    assert.deepEqual(
      log.map((entry: any) => entry.action),
      ['catalog.category_created', 'catalog.products_imported']
    )
  })

  test('a file with problems names each line and column and changes nothing', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    await seedProduct(fixture, { title: 'Kept', price: 1000n })
    const before = await catalogOf(fixture)
    const run = await imported(
      client,
      fixture,
      csvOf(
        'good,Good,active,,,,,,,,,,,G-1,5.00,,,1',
        'bad-price,Bad price,active,,,,,,,,,,,,12.345,,,1',
        ',No handle,active,,,,,,,,,,,,1.00,,,1',
        'bad-status,Bad status,live,,,maybe,,,,,,,,,1.00,,,-2',
        'no-cat,No category,active,Nowhere,,,,,,,,,,,1.00,,,1'
      )
    )

    assert.equal(run.status, 'rejected')
    const found = run.problems.map((problem: any) => `${problem.line}:${problem.column}`)
    assert.includeMembers(found, ['3:price', '4:handle', '5:status', '5:track_stock', '5:stock'])
    for (const problem of run.problems) assert.isAbove(problem.message.length, 10)
    assert.deepEqual(await catalogOf(fixture), before)
  })

  test('a KWD price that reads two ways ("22,750") is refused with both readings, nothing imported', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    await inKuwaitiDinars(fixture)
    const before = await catalogOf(fixture)
    const run = await imported(
      client,
      fixture,
      csvOf(
        'clear,Clear,active,,,,,,,,,,,C-1,22.750,,,1',
        'grouped,Grouped,active,,,,,,,,,,,G-1,"22,750",,,1'
      )
    )

    assert.equal(run.status, 'rejected')
    const problem = run.problems.find((candidate: any) => candidate.line === 3)
    assert.equal(problem?.column, 'price', JSON.stringify(run.problems))
    assert.include(problem.message, '22750')
    assert.include(problem.message, '22.750')
    assert.deepEqual(await catalogOf(fixture), before)
  })

  test('a problem found while writing (a SKU already taken) rolls the whole file back', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    await seedProduct(fixture, { title: 'Holder', sku: 'TAKEN' })
    const before = await catalogOf(fixture)
    const run = await imported(
      client,
      fixture,
      csvOf(
        'first,First,active,,,,,,,,,,,NEW-1,1.00,,,1',
        'second,Second,active,,,,,,,,,,,TAKEN,1.00,,,1'
      )
    )

    assert.equal(run.status, 'rejected')
    assert.equal(run.problems[0].line, 3)
    assert.include(run.problems[0].message, 'TAKEN')
    assert.deepEqual(await catalogOf(fixture), before)
  })

  test('an exported file imports back unchanged, and edited prices and stock update it', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    await seedProduct(fixture, { title: 'Tee', price: 1800n, sizes: ['S', 'M'], sku: 'TEE' })
    const exported = await client.get('/dashboard/catalog/products.csv').loginAs(fixture.owner)
    exported.assertStatus(200)
    assert.include(exported.header('content-type') ?? '', 'text/csv')
    assert.match(exported.header('content-disposition') ?? '', /attachment; filename=".+\.csv"/)
    const text = exported.text().replace(/^\uFEFF/, '')
    assert.include(text, 'tee,Tee')
    assert.include(text, ',S,')
    assert.include(text, '18.00')

    const same = await imported(client, fixture, text)
    assert.equal(same.status, 'done', JSON.stringify(same.problems))
    assert.deepEqual(same.result, { created: 0, updated: 1, variants: 2 })

    const edited = text.replace(',18.00,', ',19.50,').replace(/,10,USD\n/, ',4,USD\n')
    const run = await imported(client, fixture, edited)
    assert.equal(run.status, 'done', JSON.stringify(run.problems))
    const { variants, movements } = await catalogOf(fixture)
    assert.sameMembers(
      variants.map((variant: any) => `${variant.option1}:${variant.price_amount}:${variant.stock}`),
      ['S:1950:4', 'M:1800:10']
    )
    assert.include(
      movements.map((movement: any) => `${movement.reason}:${movement.delta}`),
      'import:-6'
    )
  })

  test("a file that needs more products than the plan allows is rejected whole, with the plan's message", async ({
    client,
    assert,
  }) => {
    const fixture = await createStore({ plan: 'free' })
    const rows = Array.from(
      { length: 26 },
      (_, index) => `p-${index},P ${index},active,,,,,,,,,,,,1.00,,,1`
    )
    const run = await imported(client, fixture, csvOf(...rows))

    assert.equal(run.status, 'rejected')
    assert.lengthOf(run.problems, 1)
    assert.match(run.problems[0].message, /plan|25/i)
    assert.lengthOf((await catalogOf(fixture)).products, 0)
  })

  test('the pasted form works without script, and sends the member to the run page', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const response = await formAs(client, fixture.owner, 'post', IMPORTS, {
      csv: csvOf('pasted,Pasted,active,,,,,,,,,,,,2.00,,,0'),
    })
    response.assertStatus(303)
    const location = response.header('location')
    assert.match(location, /^\/dashboard\/catalog\/product-imports\/[0-9a-f-]{36}$/)
    const run = await settled(client, fixture.owner, location)
    assert.equal(run.status, 'done')
    const page = await client.get(location).loginAs(fixture.owner)
    page.assertStatus(200)
    assert.include(page.text(), '1 products added')
  })

  test('nothing sent, an unreadable file or a wrong header are refused with what to do', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const empty = await formAs(client, fixture.owner, 'post', IMPORTS, { csv: '' })
    empty.assertStatus(422)
    assert.include(empty.text(), 'Choose a CSV file')

    const unreadable = await imported(client, fixture, 'handle,title,price\n"open,quote,1\n')
    assert.equal(unreadable.status, 'rejected')
    assert.include(unreadable.problems[0].message, 'CSV')

    const wrongHeader = await imported(client, fixture, 'name,cost\nx,1\n')
    assert.equal(wrongHeader.status, 'rejected')
    assert.includeMembers(
      wrongHeader.problems.map((problem: any) => problem.column),
      ['handle', 'title', 'price']
    )
    assert.lengthOf((await catalogOf(fixture)).products, 0)
  })

  test('finance cannot import; nobody imports into or reads another store', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const other = await createStore()
    await seedProduct(other, { title: 'Theirs' })
    const csv = csvOf('mine,Mine,active,,,,,,,,,,,,1.00,,,0')

    ;(await sendFile(client, fixture.members.finance, csv)).assertStatus(403)
    const finance = await client.get(`${IMPORTS}/create`).loginAs(fixture.members.finance)
    finance.assertStatus(403)

    const mine = await sendFile(client, fixture.owner, csv)
    const location = mine.body().location
    const peek = await client.get(location).loginAs(other.owner)
    peek.assertStatus(404)
    assert.notInclude(peek.text(), 'Mine')

    const theirExport = await client.get('/dashboard/catalog/products.csv').loginAs(fixture.owner)
    assert.notInclude(theirExport.text(), 'Theirs')
    await settled(client, fixture.owner, location)
    assert.lengthOf((await catalogOf(other)).products, 1)
  })
})
