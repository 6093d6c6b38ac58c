import app from '@adonisjs/core/services/app'
import { defineConfig, formatters, loaders } from '@adonisjs/i18n'
import { rememberingTranslations } from '#core/services/remembered_translations'

export default defineConfig({
  defaultLocale: 'en',
  supportedLocales: ['en', 'ar'],
  formatter: rememberingTranslations(formatters.icu()),
  loaders: [loaders.fs({ location: app.languageFilesPath() })],
})
