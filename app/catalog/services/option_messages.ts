import { say } from '../messages.js'
import type { OptionProblem } from './variant_options.js'

/** What is wrong with a product's options, said to the person who typed them */
export function describeOptionProblem(problem: OptionProblem) {
  const { code, ...values } = problem
  return say(`errors.options.${code}`, values)
}
