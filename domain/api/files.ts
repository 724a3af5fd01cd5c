// The file store's wire shapes: an uploaded document, and the photos and
// documents a record holds (meetings, study trips, later the evaluation's
// materials). Uploads: POST /api/files (documents), POST /api/photos (photos).
import { z } from 'zod';
import { instant, rowId, type Wire } from './common.ts';

export const storedDocument = z.object({
  id: rowId,
  name: z.string(),
  kind: z.enum(['pdf', 'docx', 'xlsx']),
  bytes: z.number().int(),
  url: z.string(),
  createdAt: instant,
});

export const linkedPhoto = z.object({
  id: rowId,
  width: z.number().int(),
  height: z.number().int(),
  takenAt: instant.nullable(),
  url: z.string(),
  thumbUrl: z.string(),
});

/** What a record holds: its photos and its documents. */
export const attachments = z.object({ photos: z.array(linkedPhoto), files: z.array(storedDocument) });

export type StoredDocument = Wire<typeof storedDocument>;
export type LinkedPhoto = Wire<typeof linkedPhoto>;
export type Attachments = Wire<typeof attachments>;
