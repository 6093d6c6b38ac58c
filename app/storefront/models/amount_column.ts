/** bigint columns arrive from pg as strings; amounts stay exact as bigint */
export const amountColumn = {
  consume: (value: string | number) => BigInt(value),
  prepare: (value: bigint) => value.toString(),
}
