/*
| Signs a browser page in through the sign-in form (the browser suite has no
| session plugin, so it goes the way a person does).
*/
import type { Page } from 'playwright-core'
import { PASSWORD, TEST_SERVER } from '#tests/helpers'

export async function signIn(page: Page, email: string, password = PASSWORD) {
  await page.goto(`${TEST_SERVER}/signin?lang=en`)
  const form = page.locator('form:has(input[name="password"])')
  await form.getByLabel('Email', { exact: true }).fill(email)
  await form.getByLabel('Password', { exact: true }).fill(password)
  await form.getByRole('button', { name: 'Sign in' }).click()
  await page.waitForURL('**/dashboard')
}
