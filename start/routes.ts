import router from '@adonisjs/core/services/router'
import { modules } from './modules.js'
import { middleware, web } from './kernel.js'

for (const module of modules) module.routes?.({ router, middleware, web })
