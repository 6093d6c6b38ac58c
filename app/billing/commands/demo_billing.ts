import { flags } from '@adonisjs/core/ace'
import { randomBytes } from 'node:crypto'
import { BillingCommand } from '../services/billing_command.js'

const DEMO_PRICE = 'price_bazaar_demo_pro'
const PASSWORD = 'bazaar-demo-123'

/** A signed-out visitor's cookies, kept between requests the way a browser keeps them */
class Session {
  private cookies = new Map<string, string>()

  constructor(private base: string) {}

  async send(path: string, init: RequestInit & { form?: Record<string, string> } = {}) {
    const headers = new Headers(init.headers)
    if (this.cookies.size) {
      headers.set('cookie', [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; '))
    }
    let body = init.body
    if (init.form) {
      headers.set('content-type', 'application/x-www-form-urlencoded')
      body = new URLSearchParams(init.form).toString()
    }
    const response = await fetch(`${this.base}${path}`, {
      ...init,
      headers,
      body,
      redirect: 'manual',
    })
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';')
      const index = pair.indexOf('=')
      this.cookies.set(pair.slice(0, index).trim(), pair.slice(index + 1).trim())
    }
    return response
  }

  /** The `_csrf` field of the form on the page at `path` */
  async csrfOf(path: string) {
    const page = await this.send(path)
    const token = /name=['"]_csrf['"]\s+value=['"]([^'"]+)['"]/.exec(await page.text())?.[1]
    if (!token) throw new Error(`no form on ${path} (status ${page.status})`)
    return token
  }
}

/**
 * The first run of a teams-API user, against the running app, over HTTP,
 * printing each step: sign up (which opens a store), confirm the address
 * from the development mailbox, a token by magic link, invite a teammate,
 * fill the free plan's projects (the fourth is refused with 402), upgrade
 * through a signed Stripe webhook, then a task, and the task list.
 */
export default class DemoBilling extends BillingCommand {
  static commandName = 'demo:billing'
  static description =
    'Run the teams-API demo against the running app: sign up, token, invite, cap, upgrade by webhook, tasks'

  @flags.string({ description: 'Where the app answers (default: APP_URL)' })
  declare url?: string

  private step = 0

  private say(text: string, detail = '') {
    this.step++
    this.logger.success(`${this.step}. ${text}${detail ? `: ${detail}` : ''}`)
  }

  async run() {
    const { default: app } = await import('@adonisjs/core/services/app')
    if (app.inProduction) return this.fail('demo:billing signs up a store: not in production')
    const { appUrl } = await import('#config/app')
    const { default: stripeConfig } = await import('#config/stripe')
    if (!stripeConfig.webhookSecret) {
      return this.fail('STRIPE_WEBHOOK_SECRET is not set: run `npm run setup` to write one')
    }
    const base = (this.url ?? appUrl).replace(/\/$/, '')
    try {
      const health = await fetch(`${base}/health`)
      if (!health.ok) throw new Error(`status ${health.status}`)
    } catch (error) {
      return this.fail(`The app does not answer at ${base} (${error}): start it with npm start`)
    }
    try {
      await this.demo(base, stripeConfig.webhookSecret)
    } catch (error) {
      this.fail(`Step ${this.step + 1} failed: ${error instanceof Error ? error.message : error}`)
    }
  }

  private async demo(base: string, webhookSecret: string) {
    const { readOutbox } = await import('#core/mod')
    const { tenantDirectory } = await import('#tenancy/mod')
    const { default: Plan } = await import('../models/plan.js')
    const { default: Stripe } = await import('stripe')

    const run = randomBytes(3).toString('hex')
    const email = `founder-${run}@demo.test`
    const slug = `team-${run}`
    const browser = new Session(base)

    const signUp = await browser.send('/signup', {
      method: 'POST',
      form: {
        _csrf: await browser.csrfOf('/signup'),
        fullName: 'Ada Founder',
        email,
        password: PASSWORD,
        storeName: `Team ${run}`,
        slug,
      },
    })
    expect(signUp, [200, 302, 303], 'sign-up')
    this.say('Signed up', `${email}, store ${slug}`)

    const confirmation = await mailedLink(readOutbox, email, '/email-verifications/')
    const confirmed = await browser.send(`${confirmation}/confirmation`, {
      method: 'POST',
      form: { _csrf: await browser.csrfOf(confirmation), password: PASSWORD },
    })
    expect(confirmed, [302, 303], 'confirming the address')
    this.say('Confirmed the address', 'from the development mailbox')

    const api = async (method: string, path: string, token: string | null, body?: object) => {
      const response = await fetch(`${base}/api/v1${path}`, {
        method,
        headers: {
          'accept': 'application/json',
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: body ? JSON.stringify(body) : undefined,
      })
      return { status: response.status, body: (await response.json().catch(() => null)) as any }
    }
    const asked = await api('POST', '/auth/magic-link', null, { email })
    expectJson(asked, 202, 'asking for a magic link')
    const redeemed = await api('POST', '/auth/redeem', null, {
      token: asked.body.data.token,
      name: 'demo:billing',
    })
    expectJson(redeemed, 201, 'redeeming the link')
    const token: string = redeemed.body.data.token
    this.say('Signed in by magic link', `API token with ${redeemed.body.data.abilities.join(', ')}`)

    const invited = await api('POST', '/invitations', token, {
      email: `teammate-${run}@demo.test`,
      role: 'member',
    })
    expectJson(invited, 201, 'inviting a teammate')
    this.say('Invited a teammate', `teammate-${run}@demo.test as member`)

    for (const name of ['Launch', 'Operations', 'Content']) {
      expectJson(await api('POST', '/projects', token, { name }), 201, `creating ${name}`)
    }
    const capped = await api('POST', '/projects', token, { name: 'Wholesale' })
    expectJson(capped, 402, 'the fourth project on the free plan')
    this.say('Three projects made; the fourth refused (402)', capped.body.errors[0].message)

    const pro = await Plan.findByOrFail('code', 'pro')
    if (!pro.stripePriceId) {
      pro.stripePriceId = DEMO_PRICE
      await pro.save()
      this.logger.info(`   (pro had no Stripe price: set ${DEMO_PRICE} for this demo)`)
    }
    const store = await tenantDirectory.findBySlug(slug)
    if (!store) throw new Error(`store ${slug} not found`)
    const now = Math.floor(Date.now() / 1000)
    const event = {
      id: `evt_demo_${run}`,
      object: 'event',
      api_version: '2026-10-28.endive',
      created: now,
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type: 'customer.subscription.created',
      data: {
        object: {
          id: `sub_demo_${run}`,
          object: 'subscription',
          customer: `cus_demo_${run}`,
          status: 'active',
          cancel_at_period_end: false,
          trial_end: null,
          metadata: { tenant_id: store.id },
          items: {
            object: 'list',
            data: [
              {
                id: `si_demo_${run}`,
                object: 'subscription_item',
                price: { id: pro.stripePriceId, object: 'price' },
                current_period_start: now,
                current_period_end: now + 30 * 86_400,
              },
            ],
          },
        },
      },
    }
    const payload = JSON.stringify(event)
    const delivered = await fetch(`${base}/webhooks/stripe`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'stripe-signature': Stripe.webhooks.generateTestHeaderString({
          payload,
          secret: webhookSecret,
        }),
      },
      body: payload,
    })
    if (delivered.status !== 200) throw new Error(`the webhook answered ${delivered.status}`)
    this.say('Upgraded to pro', `signed ${event.type} accepted (${event.id})`)

    const deadline = Date.now() + 15_000
    let fourth = await api('POST', '/projects', token, { name: 'Wholesale' })
    while (fourth.status === 402 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250))
      fourth = await api('POST', '/projects', token, { name: 'Wholesale' })
    }
    if (fourth.status === 402) {
      throw new Error('the upgrade was not applied within 15 s: is the worker running (npm start)?')
    }
    expectJson(fourth, 201, 'the fourth project after the upgrade')
    this.say('The fourth project is allowed now', fourth.body.data.name)

    const projectId = fourth.body.data.id
    const task = await api('POST', `/projects/${projectId}/tasks`, token, {
      title: 'Write the launch post',
    })
    expectJson(task, 201, 'creating a task')
    this.say('Created a task', task.body.data.title)

    const listed = await api('GET', `/projects/${projectId}/tasks`, token)
    expectJson(listed, 200, 'listing tasks')
    const titles = listed.body.data.map((row: { title: string; status: string }) => row.title)
    this.say('Listed the tasks', titles.join(', '))
    this.logger.info(`Sign in at ${base}/signin as ${email} (password ${PASSWORD}) to see it all`)
  }
}

function expect(response: Response, statuses: number[], what: string) {
  if (!statuses.includes(response.status)) throw new Error(`${what} answered ${response.status}`)
}

function expectJson(answer: { status: number; body: any }, status: number, what: string) {
  if (answer.status !== status) {
    const message = answer.body?.errors?.[0]?.message ?? JSON.stringify(answer.body)
    throw new Error(`${what} answered ${answer.status} (${message}), not ${status}`)
  }
}

/** The path of the newest link under `prefix` mailed to `email` (the dev outbox, up to 10 s) */
async function mailedLink(
  readOutbox: (recipient?: string) => Promise<{ text: string }[]>,
  email: string,
  prefix: string
) {
  const deadline = Date.now() + 10_000
  while (Date.now() < deadline) {
    for (const message of await readOutbox(email)) {
      const match = new RegExp(`https?://[^\\s/]+(${prefix}[A-Za-z0-9_-]+)`).exec(message.text)
      if (match) return match[1]
    }
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  throw new Error(`no ${prefix} link reached ${email}: is the worker running (npm start)?`)
}
