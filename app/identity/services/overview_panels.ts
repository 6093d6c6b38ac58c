import type { ModuleManifest, OverviewPanel } from '#core/mod'
import { collectContributions } from './contributions.js'

let assembled: readonly OverviewPanel[] | null = null

/** Collects every module's overview panels, once at boot */
export function assembleOverviewPanels(manifests: readonly ModuleManifest[]) {
  assembled = collectContributions(
    manifests,
    'Overview panel',
    (manifest) => manifest.overviewPanels
  )
}

export interface ShownPanel {
  id: string
  view: string
  data: Record<string, unknown>
}

/**
 * The overview panels the member may see, each with the figures its module
 * read as the current store (one after another: they share the unit of
 * work's one connection).
 */
export async function overviewPanels(may: (permission: string) => boolean): Promise<ShownPanel[]> {
  if (!assembled) throw new Error('Overview panels are read before the modules were assembled')
  const shown: ShownPanel[] = []
  for (const panel of assembled) {
    if (panel.can && !may(panel.can)) continue
    shown.push({ id: panel.id, view: panel.view, data: await panel.load() })
  }
  return shown
}
