import router from '@adonisjs/core/services/router'
import type { ModuleManifest, SetupStep } from '#core/mod'
import { countMembers, pendingInvitations } from '../queries/team.js'
import { collectContributions } from './contributions.js'

let assembled: readonly SetupStep[] | null = null

/** Collects every module's set-up steps, once at boot (beside the permission table) */
export function assembleSetupSteps(manifests: readonly ModuleManifest[]) {
  assembled = collectContributions(manifests, 'Set-up step', (manifest) => manifest.setupSteps)
}

export interface ChecklistStep {
  id: string
  label: string
  note: string | null
  /** Null when the member's role cannot open the step's page */
  href: string | null
  done: boolean
}

export interface Checklist {
  steps: ChecklistStep[]
  done: number
  total: number
}

function hrefOf(link: string) {
  return link.startsWith('/') ? link : router.makeUrl(link)
}

/**
 * The set-up checklist of the current store, each step asking its module
 * whether it is done, inside the request's unit of work. `may` says whether
 * the member holds a permission (the link is left out otherwise).
 */
export async function setupChecklist(may: (permission: string) => boolean): Promise<Checklist> {
  if (!assembled) throw new Error('Set-up steps are read before the modules were assembled')
  const steps: ChecklistStep[] = []
  // One after another: they share the unit of work's one connection
  for (const step of assembled) {
    steps.push({
      id: step.id,
      label: step.label,
      note: step.note ?? null,
      href: !step.can || may(step.can) ? hrefOf(step.link) : null,
      done: await step.isDone(),
    })
  }
  return { steps, done: steps.filter((step) => step.done).length, total: steps.length }
}

/** "Invite the team" is done once the store has a second member or an open invitation */
export async function teamInvited() {
  if ((await countMembers()) > 1) return true
  return (await pendingInvitations().select('id').first()) !== null
}
