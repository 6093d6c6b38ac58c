import { test } from '@japa/runner'
import {
  DEFAULT_PER_PAGE,
  asciiJson,
  listHref,
  listParams,
  paginate,
  parseListQuery,
} from '#core/mod'

const OPTIONS = {
  sorts: ['name', 'email', 'role'] as const,
  defaultSort: 'name' as const,
  filters: { role: ['owner', 'admin', 'member'], q: { maxLength: 10 } },
}

test.group('parseListQuery', () => {
  test('reads allowed values', ({ assert }) => {
    const list = parseListQuery(
      { sort: 'email', dir: 'desc', page: '3', perPage: '50', role: 'admin', q: ' lay ' },
      OPTIONS
    )
    assert.deepEqual(list, {
      sort: 'email',
      dir: 'desc',
      page: 3,
      perPage: 50,
      filters: { role: 'admin', q: 'lay' },
    })
  })

  test('nothing given: the defaults', ({ assert }) => {
    assert.deepEqual(parseListQuery({}, OPTIONS), {
      sort: 'name',
      dir: 'asc',
      page: 1,
      perPage: DEFAULT_PER_PAGE,
      filters: {},
    })
  })

  test('bad values fall back to the defaults, one by one', ({ assert }) => {
    const list = parseListQuery(
      {
        sort: ';drop table memberships',
        dir: 'sideways',
        page: '-1',
        perPage: '99999',
        role: 'superuser',
        q: 'far too long a search',
      },
      OPTIONS
    )
    assert.deepEqual(list, { sort: 'name', dir: 'asc', page: 1, perPage: 20, filters: {} })
  })

  const oddPages: unknown[] = ['0', '1.5', '1e3', ' 2', '0x10', 'NaN', '99999999999', '', null, {}]
  for (const page of oddPages) {
    test(`page ${JSON.stringify(page)} is page 1`, ({ assert }) => {
      assert.equal(parseListQuery({ page }, OPTIONS).page, 1)
    })
  }

  test('a parameter given twice counts once (the first); objects are ignored', ({ assert }) => {
    const list = parseListQuery(
      { sort: ['role', 'email'], dir: { a: 1 }, perPage: ['10'], role: ['owner', 'admin'] },
      OPTIONS
    )
    assert.equal(list.sort, 'role')
    assert.equal(list.dir, 'asc')
    assert.equal(list.perPage, 10)
    assert.equal(list.filters.role, 'owner')
  })

  test('page sizes only from the allowed list, the default always allowed', ({ assert }) => {
    const options = { ...OPTIONS, perPage: 25, perPageOptions: [5, 50] }
    assert.equal(parseListQuery({ perPage: '5' }, options).perPage, 5)
    assert.equal(parseListQuery({ perPage: '25' }, options).perPage, 25)
    assert.equal(parseListQuery({ perPage: '20' }, options).perPage, 25)
  })

  test('a text filter counts characters, not UTF-16 units, and ignores blank text', ({
    assert,
  }) => {
    assert.equal(parseListQuery({ q: 'ليلى حداد' }, OPTIONS).filters.q, 'ليلى حداد')
    assert.equal(parseListQuery({ q: '😀'.repeat(10) }, OPTIONS).filters.q, '😀'.repeat(10))
    assert.isUndefined(parseListQuery({ q: '   ' }, OPTIONS).filters.q)
  })
})

test.group('paginate', () => {
  test('the rows a page holds', ({ assert }) => {
    assert.deepEqual(paginate({ page: 2, perPage: 10 }, 25), {
      page: 2,
      perPage: 10,
      total: 25,
      lastPage: 3,
      from: 11,
      to: 20,
      offset: 10,
      previousPage: 1,
      nextPage: 3,
    })
  })

  test('a page past the end is the last page', ({ assert }) => {
    const page = paginate({ page: 9, perPage: 10 }, 25)
    assert.equal(page.page, 3)
    assert.equal(page.from, 21)
    assert.equal(page.to, 25)
    assert.isNull(page.nextPage)
  })

  test('no rows: one empty page', ({ assert }) => {
    const page = paginate({ page: 4, perPage: 10 }, 0)
    assert.include(page, { page: 1, lastPage: 1, from: 0, to: 0, offset: 0 })
    assert.isNull(page.previousPage)
    assert.isNull(page.nextPage)
  })
})

test.group('list links', () => {
  test('listParams leaves the defaults out', ({ assert }) => {
    const defaults = { sort: 'name', perPage: 20 }
    const list = parseListQuery({}, OPTIONS)
    assert.deepEqual(listParams(list, defaults), {})
    const other = parseListQuery({ sort: 'role', page: '2', perPage: '50', role: 'owner' }, OPTIONS)
    assert.deepEqual(listParams(other, defaults), {
      role: 'owner',
      sort: 'role',
      dir: 'asc',
      perPage: '50',
      page: '2',
    })
  })

  test('listHref keeps the other parameters and drops the ones set to null', ({ assert }) => {
    const params = { role: 'owner', sort: 'email', dir: 'desc', page: '3' }
    assert.equal(
      listHref('/dashboard/team', params, { page: 4 }),
      '/dashboard/team?role=owner&sort=email&dir=desc&page=4'
    )
    assert.equal(
      listHref('/dashboard/team', params, { role: null, page: null }),
      '/dashboard/team?sort=email&dir=desc'
    )
    assert.equal(listHref('/dashboard/team', {}), '/dashboard/team')
    assert.equal(listHref('/t', { q: 'a&b=c' }), '/t?q=a%26b%3Dc')
  })
})

test.group('asciiJson', () => {
  test('escapes everything outside ASCII, and parses back to the same value', ({ assert }) => {
    const value = { flash: { tone: 'success', message: 'أصبح دور ليلى: مدير 😀 café' } }
    const text = asciiJson(value)
    assert.match(text, /^[\x20-\x7e]*$/)
    assert.include(text, '\\u0623')
    assert.deepEqual(JSON.parse(text), value)
  })
})
