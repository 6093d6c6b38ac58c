import Activity from '../models/activity.js'

export interface ActivityEntry {
  action: string
  actorUserId?: string | null
  subject?: { type: string; id: string }
  data?: Record<string, unknown>
}

/**
 * The one way every module writes to the current tenant's activity log.
 * It joins the tenant's unit of work, so the entry commits or rolls back
 * with the change it describes.
 */
export async function recordActivity(entry: ActivityEntry) {
  return Activity.create({
    action: entry.action,
    actorUserId: entry.actorUserId ?? null,
    subjectType: entry.subject?.type ?? null,
    subjectId: entry.subject?.id ?? null,
    data: entry.data ?? {},
  })
}

export async function recentActivity(limit = 50) {
  return Activity.query().orderBy('created_at', 'desc').limit(limit)
}
