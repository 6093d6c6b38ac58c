/** Where stores ship to for now: the Gulf and its neighbours first, then the rest */
export const SHIPPING_COUNTRIES = [
  'AE',
  'SA',
  'KW',
  'QA',
  'BH',
  'OM',
  'JO',
  'EG',
  'LB',
  'IQ',
  'MA',
  'TN',
  'DZ',
  'TR',
  'GB',
  'IE',
  'FR',
  'DE',
  'NL',
  'BE',
  'ES',
  'IT',
  'SE',
  'US',
  'CA',
  'AU',
  'IN',
  'PK',
] as const

/** The countries as options of the checkout's select, named in the viewer's language */
export function countryOptions(locale: string) {
  return SHIPPING_COUNTRIES.map((code) => ({ value: code, label: regionName(code, locale) }))
}

/** A country's name in `locale` ("Kuwait", "الكويت"), or its code when unknown */
export function regionName(code: string, locale: string) {
  try {
    return new Intl.DisplayNames([locale], { type: 'region' }).of(code) ?? code
  } catch {
    return code
  }
}
