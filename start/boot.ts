import { assemblePermissions, assembleSetupSteps } from '#identity/mod'
import { modules } from './modules.js'

assemblePermissions(modules)
assembleSetupSteps(modules)
for (const module of modules) await module.boot?.()
