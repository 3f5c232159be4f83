import type { AnyMessageContent } from 'baileys';
import type { MediaContent } from '../transport.js';

/** A campaign attachment as Baileys sends it: streamed from its file, captioned. */
export function mediaMessage(media: MediaContent): AnyMessageContent {
  const source = { url: media.path };
  switch (media.kind) {
    case 'image':
      return { image: source, caption: media.caption, mimetype: media.mimeType };
    case 'video':
      return { video: source, caption: media.caption, mimetype: media.mimeType };
    case 'document':
      return { document: source, caption: media.caption, mimetype: media.mimeType, fileName: media.fileName };
  }
}
