import type { HttpContext } from '@adonisjs/core/http'
import { EMPTY_FORM, submitForm, wantsJson, type FormState } from '#core/mod'
import type { LoginTokenPurpose } from '../models/login_token.js'
import { linkConfirmationValidator, magicLinkValidator } from '../validators/identity_validators.js'
import { findOpenLink, mailLinkToAddress } from '../services/mailed_links.js'
import { startSession } from '../services/web_sessions.js'
import RedeemMailedLink from '../operations/redeem_mailed_link.js'
import { LinkSpent } from '../errors.js'

/**
 * Mailed links (a magic link, or one that proves an address): asking for
 * one, the page it opens and the button on that page. Opening the link
 * (GET, or a scanner's HEAD) spends nothing; only the button's POST does.
 */
const PAGES: Record<
  LoginTokenPurpose,
  { button: string; formFlag: string; sent: [string, Record<string, unknown>] }
> = {
  sign_in: {
    button: 'magic_links.redeem',
    formFlag: 'magicLinkForm',
    sent: ['identity/magic_link_sent', {}],
  },
  verify_email: {
    button: 'email_verifications.confirm',
    formFlag: 'verificationForm',
    sent: ['identity/check_email', { reason: 'verification' }],
  },
}

async function requestMailedLink(ctx: HttpContext, purpose: LoginTokenPurpose) {
  const page = PAGES[purpose]
  await submitForm(ctx, {
    validator: magicLinkValidator,
    render: (form) => ctx.view.render('identity/sign_in', { form, [page.formFlag]: true }),
    action: ({ email }) => mailLinkToAddress(email, purpose, ctx.i18n.locale),
  })
  return ctx.view.render(...page.sent)
}

async function renderPage(ctx: HttpContext, purpose: LoginTokenPurpose, form: FormState) {
  const token = String(ctx.params.token)
  const { user } = await findOpenLink(token, purpose)
  return ctx.view.render('identity/mailed_link', {
    form,
    purpose,
    action: { name: PAGES[purpose].button, params: { token } },
    email: user.email,
    mayKeepPassword: !user.isVerified && user.password !== null,
  })
}

/** A spent link's page says so and offers a new one; JSON callers get the error */
async function orSpentPage(ctx: HttpContext, work: () => Promise<any>) {
  try {
    return await work()
  } catch (error) {
    if (!(error instanceof LinkSpent) || wantsJson(ctx)) throw error
    ctx.response.status(410)
    return ctx.view.render('identity/link_spent', {
      purpose: error.purpose,
      message: error.message,
    })
  }
}

function showMailedLink(ctx: HttpContext, purpose: LoginTokenPurpose) {
  return orSpentPage(ctx, () => renderPage(ctx, purpose, EMPTY_FORM))
}

function redeemMailedLink(ctx: HttpContext, purpose: LoginTokenPurpose) {
  return orSpentPage(ctx, async () => {
    const { user, passwordCleared } = await submitForm(ctx, {
      validator: linkConfirmationValidator,
      render: (form) => renderPage(ctx, purpose, form),
      action: ({ password }) =>
        new RedeemMailedLink().handle({ token: String(ctx.params.token), purpose, password }),
    })
    await startSession(ctx, user)
    if (passwordCleared) {
      ctx.session.flash('notice', ctx.i18n.t('identity.verification.password_removed'))
    }
    return ctx.response.redirect().toRoute('dashboard.show')
  })
}

/**
 * The controller of one kind of mailed link: `store` mails one to the
 * address in the form (the answer never tells whether one went out), `show`
 * is the page the link opens, `redeem` its button.
 */
export function mailedLinksController(purpose: LoginTokenPurpose) {
  return class MailedLinksController {
    store(ctx: HttpContext) {
      return requestMailedLink(ctx, purpose)
    }

    show(ctx: HttpContext) {
      return showMailedLink(ctx, purpose)
    }

    redeem(ctx: HttpContext) {
      return redeemMailedLink(ctx, purpose)
    }
  }
}
