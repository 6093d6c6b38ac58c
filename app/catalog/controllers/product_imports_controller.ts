import type { HttpContext } from '@adonisjs/core/http'
import queue from '@rlanz/bull-queue/services/main'
import {
  EMPTY_FORM,
  Invalid,
  NotFound,
  isHtmx,
  readRequestText,
  wantsJson,
  type FormState,
} from '#core/mod'
import { currentTenant } from '#tenancy/mod'
import ImportProductsJob from '../jobs/import_products_job.js'
import { CSV_COLUMNS, MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from '../services/product_csv.js'
import { findImportRun, startImportRun } from '../services/import_runs.js'
import { say } from '../messages.js'

/** The file as sent: the picker posts it as `text/csv`, the form without script pastes it */
async function uploadedCsv(ctx: HttpContext) {
  const { request } = ctx
  const sent = request.is(['text/csv'])
    ? await readRequestText(
        ctx,
        MAX_IMPORT_BYTES,
        say('imports.too_large', { mb: MAX_IMPORT_BYTES / 2 ** 20 })
      )
    : request.input('csv')
  const csv = typeof sent === 'string' ? sent : ''
  if (!csv.trim()) throw new Invalid(say('imports.nothing_sent'), 'csv')
  return { csv, fileName: fileNameFrom(request.header('x-file-name')) ?? say('imports.pasted') }
}

/** The picker's file name, percent-encoded by the page's script; anything unreadable is dropped */
function fileNameFrom(header: string | undefined) {
  if (!header) return null
  try {
    const name = [...decodeURIComponent(header)]
      .filter((char) => char >= ' ' && char !== '\u007f')
      .join('')
      .trim()
    return name ? name.slice(0, 120) : null
  } catch {
    return null
  }
}

export function renderImportForm(ctx: HttpContext, form: FormState = EMPTY_FORM) {
  return ctx.view.render('catalog/imports/create', {
    form,
    columns: CSV_COLUMNS,
    maxRows: MAX_IMPORT_ROWS,
    currency: currentTenant().defaultCurrency,
  })
}

/**
 * CSV import: the file is kept with a run id, a queue job applies it whole
 * or not at all, and the run's page follows it (polling by htmx, refreshing
 * itself without script) to its report.
 */
export default class ProductImportsController {
  async create(ctx: HttpContext) {
    return renderImportForm(ctx)
  }

  async store(ctx: HttpContext) {
    let upload: Awaited<ReturnType<typeof uploadedCsv>>
    try {
      upload = await uploadedCsv(ctx)
    } catch (error) {
      if (!(error instanceof Invalid) || wantsJson(ctx)) throw error
      ctx.response.status(422)
      return renderImportForm(ctx, { errors: { csv: error.message }, old: {} })
    }
    const tenant = currentTenant()
    const run = await startImportRun(
      tenant.id,
      ctx.auth.user?.id ?? null,
      upload.fileName,
      upload.csv
    )
    await queue.dispatch(
      ImportProductsJob,
      { tenantId: tenant.id, runId: run.id, locale: ctx.i18n.locale },
      { jobId: `catalog-import-${run.id}` }
    )
    const location = `/dashboard/catalog/product-imports/${run.id}`
    if (wantsJson(ctx)) {
      ctx.response.status(201)
      return { id: run.id, status: run.status, location }
    }
    return ctx.response.redirect().status(303).toPath(location)
  }

  async show(ctx: HttpContext) {
    const run = await findImportRun(currentTenant().id, ctx.params.id)
    if (!run) throw new NotFound(say('imports.not_found'))
    if (wantsJson(ctx)) return run
    const state = { run, columns: CSV_COLUMNS }
    if (isHtmx(ctx)) return ctx.view.render('catalog/imports/run', state)
    return ctx.view.render('catalog/imports/show', state)
  }
}
