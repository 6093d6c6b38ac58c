import type { TaskStatus } from './services/board.js'

/**
 * What happens in a store's workspace, for any module to react to (the
 * activity log, later billing's usage counts). Payloads are plain values;
 * listeners run inside the store's unit of work, so what they write commits
 * or rolls back with the change.
 */
export interface WorkspaceEvent {
  tenantId: string
  /** The member who made the change; null for a job, a command or the demo data */
  actorUserId: string | null
  projectId: string
  projectName: string
}

export interface TaskEvent extends WorkspaceEvent {
  taskId: string
  title: string
  status: TaskStatus
}

declare module '@adonisjs/core/types' {
  interface EventsList {
    'workspace:project_created': WorkspaceEvent
    /** `changed` names the project's fields that differ from before */
    'workspace:project_updated': WorkspaceEvent & { changed: string[] }
    'workspace:project_archived': WorkspaceEvent
    'workspace:project_restored': WorkspaceEvent
    'workspace:task_created': TaskEvent & { assigneeUserId: string | null }
    /** `changed` names the task's fields that differ from before */
    'workspace:task_updated': TaskEvent & { changed: string[]; assigneeUserId: string | null }
    /** A task's new place; `from` is its column before (the same one for a move up or down) */
    'workspace:task_moved': TaskEvent & { from: TaskStatus; position: number }
    'workspace:task_deleted': TaskEvent
  }
}
