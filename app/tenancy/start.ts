import db from '@adonisjs/lucid/services/db'
import { BaseModel } from '@adonisjs/lucid/orm'
import { ContextAwareAdapter } from './services/context_aware_adapter.js'

BaseModel.$adapter = new ContextAwareAdapter(db)
