import { randomUUID } from 'node:crypto'
import redis from '@adonisjs/redis/services/main'
import type { CsvProblem } from './product_csv.js'
import type { ImportResult } from '../operations/import_products.js'

/**
 * A CSV import between its upload and its report, in Redis for a day: the
 * file itself until the job has read it, then where the job is and how it
 * ended. Keys carry the store's id, so a run is only ever found by a member
 * of the store that started it.
 */
export type ImportRunStatus = 'queued' | 'running' | 'done' | 'rejected' | 'failed'

export interface ImportRun {
  id: string
  status: ImportRunStatus
  startedBy: string | null
  fileName: string
  done: number
  total: number
  result: ImportResult | null
  problems: CsvProblem[]
}

const DAY = 24 * 60 * 60
const runKey = (tenantId: string, id: string) => `catalog:imports:${tenantId}:${id}`
const fileKey = (tenantId: string, id: string) => `${runKey(tenantId, id)}:file`

export async function startImportRun(
  tenantId: string,
  startedBy: string | null,
  fileName: string,
  csv: string
) {
  const run: ImportRun = {
    id: randomUUID(),
    status: 'queued',
    startedBy,
    fileName,
    done: 0,
    total: 0,
    result: null,
    problems: [],
  }
  await redis
    .multi()
    .set(fileKey(tenantId, run.id), csv, 'EX', DAY)
    .set(runKey(tenantId, run.id), JSON.stringify(run), 'EX', DAY)
    .exec()
  return run
}

export async function findImportRun(tenantId: string, id: string): Promise<ImportRun | null> {
  const stored = await redis.get(runKey(tenantId, id))
  return stored ? (JSON.parse(stored) as ImportRun) : null
}

export function importFile(tenantId: string, id: string) {
  return redis.get(fileKey(tenantId, id))
}

export async function saveImportRun(tenantId: string, run: ImportRun) {
  await redis.set(runKey(tenantId, run.id), JSON.stringify(run), 'EX', DAY)
  if (run.status !== 'queued' && run.status !== 'running') {
    await redis.del(fileKey(tenantId, run.id))
  }
}
