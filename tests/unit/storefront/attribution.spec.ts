import { test } from '@japa/runner'
import { createHmac } from 'node:crypto'
import redis from '@adonisjs/redis/services/main'
import { DateTime } from 'luxon'
import { clock } from '#core/mod'
import {
  deviceClassOf,
  isRobot,
  referrerHostOf,
  touchOf,
  utmOf,
  type Utm,
} from '#storefront/services/visits_rules'
import { laterTouch, saltOf, utcDay, visitorHashOf } from '#storefront/services/visits_store'

const NO_UTM: Utm = { source: null, medium: null, campaign: null, term: null, content: null }
const OWN = ['demo.localhost', 'localhost']

const CHROME_DESKTOP =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36'
const IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1'
const IPAD =
  'Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1'
const ANDROID_PHONE =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Mobile Safari/537.36'
const ANDROID_TABLET =
  'Mozilla/5.0 (Linux; Android 13; SM-X700) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36'

test.group('Attribution | where a visit came from', () => {
  const cases: [string, Parameters<typeof touchOf>[0], ReturnType<typeof touchOf>][] = [
    [
      'utm_source wins over the referrer',
      {
        utm: { ...NO_UTM, source: 'google', medium: 'cpc', campaign: 'eid' },
        referrerHost: 'instagram.com',
        ownHosts: OWN,
        sameOrigin: false,
      },
      { source: 'google', medium: 'cpc', campaign: 'eid' },
    ],
    [
      'utm_source wins even on a click inside the store',
      {
        utm: { ...NO_UTM, source: 'newsletter' },
        referrerHost: null,
        ownHosts: OWN,
        sameOrigin: true,
      },
      { source: 'newsletter', medium: 'none', campaign: null },
    ],
    [
      'another site is a referral under its host',
      { utm: NO_UTM, referrerHost: 'instagram.com', ownHosts: OWN, sameOrigin: false },
      { source: 'instagram.com', medium: 'referral', campaign: null },
    ],
    [
      'no referrer and no utm is direct',
      { utm: NO_UTM, referrerHost: null, ownHosts: OWN, sameOrigin: false },
      { source: 'direct', medium: 'none', campaign: null },
    ],
    [
      'a click inside the store (same origin) starts nothing',
      { utm: NO_UTM, referrerHost: null, ownHosts: OWN, sameOrigin: true },
      null,
    ],
    [
      'a referrer that is the store itself starts nothing',
      { utm: NO_UTM, referrerHost: 'demo.localhost', ownHosts: OWN, sameOrigin: false },
      null,
    ],
  ]
  for (const [name, arrival, expected] of cases) {
    test(name, ({ assert }) => {
      assert.deepEqual(touchOf(arrival), expected)
    })
  }

  test('UTM values are trimmed, capped, cleaned, and source/medium lower-cased', ({ assert }) => {
    const utm = utmOf({
      utm_source: '  Google ',
      utm_medium: 'CPC',
      utm_campaign: 'Eid\u0000Sale',
      utm_term: 'x'.repeat(400),
      utm_content: ['first', 'second'],
    })
    assert.equal(utm.source, 'google')
    assert.equal(utm.medium, 'cpc')
    assert.equal(utm.campaign, 'EidSale')
    assert.lengthOf(utm.term!, 150)
    assert.equal(utm.content, 'first')
    assert.deepEqual(utmOf({ utm_source: '   ', utm_medium: 42 }), NO_UTM)
  })

  test('a referrer is kept as its host only, without www', ({ assert }) => {
    assert.equal(referrerHostOf('https://www.Google.com/search?q=my+secret'), 'google.com')
    assert.equal(referrerHostOf('http://l.instagram.com/path'), 'l.instagram.com')
    assert.isNull(referrerHostOf('android-app://com.google'))
    assert.isNull(referrerHostOf('not a url'))
    assert.isNull(referrerHostOf(undefined))
  })

  test('a later direct visit does not replace a campaign as last touch', ({ assert }) => {
    const ad = { source: 'google', medium: 'cpc', campaign: 'eid', at: '2026-01-01T10:00:00Z' }
    const typed = { source: 'direct', medium: 'none', campaign: null, at: '2026-01-02T10:00:00Z' }
    const mail = {
      source: 'newsletter',
      medium: 'email',
      campaign: null,
      at: '2026-01-03T10:00:00Z',
    }
    assert.deepEqual(laterTouch(ad, typed), ad)
    assert.deepEqual(laterTouch(typed, ad), ad)
    assert.deepEqual(laterTouch(ad, mail), mail)
    assert.deepEqual(laterTouch(mail, ad), mail)
    assert.deepEqual(laterTouch(null, typed), typed)
  })
})

test.group('Attribution | device class', () => {
  const cases: [string, string, string][] = [
    ['desktop Chrome', CHROME_DESKTOP, 'desktop'],
    ['an iPhone', IPHONE, 'mobile'],
    ['an Android phone', ANDROID_PHONE, 'mobile'],
    ['an iPad', IPAD, 'tablet'],
    ['an Android tablet (no "Mobile")', ANDROID_TABLET, 'tablet'],
    ['an unknown agent', 'Mozilla/5.0 (SomethingNew)', 'desktop'],
  ]
  for (const [name, agent, expected] of cases) {
    test(`${name} is ${expected}`, ({ assert }) => {
      assert.equal(deviceClassOf(agent), expected)
    })
  }
})

test.group('Attribution | robots are not visitors', () => {
  const robots = [
    'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
    'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)',
    'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)',
    'Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)',
    'Mozilla/5.0 (compatible; YandexSpider/3.0)',
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/130.0 Safari/537.36',
    'Mozilla/5.0 (Linux; Android 11; moto g power) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Mobile Safari/537.36 Chrome-Lighthouse',
    'curl/8.5.0',
    'Wget/1.21.4',
    'python-requests/2.32.3',
    'Go-http-client/1.1',
    'UptimeRobot/2.0 (http://www.uptimerobot.com/)',
    'Pingdom.com_bot_version_1.4_(http://www.pingdom.com/)',
    'node-superagent/3.8.3',
    '',
    'Mozilla',
  ]
  for (const agent of robots) {
    test(`"${agent.slice(0, 60)}" is a robot`, ({ assert }) => {
      assert.isTrue(isRobot(agent))
    })
  }
  for (const agent of [CHROME_DESKTOP, IPHONE, IPAD, ANDROID_PHONE, ANDROID_TABLET]) {
    test(`"${agent.slice(13, 60)}" is a shopper`, ({ assert }) => {
      assert.isFalse(isRobot(agent))
    })
  }
})

test.group('Attribution | the visitor hash', (group) => {
  group.each.teardown(() => clock.travelTo(null))

  test('the salt is one per UTC day, random, and changes with the day', async ({ assert }) => {
    clock.travelTo(DateTime.fromISO('2031-03-01T23:59:00Z'))
    const day = utcDay()
    assert.equal(day, '2031-03-01')
    const salt = await saltOf(day)
    assert.match(salt, /^[0-9a-f]{64}$/)
    assert.equal(await saltOf(day), salt, 'the same all day')
    clock.travelTo(DateTime.fromISO('2031-03-02T00:00:01Z'))
    const next = await saltOf(utcDay())
    assert.notEqual(next, salt, 'a new day, a new salt')
    // kept in Redis only, and only for a while
    const ttl = await redis.ttl('storefront:visits:salt:2031-03-02')
    assert.isAbove(ttl, 0)
    assert.isAtMost(ttl, 2 * 24 * 60 * 60)
  })

  test('the hash does not carry the address and cannot be redone without the salt', ({
    assert,
  }) => {
    const salt = 'a'.repeat(64)
    const ip = '203.0.113.7'
    const hash = visitorHashOf(salt, ip, CHROME_DESKTOP)
    assert.match(hash, /^[0-9a-f]{32}$/)
    assert.notInclude(hash, '203')
    assert.equal(hash, visitorHashOf(salt, ip, CHROME_DESKTOP), 'stable within the day')
    assert.notEqual(hash, visitorHashOf('b'.repeat(64), ip, CHROME_DESKTOP), 'another day')
    assert.notEqual(hash, visitorHashOf(salt, '203.0.113.8', CHROME_DESKTOP))
    // guessing every address of the /24 without the salt finds nothing
    const unsalted = Array.from({ length: 256 }, (_, n) =>
      createHmac('sha256', '')
        .update(`203.0.113.${n}\n${CHROME_DESKTOP}`)
        .digest('hex')
        .slice(0, 32)
    )
    assert.notInclude(unsalted, hash)
  })
})
