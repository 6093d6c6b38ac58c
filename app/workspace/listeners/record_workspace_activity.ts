import type { EventsList } from '@adonisjs/core/types'
import { recordActivity } from '#tenancy/mod'

type ProjectEvent = EventsList['workspace:project_created']

const project = (event: ProjectEvent) => ({ type: 'project', id: event.projectId })
const task = (event: { taskId: string }) => ({ type: 'task', id: event.taskId })

/**
 * The workspace's changes in the store's activity log, written in the same
 * transaction as the change. A task moved up or down its column is not told:
 * only a change of column is news to the team.
 */
export default class RecordWorkspaceActivity {
  async projectCreated(event: EventsList['workspace:project_created']) {
    await this.#project('workspace.project_created', event)
  }

  async projectUpdated(event: EventsList['workspace:project_updated']) {
    if (event.changed.length === 0) return
    await this.#project('workspace.project_updated', event, { changed: event.changed })
  }

  async projectArchived(event: EventsList['workspace:project_archived']) {
    await this.#project('workspace.project_archived', event)
  }

  async projectRestored(event: EventsList['workspace:project_restored']) {
    await this.#project('workspace.project_restored', event)
  }

  async taskCreated(event: EventsList['workspace:task_created']) {
    await recordActivity({
      action: 'workspace.task_created',
      actorUserId: event.actorUserId,
      subject: task(event),
      data: { title: event.title, project: event.projectName, status: event.status },
    })
  }

  async taskUpdated(event: EventsList['workspace:task_updated']) {
    if (event.changed.length === 0) return
    await recordActivity({
      action: 'workspace.task_updated',
      actorUserId: event.actorUserId,
      subject: task(event),
      data: { title: event.title, project: event.projectName, changed: event.changed },
    })
  }

  async taskMoved(event: EventsList['workspace:task_moved']) {
    if (event.from === event.status) return
    await recordActivity({
      action: 'workspace.task_moved',
      actorUserId: event.actorUserId,
      subject: task(event),
      data: {
        title: event.title,
        project: event.projectName,
        from: event.from,
        status: event.status,
      },
    })
  }

  async taskDeleted(event: EventsList['workspace:task_deleted']) {
    await recordActivity({
      action: 'workspace.task_deleted',
      actorUserId: event.actorUserId,
      subject: task(event),
      data: { title: event.title, project: event.projectName },
    })
  }

  async #project(action: string, event: ProjectEvent, data: Record<string, unknown> = {}) {
    await recordActivity({
      action,
      actorUserId: event.actorUserId,
      subject: project(event),
      data: { name: event.projectName, ...data },
    })
  }
}
