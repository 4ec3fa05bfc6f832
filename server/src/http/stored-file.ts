import type { Response } from 'express';

/**
 * Answers a stored file as a download: its media type and name, never interpreted by the browser
 * (`nosniff`) nor kept in a shared cache.
 */
export function sendStoredFile(res: Response, file: { readonly mediaType: string; readonly fileName: string; readonly bytes: Buffer }): void {
  res.status(200).type(file.mediaType).attachment(file.fileName).set('X-Content-Type-Options', 'nosniff').set('Cache-Control', 'private, no-store').send(file.bytes);
}

