/*
| The team page as a data table (sort, filter, pagination, the htmx fragment)
| and the role menu that saves by htmx: the row back with an HX-Trigger flash,
| refusals as a 4xx with their message, and the same change without htmx.
*/
import { test } from '@japa/runner'
import { Membership, type Role, type User } from '#identity/mod'
import { withTenant, type TenantSnapshot } from '#tenancy/mod'
import { createStore, createUser, unique, uniqueEmail } from '#tests/helpers'
import { expectRedirect, expectStatus, formAs, membershipIdOf, membershipOf } from './support.js'

/** A role change as htmx sends it from the row's menu */
function htmxRoleChange(client: any, actor: User, id: string, role: string, lang?: string) {
  const request = client
    .put(`/dashboard/team/${id}`)
    .form({ role })
    .header('HX-Request', 'true')
    .header('HX-Target', `member-${id}`)
    .header('HX-Current-URL', 'http://localhost/dashboard/team')
    .loginAs(actor)
    .withCsrfToken()
    .redirects(0)
  return lang ? request.header('accept-language', lang) : request
}

function flashIn(response: any) {
  const header = response.header('hx-trigger')
  if (!header) return null
  return JSON.parse(header).flash as { tone: string; message: string }
}

async function roleOf(store: TenantSnapshot, user: User) {
  return (await membershipOf(store, user))?.role ?? null
}

/** Adds members with these names (and the role member unless said) to the store */
async function addMembers(store: TenantSnapshot, people: { name: string; role?: Role }[]) {
  const users: User[] = []
  for (const person of people) {
    const user = await createUser(uniqueEmail(unique('p')), person.name)
    await withTenant(store, () =>
      Membership.create({ userId: user.id, role: person.role ?? 'member' })
    )
    users.push(user)
  }
  return users
}

/** The member names in the order the page lists them */
function namesIn(html: string) {
  return [...html.matchAll(/<span class="member-name">([^<]*)<\/span>/g)].map((match) =>
    match[1].trim()
  )
}

test.group('Team table: role menu by htmx', () => {
  test('a role change by htmx answers the row and an HX-Trigger flash', async (ctx) => {
    const { client, assert } = ctx
    const { store, owner, members } = await createStore()
    const id = await membershipIdOf(store, members.member)

    const response = await expectStatus(htmxRoleChange(client, owner, id, 'finance'), 200)
    const html = response.text()
    assert.notInclude(html, '<html')
    assert.match(html.trim(), new RegExp(`^<tr id="member-${id}"`))
    assert.match(html, /<option value="finance"\s+selected/)
    assert.deepEqual(flashIn(response), {
      tone: 'success',
      message: `${members.member.fullName} is now Finance`,
    })
    assert.equal(await roleOf(store, members.member), 'finance')
  })

  test('the HX-Trigger header carries Arabic as \\u escapes', async ({ client, assert }) => {
    const { store, owner, members } = await createStore()
    const id = await membershipIdOf(store, members.member)
    const response = await expectStatus(htmxRoleChange(client, owner, id, 'admin', 'ar'), 200)
    const header = response.header('hx-trigger') ?? ''
    assert.match(header, /^[\x20-\x7e]+$/)
    assert.include(header, '\\u')
    assert.include(flashIn(response)!.message, 'أصبح دور')
  })

  test('the same change without htmx redirects with a flash message', async (ctx) => {
    const { client, assert } = ctx
    const { store, owner, members } = await createStore()
    const id = await membershipIdOf(store, members.finance)
    const response = await expectRedirect(
      formAs(client, owner, 'put', `/dashboard/team/${id}`, { role: 'member' }),
      '/dashboard/team'
    )
    assert.isUndefined(response.header('hx-trigger'))
    assert.equal(response.flashMessages().success, `${members.finance.fullName} is now Member`)
    assert.equal(await roleOf(store, members.finance), 'member')
  })

  test('demoting the last owner by htmx: 422, the row as it was with the message', async (ctx) => {
    const { client, assert } = ctx
    const { store, owner } = await createStore()
    const id = await membershipIdOf(store, owner)
    const response = await expectStatus(htmxRoleChange(client, owner, id, 'admin'), 422)
    const html = response.text()
    assert.notInclude(html, '<html')
    assert.include(html, `<tr id="member-${id}"`)
    assert.include(html, 'The last owner cannot be demoted')
    assert.match(html, /<option value="owner"\s+selected/)
    assert.equal(response.header('hx-reswap'), 'outerHTML')
    assert.equal(flashIn(response)?.tone, 'error')
    assert.include(flashIn(response)!.message, 'The last owner cannot be demoted')
    assert.equal(await roleOf(store, owner), 'owner')
  })

  test('a member without team:manage gets 403 with a message, by htmx too', async (ctx) => {
    const { client, assert } = ctx
    const { store, members } = await createStore()
    const id = await membershipIdOf(store, members.finance)
    const response = await expectStatus(htmxRoleChange(client, members.member, id, 'admin'), 403)
    assert.include(response.text(), 'Your role does not allow this')
    assert.equal(await roleOf(store, members.finance), 'finance')
  })

  test('an admin making someone owner by htmx: 403, the row and the message', async (ctx) => {
    const { client, assert } = ctx
    const { store, members } = await createStore()
    const id = await membershipIdOf(store, members.member)
    const response = await expectStatus(htmxRoleChange(client, members.admin, id, 'owner'), 403)
    assert.include(response.text(), `<tr id="member-${id}"`)
    assert.include(response.text(), 'above your own')
    assert.equal(flashIn(response)?.tone, 'error')
    assert.equal(await roleOf(store, members.member), 'member')
  })

  test('an unknown role by htmx: 422 with the message in the row', async ({ client, assert }) => {
    const { store, owner, members } = await createStore()
    const id = await membershipIdOf(store, members.member)
    const response = await expectStatus(htmxRoleChange(client, owner, id, 'superuser'), 422)
    assert.include(response.text(), `<tr id="member-${id}"`)
    assert.isNotEmpty(flashIn(response)?.message)
    assert.equal(await roleOf(store, members.member), 'member')
  })

  test("another store's member by htmx: 404, a message and nothing of theirs", async (ctx) => {
    const { client, assert } = ctx
    const { owner } = await createStore()
    const other = await createStore()
    const id = await membershipIdOf(other.store, other.members.member)
    const response = await expectStatus(htmxRoleChange(client, owner, id, 'admin'), 404)
    assert.equal(response.header('hx-reswap'), 'none')
    assert.include(flashIn(response)!.message, 'No such member')
    assert.notInclude(response.text(), other.members.member.email)
    assert.equal(await roleOf(other.store, other.members.member), 'member')
  })
})

test.group('Team table: sort, filter, pages', () => {
  async function storeWithNamedMembers() {
    const fixture = await createStore()
    // createStore's four people are all "Test Person"
    const named = await addMembers(fixture.store, [
      { name: 'Zainab Zaki', role: 'admin' },
      { name: 'amal Amin' },
      { name: 'Mona Mansour', role: 'finance' },
    ])
    return { ...fixture, named }
  }

  function teamPage(client: any, actor: User, query = '') {
    return client.get(`/dashboard/team${query}`).loginAs(actor)
  }

  test('sorted by name by default, case aside; desc reverses it', async ({ client, assert }) => {
    const { owner } = await storeWithNamedMembers()
    const asc = namesIn((await expectStatus(teamPage(client, owner), 200)).text())
    assert.deepEqual(asc.slice(0, 2), ['amal Amin', 'Mona Mansour'])
    assert.equal(asc.at(-1), 'Zainab Zaki')

    const page = await expectStatus(teamPage(client, owner, '?sort=name&dir=desc'), 200)
    assert.equal(namesIn(page.text())[0], 'Zainab Zaki')
    assert.match(
      page.text(),
      /<th[^>]*aria-sort="descending"[^>]*>\s*<a\s+class="dt-sort"\s+href="\/dashboard\/team\?sort=name&amp;dir=asc"/
    )
  })

  test('sorted by role: owners first', async ({ client, assert }) => {
    const { owner } = await storeWithNamedMembers()
    const page = await expectStatus(teamPage(client, owner, '?sort=role&dir=asc'), 200)
    const html = page.text()
    const rows = [...html.matchAll(/<tr id="member-[^"]+"[\s\S]*?<\/tr>/g)].map((row) => row[0])
    assert.lengthOf(rows, 7)
    assert.include(rows[0], owner.email)
    assert.include(rows.at(-1)!, 'value="member"')
  })

  test('sorted by email', async ({ client, assert }) => {
    const { owner } = await storeWithNamedMembers()
    const html = (await expectStatus(teamPage(client, owner, '?sort=email&dir=desc'), 200)).text()
    const emails = [...html.matchAll(/<td class="dt-col-email dt-low"><bdi>([^<]+)<\/bdi>/g)].map(
      (match) => match[1]
    )
    assert.lengthOf(emails, 7)
    assert.deepEqual(emails, [...emails].sort().reverse())
  })

  test('filtered by role and by text', async ({ client, assert }) => {
    const { owner, members } = await storeWithNamedMembers()
    const finance = (await expectStatus(teamPage(client, owner, '?role=finance'), 200)).text()
    assert.sameMembers(namesIn(finance), ['Mona Mansour', members.finance.fullName])

    const found = (await expectStatus(teamPage(client, owner, '?q=zak'), 200)).text()
    assert.deepEqual(namesIn(found), ['Zainab Zaki'])

    const none = await expectStatus(teamPage(client, owner, '?q=nobody-at-all'), 200)
    none.assertTextIncludes('No rows match these filters')
    assert.deepEqual(namesIn(none.text()), [])
  })

  test('pages keep the other parameters', async ({ client, assert }) => {
    const { owner } = await storeWithNamedMembers()
    const first = (
      await expectStatus(teamPage(client, owner, '?perPage=10&sort=email'), 200)
    ).text()
    assert.lengthOf(namesIn(first), 7)
    assert.include(first, '1–7 of 7')

    const big = await createStore()
    await addMembers(
      big.store,
      Array.from({ length: 8 }, (_, index) => ({
        name: `Person ${String(index).padStart(2, '0')}`,
      }))
    )
    const page1 = (
      await expectStatus(teamPage(client, big.owner, '?perPage=10&role=member'), 200)
    ).text()
    assert.include(page1, '1–9 of 9')
    const page2 = (await expectStatus(teamPage(client, big.owner, '?perPage=10'), 200)).text()
    assert.include(page2, '1–10 of 12')
    assert.include(page2, 'href="/dashboard/team?perPage=10&amp;page=2"')
    const last = (await expectStatus(teamPage(client, big.owner, '?perPage=10&page=2'), 200)).text()
    assert.lengthOf(namesIn(last), 2)
    assert.include(last, '11–12 of 12')
    assert.include(last, 'href="/dashboard/team?perPage=10"')
  })

  test('bad parameters give the default list, never an error', async ({ client, assert }) => {
    const { owner } = await storeWithNamedMembers()
    const expected = namesIn((await expectStatus(teamPage(client, owner), 200)).text())
    for (const query of [
      '?sort=;drop&page=-1&perPage=99999',
      '?sort=name;drop%20table%20memberships&dir=sideways&role=god',
      '?page=abc&perPage=-5&q=' + 'x'.repeat(500),
      '?page=99999999999999&sort[x]=email',
      '?q=%25%5F%5C',
    ]) {
      const page = await expectStatus(teamPage(client, owner, query), 200)
      if (query.startsWith('?q=%25')) {
        assert.deepEqual(namesIn(page.text()), [], 'LIKE wildcards are taken literally')
      } else {
        assert.deepEqual(namesIn(page.text()), expected, query)
      }
    }
  })

  test('a page past the end shows the last page', async ({ client, assert }) => {
    const { owner } = await storeWithNamedMembers()
    const page = (await expectStatus(teamPage(client, owner, '?perPage=10&page=7'), 200)).text()
    assert.lengthOf(namesIn(page), 7)
  })

  test('htmx asking for #members gets the table alone; boosted links get the page', async (ctx) => {
    const { client, assert } = ctx
    const { owner } = await storeWithNamedMembers()
    const fragment = await expectStatus(
      teamPage(client, owner, '?sort=email')
        .header('HX-Request', 'true')
        .header('HX-Target', 'members'),
      200
    )
    assert.match(fragment.text().trim(), /^<div class="data-table" id="members"/)
    assert.notInclude(fragment.text(), '<html')
    assert.notInclude(fragment.text(), 'invite-form')

    const boosted = await expectStatus(
      teamPage(client, owner).header('HX-Request', 'true').header('HX-Boosted', 'true'),
      200
    )
    assert.include(boosted.text(), '<html')
    assert.include(boosted.text(), 'id="members"')
  })

  test('sort, filter and page links carry htmx attributes and a plain href', async (ctx) => {
    const { client, assert } = ctx
    const { owner } = await storeWithNamedMembers()
    const html = (await expectStatus(teamPage(client, owner), 200)).text()
    const sortLink = /<a\s+class="dt-sort"\s+href="([^"]+)"\s+hx-get="([^"]+)"([^>]*)>/.exec(html)
    assert.exists(sortLink)
    assert.equal(sortLink![1], sortLink![2])
    assert.include(sortLink![3], 'hx-target="#members"')
    assert.include(sortLink![3], 'hx-select="#members"')
    assert.include(sortLink![3], 'hx-push-url="true"')
    assert.match(html, /<form\s+class="dt-filters"\s+method="GET"\s+action="\/dashboard\/team"/)
  })

  test('a member without team:manage sees roles as badges, and no role menus', async (ctx) => {
    const { client, assert } = ctx
    const { members } = await storeWithNamedMembers()
    const html = (await expectStatus(teamPage(client, members.member), 200)).text()
    assert.notInclude(html, 'class="role-form"')
    assert.include(html, 'class="row-menu"')
    assert.lengthOf(namesIn(html), 7)
  })
})
