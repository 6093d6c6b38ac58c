import { test } from '@japa/runner'
import { createStore } from '#tests/helpers'
import { expectRedirect, expectStatus, jsonAs } from '../identity/support.js'
import {
  CATEGORIES,
  activitiesOf,
  catalogOf,
  seedCategory,
  seedProduct,
  sendForm,
} from './support.js'
import { withTenant } from '#tenancy/mod'
import db from '@adonisjs/lucid/services/db'

test.group('Catalog categories | who may see and change them', () => {
  for (const role of ['owner', 'admin', 'finance', 'member'] as const) {
    test(`a ${role} sees the categories`, async ({ client, assert }) => {
      const fixture = await createStore()
      await seedCategory(fixture, 'Shirts')
      const response = await client.get(CATEGORIES).loginAs(fixture.members[role])
      response.assertStatus(200)
      assert.include(response.text(), 'Shirts')
      assert.equal(response.text().includes('id="category-form"'), role !== 'finance')
    })
  }

  test('finance cannot create, change, move or delete a category (403)', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const category = await seedCategory(fixture, 'Shirts')
    const finance = fixture.members.finance
    const before = await catalogOf(fixture)
    await expectStatus(sendForm(client, finance, 'post', CATEGORIES, { name: 'Hats' }), 403)
    await expectStatus(
      sendForm(client, finance, 'put', `${CATEGORIES}/${category.id}`, { name: 'Renamed' }),
      403
    )
    await expectStatus(
      sendForm(client, finance, 'put', `${CATEGORIES}/${category.id}/position`, {
        direction: 'down',
      }),
      403
    )
    await expectStatus(sendForm(client, finance, 'delete', `${CATEGORIES}/${category.id}`), 403)
    assert.deepEqual(await catalogOf(fixture), before)
  })
})

test.group('Catalog categories | the tree', () => {
  test('a member creates nested categories; the list indents them under their parent', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const member = fixture.members.member
    await expectRedirect(
      sendForm(client, member, 'post', CATEGORIES, { name: 'Clothing' }),
      CATEGORIES
    )
    const [clothing] = (await catalogOf(fixture)).categories
    assert.equal(clothing.slug, 'clothing')
    await expectRedirect(
      sendForm(client, member, 'post', CATEGORIES, { name: 'Shirts', parentId: clothing.id }),
      CATEGORIES
    )
    await expectRedirect(sendForm(client, member, 'post', CATEGORIES, { name: 'Mugs' }), CATEGORIES)
    const state = await catalogOf(fixture)
    const shirts = state.categories.find((category: any) => category.name === 'Shirts')
    assert.equal(shirts.parent_id, clothing.id)
    const html = (await client.get(CATEGORIES).loginAs(member)).text()
    assert.isBelow(html.indexOf('>Clothing<'), html.indexOf('>Shirts<'))
    assert.isBelow(html.indexOf('>Shirts<'), html.indexOf('>Mugs<'))
    assert.match(html, /— <\/span>\s*<a[^>]*>Shirts</)
    const actions = (await activitiesOf(fixture)).map((entry) => entry.action)
    assert.deepEqual(actions, [
      'catalog.category_created',
      'catalog.category_created',
      'catalog.category_created',
    ])
  })

  test('move up and down among siblings', async ({ client, assert }) => {
    const fixture = await createStore()
    const a = await seedCategory(fixture, 'A')
    const b = await seedCategory(fixture, 'B')
    const c = await seedCategory(fixture, 'C')
    const order = async () =>
      (await catalogOf(fixture)).categories.map((category: any) => category.name)
    assert.deepEqual(await order(), ['A', 'B', 'C'])
    await expectStatus(
      sendForm(client, fixture.owner, 'put', `${CATEGORIES}/${c.id}/position`, { direction: 'up' }),
      302
    )
    assert.deepEqual(await order(), ['A', 'C', 'B'])
    await expectStatus(
      sendForm(client, fixture.owner, 'put', `${CATEGORIES}/${a.id}/position`, {
        direction: 'down',
      }),
      302
    )
    assert.deepEqual(await order(), ['C', 'A', 'B'])
    await expectStatus(
      sendForm(client, fixture.owner, 'put', `${CATEGORIES}/${b.id}/position`, { position: 0 }),
      302
    )
    assert.deepEqual(await order(), ['B', 'C', 'A'])
    await expectStatus(
      sendForm(client, fixture.owner, 'put', `${CATEGORIES}/${b.id}/position`, {
        direction: 'sideways',
      }),
      422
    )
  })

  test('edit: rename and move under another; never under itself or its own child', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const parent = await seedCategory(fixture, 'Parent')
    const child = await seedCategory(fixture, 'Child', parent.id)
    await expectStatus(client.get(`${CATEGORIES}/${child.id}/edit`).loginAs(fixture.owner), 200)
    const refused = await sendForm(client, fixture.owner, 'put', `${CATEGORIES}/${parent.id}`, {
      name: 'Parent',
      parentId: child.id,
    })
    refused.assertStatus(422)
    assert.include(refused.text(), 'A category cannot be inside one of its own sub-categories')
    await expectRedirect(
      sendForm(client, fixture.owner, 'put', `${CATEGORIES}/${child.id}`, {
        name: 'Top Child',
        handle: 'top-child',
        parentId: '',
      }),
      CATEGORIES
    )
    const state = await catalogOf(fixture)
    const moved = state.categories.find((category: any) => category.id === child.id)
    assert.equal(moved.name, 'Top Child')
    assert.isNull(moved.parent_id)
  })

  test('a taken slug and a missing name are refused beside the field', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    await seedCategory(fixture, 'Shirts')
    const before = await catalogOf(fixture)
    const taken = await sendForm(client, fixture.owner, 'post', CATEGORIES, { name: 'Shirts' })
    taken.assertStatus(422)
    assert.include(taken.text(), 'Another category already uses the URL handle “shirts”')
    assert.include(taken.text(), 'id="handle-error"')
    const empty = await sendForm(client, fixture.owner, 'post', CATEGORIES, { name: '' })
    empty.assertStatus(422)
    assert.include(empty.text(), 'id="name-error"')
    const json = await jsonAs(client, fixture.owner, 'post', CATEGORIES, { name: 'Shirts' })
    json.assertStatus(409)
    assert.equal(json.body().errors[0].field, 'handle')
    assert.deepEqual(await catalogOf(fixture), before)
  })

  test('a category with sub-categories is not deleted; its products keep existing without it', async ({
    client,
    assert,
  }) => {
    const fixture = await createStore()
    const parent = await seedCategory(fixture, 'Parent')
    const child = await seedCategory(fixture, 'Child', parent.id)
    const { product } = await seedProduct(fixture)
    await withTenant(fixture.store, () =>
      db.from('products').where('id', product.id).update({ category_id: child.id })
    )
    const refused = await sendForm(client, fixture.owner, 'delete', `${CATEGORIES}/${parent.id}`)
    refused.assertStatus(409)
    assert.include(refused.text(), '“Parent” has sub-categories: move or delete them first')
    assert.lengthOf((await catalogOf(fixture)).categories, 2)

    await expectRedirect(
      sendForm(client, fixture.owner, 'delete', `${CATEGORIES}/${child.id}`),
      CATEGORIES
    )
    const state = await catalogOf(fixture)
    assert.lengthOf(state.categories, 1)
    assert.lengthOf(state.products, 1)
    assert.isNull(state.products[0].category_id)
    assert.equal(state.products[0].tenant_id, fixture.store.id)
  })
})

test.group('Catalog categories | another store', () => {
  test("another store's member gets 404 for the first store's category ids", async ({
    client,
    assert,
  }) => {
    const a = await createStore()
    const b = await createStore()
    const category = await seedCategory(a, 'Secret Category')
    const before = await catalogOf(a)
    const intruder = b.members.member
    await expectStatus(client.get(`${CATEGORIES}/${category.id}/edit`).loginAs(intruder), 404)
    await expectStatus(
      sendForm(client, intruder, 'put', `${CATEGORIES}/${category.id}`, { name: 'Mine' }),
      404
    )
    await expectStatus(
      sendForm(client, intruder, 'put', `${CATEGORIES}/${category.id}/position`, {
        direction: 'up',
      }),
      404
    )
    await expectStatus(sendForm(client, intruder, 'delete', `${CATEGORIES}/${category.id}`), 404)
    const asParent = await sendForm(client, intruder, 'post', CATEGORIES, {
      name: 'Child of theirs',
      parentId: category.id,
    })
    asParent.assertStatus(422)
    const list = await client.get(CATEGORIES).loginAs(intruder)
    assert.notInclude(list.text(), 'Secret Category')
    assert.deepEqual(await catalogOf(a), before)
  })
})
