import emitter from '@adonisjs/core/services/emitter'
import type { EventsList } from '@adonisjs/core/types'
import { modules } from './modules.js'

for (const module of modules) {
  for (const [event, listeners] of Object.entries(module.listeners ?? {})) {
    for (const [listener, method] of listeners ?? []) {
      emitter.on(event as keyof EventsList, [listener, method as any])
    }
  }
}
