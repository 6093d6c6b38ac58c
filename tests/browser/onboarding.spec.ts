import { test } from '@japa/runner'
import { TEST_SERVER, lastMailTo, linkIn, unique, uniqueEmail } from '#tests/helpers'

const BASE = TEST_SERVER

test.group('Onboarding in a browser', () => {
  test('sign up, invite a member, and the member accepts in another browser', async ({
    visit,
    browser,
    assert,
  }) => {
    const storeName = `Shop ${unique('n')}`
    const slug = unique('b')
    const ownerEmail = uniqueEmail('owner')

    const page = await visit(`${BASE}/signup`)
    await page.getByLabel('Full name').fill('Olivia Owner')
    await page.getByLabel('Email', { exact: true }).fill(ownerEmail)
    await page.getByLabel('Password', { exact: true }).fill('correct-horse-battery')
    await page.getByLabel('Store name').fill(storeName)
    await page.getByLabel('Store address').fill(slug)
    await page.getByRole('button', { name: 'Create store' }).click()
    await page.assertTextContains('h1', 'Check your email')

    const confirmation = await lastMailTo(ownerEmail, { subject: /Confirm your email address/ })
    assert.exists(confirmation, 'no confirmation mail reached the outbox')
    const confirmationToken = linkIn(confirmation!.text, '/email-verifications')
    assert.isString(confirmationToken, 'the mail has no /email-verifications/<token> link')
    await page.goto(`${BASE}/email-verifications/${confirmationToken}`)
    await page.getByLabel('Password', { exact: true }).fill('correct-horse-battery')
    await page.getByRole('button', { name: 'Confirm and sign in' }).click()
    await page.waitForURL('**/dashboard')
    await page.assertPath('/dashboard')
    await page.assertTextContains('header.topbar .brand', storeName)

    await page.locator('nav.sidebar').getByRole('link', { name: 'Team', exact: true }).click()
    await page.assertPath('/dashboard/team')
    const inviteeEmail = uniqueEmail('member')
    const inviteForm = page.locator('#invite-form')
    await inviteForm.getByLabel('Email', { exact: true }).fill(inviteeEmail)
    await inviteForm.getByLabel('Role', { exact: true }).selectOption('member')
    await inviteForm.getByRole('button', { name: 'Send invitation' }).click()
    await page.assertTextContains('body', inviteeEmail)

    const mail = await lastMailTo(inviteeEmail)
    assert.exists(mail, 'no invitation mail reached the outbox')
    const token = linkIn(mail!.text, '/invitations')
    assert.isString(token, 'the invitation mail has no /invitations/<token> link')

    const other = await browser.newContext()
    try {
      const invitee = await other.visit(`${BASE}/invitations/${token}`)
      await invitee.assertTextContains('h1', storeName)
      await invitee.getByLabel('Full name').fill('Mina Member')
      await invitee.getByLabel('Password', { exact: true }).fill('another-horse-battery')
      await invitee.getByRole('button', { name: 'Accept invitation' }).click()
      await invitee.waitForURL('**/dashboard')
      await invitee.assertPath('/dashboard')
      await invitee.assertTextContains('header.topbar .brand', storeName)
    } finally {
      await other.close()
    }
  })
})
