import { copyFileSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { ZapcastError } from '../core/errors.js';
import { safeFileName } from '../core/safe-file-name.js';
import type { CampaignMedia, MediaKind } from '../db/repos/campaigns-repo.js';

const MIME: Record<string, [MediaKind, string]> = {
  '.jpg': ['image', 'image/jpeg'],
  '.jpeg': ['image', 'image/jpeg'],
  '.png': ['image', 'image/png'],
  '.webp': ['image', 'image/webp'],
  '.mp4': ['video', 'video/mp4'],
  '.3gp': ['video', 'video/3gpp'],
  '.pdf': ['document', 'application/pdf'],
  '.doc': ['document', 'application/msword'],
  '.docx': ['document', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  '.xlsx': ['document', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  '.txt': ['document', 'text/plain'],
};

/** WhatsApp's limits: 16 MB for images and videos, 100 MB for documents. */
const MAX_BYTES: Record<MediaKind, number> = { image: 16 * 1024 * 1024, video: 16 * 1024 * 1024, document: 100 * 1024 * 1024 };

/** Copies an uploaded file into the uploads folder so the campaign keeps it. */
export function storeCampaignMedia(sourcePath: string, fileName: string, uploadsDir: string, stamp: number): CampaignMedia {
  if (!existsSync(sourcePath)) throw new ZapcastError(`The file ${fileName} does not exist.`);
  const extension = extname(fileName).toLowerCase();
  const [kind, mimeType] = MIME[extension] ?? ['document', 'application/octet-stream'];
  const size = statSync(sourcePath).size;
  if (size > MAX_BYTES[kind]) throw new ZapcastError(`${fileName} is ${Math.ceil(size / 1048576)} MB; WhatsApp takes ${kind}s up to ${MAX_BYTES[kind] / 1048576} MB.`);
  mkdirSync(uploadsDir, { recursive: true });
  const stored = join(uploadsDir, `${stamp}-${safeFileName(fileName)}`);
  copyFileSync(sourcePath, stored);
  return { path: stored, kind, fileName: basename(fileName), mimeType };
}
