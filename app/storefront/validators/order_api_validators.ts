import vine from '@vinejs/vine'

/**
 * The notes as an integration sends them: the field must be there (an
 * empty string or null clears the notes), so a body that forgot it changes
 * nothing.
 */
export const apiOrderNotesValidator = vine.compile(
  vine.object({ notes: vine.string().trim().maxLength(5000).nullable() })
)
