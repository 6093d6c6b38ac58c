import { configProvider } from '@adonisjs/core'
import type { ConfigProvider } from '@adonisjs/core/types'
import type { FormatterFactory, TranslationsFormatterContract } from '@adonisjs/i18n/types'
import { BoundedMap } from './bounded_map.js'

export const MAX_REMEMBERED = 5_000

/**
 * The ICU formatter parses its message on every `t()`; a page calls `t()`
 * dozens of times with the same few messages. This keeps the most used results
 * (bounded), keyed by locale, message and values.
 */
export class RememberedFormatter implements TranslationsFormatterContract {
  readonly name: string
  #results = new BoundedMap<string, string>(MAX_REMEMBERED)

  constructor(private formatter: TranslationsFormatterContract) {
    this.name = formatter.name
  }

  format(message: string, locale: string, data?: Record<string, any>) {
    const key = `${locale}\u0000${message}\u0000${data ? JSON.stringify(data) : ''}`
    const remembered = this.#results.get(key)
    if (remembered !== undefined) return remembered
    const result = this.formatter.format(message, locale, data)
    this.#results.set(key, result)
    return result
  }
}

/** Wraps a formatter provider (`formatters.icu()`) so its results are remembered */
export function rememberingTranslations(
  provider: ConfigProvider<FormatterFactory>
): ConfigProvider<FormatterFactory> {
  return configProvider.create(async (app) => {
    const factory = await provider.resolver(app)
    return (config) => new RememberedFormatter(factory(config))
  })
}
