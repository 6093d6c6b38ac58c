import { test } from '@japa/runner'
import string from '@adonisjs/core/helpers/string'
import type { ApiClient, ApiResponse } from '@japa/api-client'
import type { Assert } from '@japa/assert'
import bodyParserConfig from '#config/bodyparser'
import type { User } from '#identity/mod'
import {
  FORM_FIELDS,
  createActor,
  getRoutes,
  leaksInternals,
  resetThrottlesFor,
  rowCounts,
  urlFor,
  writeRoutes,
  type TableRoute,
} from './route_table.js'

/**
 * Odd input sent to every route in the table, as JSON and as a form: each
 * odd value in every field at once, a few seeded mixtures, and bodies odd
 * as a whole. Whatever arrives, the answer is a 4xx with a message (or a
 * plain 2xx/3xx), never a 500 or a stack trace, and nothing is written.
 */

interface Oddity {
  label: string
  /** The value as JSON text, so -0, 2^53 + 1 and lone surrogates arrive as written */
  json: string
  /** The field `name` carrying the value, as urlencoded pairs */
  form: (name: string) => string
  /** The value in a URL parameter, when it is text */
  param?: string
}

const encode = encodeURIComponent

function text(label: string, value: string): Oddity {
  return {
    label,
    json: JSON.stringify(value),
    form: (name) => `${encode(name)}=${encode(value)}`,
    param: value.slice(0, 2000),
  }
}

/** A value written out as it is: a number in JSON, the same characters in a form */
function literal(label: string, json: string): Oddity {
  return { label, json, form: (name) => `${encode(name)}=${encode(json)}` }
}

/** A value of another shape, with its urlencoded spelling (`name[]=…`, `name[key]=…`) */
function shaped(label: string, json: string, form: string): Oddity {
  return { label, json, form: (name) => form.replaceAll('NAME', encode(name)) }
}

const FORM_LIMIT = string.bytes.parse(bodyParserConfig.form.limit)!
const JSON_LIMIT = string.bytes.parse(bodyParserConfig.json.limit)!
/** Characters per field for a body of `total` bytes, every field the same length */
const perField = (total: number) => Math.floor(total / FORM_FIELDS.length) - 32

const ODDITIES: Oddity[] = [
  text('a right-to-left override', '\u202Egnp.exe\u202C'),
  text('zero-width joiners and spaces', 'a\u200D\u200C\u200Bb\uFEFF'),
  text('emoji', '👩🏽‍💻🏳️‍🌈🇰🇼'),
  text('stacked combining marks', `Z${'\u0301\u0300\u0323\u0334'.repeat(64)}`),
  text('a NUL byte', 'before\u0000after'),
  text('only a NUL byte', '\u0000'),
  text('markup and SQL', `<script>alert(1)</script>' OR 1=1; --`),
  text('"NaN"', 'NaN'),
  text('"Infinity"', 'Infinity'),
  shaped('lone surrogates', '"\\ud800x\\udfff"', 'NAME=%ED%A0%80x%ED%BF%BF'),
  shaped('invalid UTF-8 in a form, ÿþ in JSON', '"\\u00ff\\u00fe"', 'NAME=%FF%FE%C0%AF'),
  literal('1e308', '1e308'),
  literal('-1e308', '-1e308'),
  literal('-0', '-0'),
  literal('2^53 + 1', '9007199254740993'),
  literal('true', 'true'),
  literal('null', 'null'),
  shaped('an array of strings', '["a","b"]', 'NAME[]=a&NAME[]=b'),
  shaped('an object', '{"key":"value"}', 'NAME[key]=value'),
  shaped('an array of objects', '[{"a":[1]}]', 'NAME[0][a][0]=1'),
  shaped('nesting 64 deep', `${'['.repeat(64)}${']'.repeat(64)}`, `NAME${'[a]'.repeat(64)}=x`),
  text('a long string within the form limit', 'x'.repeat(perField(FORM_LIMIT))),
  text('a long string within the JSON limit', 'y'.repeat(perField(JSON_LIMIT))),
  text('strings just over the JSON limit', 'z'.repeat(perField(JSON_LIMIT) + 1024)),
]

interface Body {
  label: string
  json: string
  form: string
  param?: string
}

function everyField(fields: (name: string) => Oddity): Omit<Body, 'label'> {
  return {
    json: `{${FORM_FIELDS.map((name) => `${JSON.stringify(name)}:${fields(name).json}`).join(',')}}`,
    form: FORM_FIELDS.map((name) => fields(name).form(name)).join('&'),
  }
}

/** mulberry32: the same "random" mixtures on every run */
function seeded(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Small values the input guard lets through, so mixtures reach the validators */
const MIXABLE = ODDITIES.filter(
  (oddity) => oddity.json.length < 1024 && !/\\u0000|\\ud[89a-f]/i.test(oddity.json)
)
const random = seeded(20_240_611)
const MIXTURES: Body[] = Array.from({ length: 6 }, (_, index) => {
  const picks = new Map(
    FORM_FIELDS.map((name) => [name, MIXABLE[Math.floor(random() * MIXABLE.length)]])
  )
  return { label: `seeded mixture ${index + 1}`, ...everyField((name) => picks.get(name)!) }
})

const BODIES: Body[] = [
  ...ODDITIES.map((oddity) => ({
    label: oddity.label,
    param: oddity.param,
    ...everyField(() => oddity),
  })),
  ...MIXTURES,
  {
    label: 'a body nested 10,000 deep',
    json: `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`,
    form: `a${'[a]'.repeat(10_000)}=1`,
  },
  { label: 'a bare JSON string', json: '"just a string"', form: 'just a string' },
  { label: 'a top-level array', json: '[1,2,3]', form: '0=1&1=2' },
]

function emailIn(body: Body, wire: 'json' | 'form') {
  try {
    return wire === 'json'
      ? JSON.parse(body.json)?.email
      : new URLSearchParams(body.form).get('email')
  } catch {
    return undefined
  }
}

/** What is wrong with `response`, or null when it is an answer a person can act on */
function problemWith(response: ApiResponse, wire: 'json' | 'form' | 'query') {
  const status = response.status()
  const isJson = String(response.header('content-type')).startsWith('application/json')
  if (status >= 500) return `answered ${status}: ${response.text().slice(0, 200)}`
  if (leaksInternals(response.text())) return `leaked internals: ${response.text().slice(0, 300)}`
  if (status < 400) return null
  if (wire === 'json' && !isJson) return `${status} as ${response.header('content-type')}`
  const message = isJson ? response.body()?.errors?.[0]?.message : 'a page'
  return typeof message === 'string' && message ? null : `${status} without {errors:[{message}]}`
}

/** Requests as the signed-in `actor`, with a CSRF token, redirects not followed */
function sender(client: ApiClient, actor: User) {
  return (method: string, url: string) =>
    client
      .request(url, method as 'POST')
      .withCsrfToken()
      .loginAs(actor)
      .redirects(0)
}

interface Attempt {
  label: string
  wire: 'json' | 'form' | 'query'
  send: () => Promise<ApiResponse>
}

/** Makes every attempt, then asserts that each was answered well and that no table changed */
async function assertAnsweredWell(assert: Assert, what: string, attempts: Attempt[]) {
  const before = await rowCounts()
  const problems: string[] = []
  for (const attempt of attempts) {
    const problem = problemWith(await attempt.send(), attempt.wire)
    if (problem) problems.push(`${attempt.label}: ${problem}`)
  }
  assert.deepEqual(problems, [], what)
  assert.deepEqual(await rowCounts(), before, `${what} wrote something`)
}

const urlOf = (route: TableRoute, param: string | undefined) =>
  urlFor(route.pattern, param === undefined ? undefined : () => encode(param))

const QUERY_FIELDS = ['lang', 'to', 'page', 'period', 'from', 'touch']
const QUERY_ODDITIES = ODDITIES.filter((oddity) => oddity.form('q').length < 8192)

test.group('Fuzz: odd input to every route', (group) => {
  let actor: User

  group.setup(async () => {
    actor = await createActor()
  })

  for (const route of writeRoutes()) {
    for (const wire of ['json', 'form'] as const) {
      test(`${route.method} ${route.pattern} (${route.name}) as ${wire}`, ({ client, assert }) => {
        const send = sender(client, actor)
        return assertAnsweredWell(
          assert,
          `${route.method} ${route.pattern}`,
          BODIES.map((body) => ({
            label: body.label,
            wire,
            send: async () => {
              await resetThrottlesFor(emailIn(body, wire))
              const request = send(route.method, urlOf(route, body.param))
              return wire === 'json'
                ? request.header('accept', 'application/json').unsafeJson(body.json)
                : request.unsafeForm(body.form)
            },
          }))
        )
      })
    }
  }

  for (const route of getRoutes()) {
    test(`GET ${route.pattern} (${route.name}) with odd query and parameters`, ({
      client,
      assert,
    }) => {
      const send = sender(client, actor)
      return assertAnsweredWell(
        assert,
        `GET ${route.pattern}`,
        QUERY_ODDITIES.map((oddity) => ({
          label: oddity.label,
          wire: 'query',
          send: async () => {
            const query = QUERY_FIELDS.map((name) => oddity.form(name)).join('&')
            return send('GET', `${urlOf(route, oddity.param)}?${query}`)
          },
        }))
      )
    })
  }
})
