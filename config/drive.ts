import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { defineConfig, services } from '@adonisjs/drive'
import type { InferDriveDisks } from '@adonisjs/drive/types'

/**
 * Where product media is kept. The local disk (`storage/media`, ignored by
 * git) serves nothing by itself: uploads arrive through the catalog's
 * signed `PUT` route and resized images leave through its media route,
 * with long cache headers. S3 (or any S3-compatible store) is chosen with
 * `DRIVE_DISK=s3`: browsers then `PUT` to the bucket with a presigned URL.
 * Its service is only declared when chosen, so the AWS SDK is not loaded
 * otherwise.
 */
export const MEDIA_DISK = env.get('DRIVE_DISK', 'fs')

const bucket = env.get('S3_BUCKET', '')
const region = env.get('S3_REGION', 'auto')
const endpoint = env.get('S3_ENDPOINT') || undefined
// A path on the public URL is kept: keys are resolved against it, which drops a last segment without "/"
const publicUrl = env.get('S3_PUBLIC_URL')?.replace(/\/*$/, '/') || undefined

/**
 * Where the resized images are read from by shoppers when not through the
 * app's media route: a CDN or the bucket's public address, on S3 only.
 */
export const MEDIA_PUBLIC_URL = MEDIA_DISK === 's3' ? publicUrl : undefined

/** The origin of MEDIA_PUBLIC_URL (for img-src), null when images come through the app */
export const MEDIA_PUBLIC_ORIGIN = MEDIA_PUBLIC_URL ? new URL(MEDIA_PUBLIC_URL).origin : null

/** The origin browsers upload to (for the dashboard's connect-src), null on the local disk */
export const MEDIA_UPLOAD_ORIGIN =
  MEDIA_DISK === 's3'
    ? endpoint
      ? new URL(endpoint).origin
      : `https://${bucket}.s3.${region}.amazonaws.com`
    : null

const driveConfig = defineConfig({
  default: MEDIA_DISK,
  services: {
    fs: services.fs({
      location: app.makePath('storage', 'media'),
      serveFiles: false,
      visibility: 'private',
    }),
    ...(MEDIA_DISK === 's3'
      ? {
          s3: services.s3({
            credentials: {
              accessKeyId: env.get('S3_ACCESS_KEY_ID', ''),
              secretAccessKey: env.get('S3_SECRET_ACCESS_KEY', ''),
            },
            region,
            bucket,
            endpoint,
            forcePathStyle: !!endpoint,
            cdnUrl: publicUrl,
            visibility: 'private',
            // Buckets made today refuse ACLs (and R2 has none): objects stay as private as the bucket
            supportsACL: false,
            // Presigned PUTs from browsers fail on S3-compatible stores otherwise
            requestChecksumCalculation: 'WHEN_REQUIRED',
            responseChecksumValidation: 'WHEN_REQUIRED',
          }),
        }
      : {}),
  },
})

export default driveConfig

declare module '@adonisjs/drive/types' {
  export interface DriveDisks extends InferDriveDisks<typeof driveConfig> {}
}
