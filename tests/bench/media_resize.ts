/**
 * The product image job's own work, `renderVariants` (what
 * ProcessProductMediaJob runs after reading the original): a 2000×1500
 * photo-like JPEG (noise, blurred) to WebP and AVIF (effort 1) at 320, 640
 * and 1280 px, and the same for the small PNG the demo seeder draws.
 * Warm-up run first, then BENCH_MEDIA_RUNS (10) runs each; ms per image,
 * median and p90. Prints `BENCH_RESULT <json>` as its last line.
 */
import sharp from 'sharp'
import { performance } from 'node:perf_hooks'
import { renderVariants } from '#catalog/services/media_variants'
import { demoImage } from '#catalog/services/demo_images'

const RUNS = Number(process.env.BENCH_MEDIA_RUNS ?? 10)

async function photo() {
  const width = 2000
  const height = 1500
  const noise = Buffer.alloc(width * height * 3)
  for (let index = 0; index < noise.length; index++) noise[index] = (index * 2654435761) >>> 24
  return sharp(noise, { raw: { width, height, channels: 3 } })
    .blur(3)
    .jpeg({ quality: 85 })
    .toBuffer()
}

async function measure(original: Buffer) {
  await renderVariants(original)
  const times: number[] = []
  let bytes = 0
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now()
    const variants = await renderVariants(original)
    times.push(performance.now() - started)
    bytes = variants.reduce((sum, variant) => sum + variant.data.length, 0)
  }
  times.sort((a, b) => a - b)
  return {
    files: (await renderVariants(original)).map((variant) => `${variant.format}@${variant.width}`),
    medianMs: Math.round(times[Math.floor(times.length / 2)]),
    p90Ms: Math.round(times[Math.floor(times.length * 0.9)] ?? times.at(-1)!),
    outputKb: Math.round(bytes / 1024),
  }
}

const jpeg = await photo()
const demo = await demoImage('Linen Shirt')
const result = {
  name: 'media_resize',
  runs: RUNS,
  sharpConcurrency: sharp.concurrency(),
  photo2000x1500: { inputKb: Math.round(jpeg.length / 1024), ...(await measure(jpeg)) },
  demoPng: { inputKb: Math.round(demo.length / 1024), ...(await measure(demo)) },
}
console.log(JSON.stringify(result, null, 2))
console.log('BENCH_RESULT ' + JSON.stringify(result))
