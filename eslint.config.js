import { configApp } from '@adonisjs/eslint-config'

export default configApp(
  { ignores: ['build/**', 'public/**', 'storage/**', 'bin/*.js'] },
  {
    // `(await client.get(url)).assertStatus(404)` is the clearest way to say it in a test.
    files: ['tests/**/*.ts'],
    rules: { '@unicorn/no-await-expression-member': 'off' },
  }
)
