import { Job } from '@rlanz/bull-queue'
import { PaymentRequired } from '#core/mod'
import { tenantDirectory, withTenant } from '#tenancy/mod'
import ImportProducts from '../operations/import_products.js'
import { CsvRejected } from '../services/product_csv.js'
import { inLocale } from '../messages.js'
import {
  findImportRun,
  importFile,
  saveImportRun,
  type ImportRun,
} from '../services/import_runs.js'

interface Payload {
  tenantId: string
  runId: string
  locale: string
}

/** How often the page's progress bar moves, at most */
const PROGRESS_EVERY_MS = 500

/**
 * Applies an uploaded CSV file in the store's one transaction and leaves
 * the outcome on the run for the import page. The run is marked only after
 * the transaction has ended, so "done" always means committed and a
 * rejected file has changed nothing.
 */
export default class ImportProductsJob extends Job {
  static get $$filepath() {
    return import.meta.url
  }

  async handle({ tenantId, runId, locale }: Payload) {
    const [tenant, run, csv] = await Promise.all([
      tenantDirectory.findById(tenantId),
      findImportRun(tenantId, runId),
      importFile(tenantId, runId),
    ])
    if (!tenant || !run || run.status === 'done' || run.status === 'rejected') return
    if (csv === null) return this.finish(tenantId, run, { status: 'failed' })
    await saveImportRun(tenantId, { ...run, status: 'running' })

    let shownAt = 0
    const progress = async (done: number, total: number) => {
      if (done < total && Date.now() - shownAt < PROGRESS_EVERY_MS) return
      shownAt = Date.now()
      await saveImportRun(tenantId, { ...run, status: 'running', done, total })
    }
    try {
      const result = await inLocale(locale, () =>
        withTenant(tenant, () =>
          new ImportProducts().handle({
            actorUserId: run.startedBy,
            csv,
            locale,
            onProgress: progress,
          })
        )
      )
      const total = result.created + result.updated
      await this.finish(tenantId, run, { status: 'done', result, done: total, total })
    } catch (error) {
      if (error instanceof CsvRejected) {
        return this.finish(tenantId, run, { status: 'rejected', problems: error.problems })
      }
      // The plan's cap on products: the file as a whole asks for more room than there is
      if (error instanceof PaymentRequired) {
        const problems = [{ line: 1, column: null, message: error.message }]
        return this.finish(tenantId, run, { status: 'rejected', problems })
      }
      await this.finish(tenantId, run, { status: 'failed' })
      throw error
    }
  }

  async rescue(payload: Payload, error: Error) {
    this.logger.error({ err: error, tenantId: payload.tenantId }, 'a catalog import gave up')
  }

  private finish(tenantId: string, run: ImportRun, outcome: Partial<ImportRun>) {
    return saveImportRun(tenantId, { ...run, ...outcome })
  }
}
