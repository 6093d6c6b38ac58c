import { Exception } from '@adonisjs/core/exceptions'
import { errors as vineErrors } from '@vinejs/vine'
import type { HttpContext } from '@adonisjs/core/http'
import type { I18n } from '@adonisjs/i18n'
import type { VineValidator } from '@vinejs/vine'
import type { FieldContext, Infer, MessagesProviderContact, SchemaTypes } from '@vinejs/vine/types'
import { Conflict, Invalid, PaymentRequired } from './errors.js'
import { wantsJson } from './content_negotiation.js'

export interface FieldError {
  field: string | null
  message: string
  /** Where the person can fix it (the billing page, for a plan's limit) */
  link?: string
}

export interface FormState {
  errors: Record<string, string>
  old: Record<string, unknown>
  /** A link shown with a field's message (`form`: the form's own message) */
  links?: Record<string, string>
}

/**
 * A form that failed: the same page again, with each message beside its
 * field, answered with 422 so nothing mistakes it for success.
 */
export class FormRejected extends Exception {
  static status = 422
  constructor(
    public html: string,
    public answerStatus = 422
  ) {
    super('The form has errors')
  }

  async handle(error: this, ctx: HttpContext) {
    ctx.response.status(error.answerStatus).send(error.html)
  }
}

export function fieldErrorsOf(error: unknown): FieldError[] | null {
  if (error instanceof vineErrors.E_VALIDATION_ERROR) {
    return (error.messages as { field: string; message: string }[]).map(({ field, message }) => ({
      field,
      message,
    }))
  }
  if (error instanceof Invalid || error instanceof Conflict) {
    return [{ field: error.field ?? null, message: error.message }]
  }
  if (error instanceof PaymentRequired) {
    return [{ field: error.field ?? null, message: error.message, link: error.link }]
  }
  return null
}

/** A field's name as `fields.json` says it in the viewer's language, or as sent */
export function fieldLabel(i18n: I18n, name: string) {
  const label = i18n.resolveIdentifier(`fields.${name}`)
  return label ? i18n.formatRawMessage(label.message) : name
}

/**
 * Validation messages from `resources/lang/<locale>/validation.json` and
 * field names from `fields.json` (i18n's default provider looks under
 * `validator.shared.*`, where this app keeps nothing).
 */
function validationMessages(ctx: HttpContext): MessagesProviderContact {
  const i18n = ctx.i18n
  return {
    getMessage(defaultMessage: string, rule: string, field: FieldContext, meta?: any) {
      const fieldName = fieldLabel(i18n, String(field.name))
      const found =
        i18n.resolveIdentifier(`validation.${field.wildCardPath}.${rule}`) ??
        i18n.resolveIdentifier(`validation.${rule}`)
      if (found) return i18n.formatRawMessage(found.message, { field: fieldName, ...meta })
      return defaultMessage.replace(/{{\s*(\w+)\s*}}/g, (_, key: string) =>
        key === 'field' ? fieldName : String(meta?.[key] ?? '')
      )
    },
  }
}

/**
 * Validates the request body with messages in the viewer's language, or
 * `data` in its place (a partial update merged onto the saved values).
 */
export function validate<Schema extends SchemaTypes>(
  ctx: HttpContext,
  validator: VineValidator<Schema, any>,
  data?: Record<string, unknown>
): Promise<Infer<Schema>> {
  return ctx.request.validateUsing(validator, {
    messagesProvider: validationMessages(ctx),
    ...(data ? { data } : {}),
  })
}

const SECRET_FIELDS = new Set(['password', 'password_confirmation', '_csrf'])

/**
 * Validates the request, runs `action`, and on a validation or domain error
 * re-renders the form through `render`, each message beside its field (an
 * error on `abilities.0` shows beside `abilities`). JSON callers get the error itself,
 * which the exception handler turns into `{errors:[{field,message}]}`.
 */
export async function submitForm<Schema extends SchemaTypes, Result>(
  ctx: HttpContext,
  options: {
    validator: VineValidator<Schema, any>
    render: (state: FormState) => Promise<string>
    action: (payload: Infer<Schema>) => Promise<Result>
  }
): Promise<Result> {
  try {
    const payload = await validate(ctx, options.validator)
    return await options.action(payload as Infer<Schema>)
  } catch (error) {
    const fieldErrors = fieldErrorsOf(error)
    if (!fieldErrors || wantsJson(ctx)) throw error
    const errors: Record<string, string> = {}
    const links: Record<string, string> = {}
    for (const { field, message, link } of fieldErrors) {
      const key = field?.split('.')[0] ?? 'form'
      errors[key] ??= message
      if (link) links[key] ??= link
    }
    const old = Object.fromEntries(
      Object.entries(ctx.request.all()).filter(([name]) => !SECRET_FIELDS.has(name))
    )
    const status = error instanceof PaymentRequired ? 402 : 422
    throw new FormRejected(await options.render({ errors, old, links }), status)
  }
}

export const EMPTY_FORM: FormState = { errors: {}, old: {} }
