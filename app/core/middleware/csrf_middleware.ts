import edge from 'edge.js'
import encryption from '@adonisjs/core/services/encryption'
import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { csrfFactory } from '@adonisjs/shield/guards'
import shieldConfig from '#config/shield'

const csrf = csrfFactory(shieldConfig.csrf ?? {}, encryption, edge)

export default class CsrfMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    await csrf(ctx)
    return next()
  }
}
