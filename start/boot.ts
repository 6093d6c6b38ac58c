import { assembleOverviewPanels, assemblePermissions, assembleSetupSteps } from '#identity/mod'
import { modules } from './modules.js'

assemblePermissions(modules)
assembleSetupSteps(modules)
assembleOverviewPanels(modules)
for (const module of modules) await module.boot?.()
