import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { defineConfig, services } from '@adonisjs/drive'
import type { InferDriveDisks } from '@adonisjs/drive/types'

/**
 * Where product media is kept. The local disk (`storage/media`, ignored by
 * git) serves nothing by itself: uploads arrive through the catalog's
 * signed `PUT` route and resized images leave through its media route,
 * with long cache headers. S3 (or any S3-compatible store) is chosen with
 * `DRIVE_DISK=s3` and needs `@aws-sdk/client-s3` and
 * `@aws-sdk/s3-request-presigner` added to the project first; its service
 * is only declared when chosen, so the packages are not loaded otherwise.
 */
export const MEDIA_DISK = env.get('DRIVE_DISK', 'fs')

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
            region: env.get('S3_REGION', 'auto'),
            bucket: env.get('S3_BUCKET', ''),
            endpoint: env.get('S3_ENDPOINT'),
            forcePathStyle: !!env.get('S3_ENDPOINT'),
            cdnUrl: env.get('S3_PUBLIC_URL'),
            visibility: 'private',
            // Presigned PUTs from browsers fail on S3-compatible stores otherwise
            requestChecksumCalculation: 'WHEN_REQUIRED',
            responseChecksumValidation: 'WHEN_REQUIRED',
          } as any),
        }
      : {}),
  },
})

export default driveConfig

declare module '@adonisjs/drive/types' {
  export interface DriveDisks extends InferDriveDisks<typeof driveConfig> {}
}
