import { assemblePermissions } from '#identity/mod'
import { modules } from './modules.js'

assemblePermissions(modules)
for (const module of modules) await module.boot?.()
