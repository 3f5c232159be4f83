import { extractUrlFromText, getUrlInfo, type AnyMessageContent, type WAUrlInfo } from 'baileys';
import type { Logger } from 'pino';
import type { Clock } from '../../core/clock.js';
import { TtlCache } from './ttl-cache.js';

/** How long a link's preview (or its absence) is reused: a campaign repeats one link in every message. */
export const PREVIEW_TTL_MS = 3_600_000;

/** Fetches a link's title, description and thumbnail; undefined when the page offers none. */
export type PreviewFetcher = (url: string) => Promise<WAUrlInfo | undefined>;

/**
 * Link previews for text messages. Baileys would fetch the page of the first
 * link for every single message (through link-preview-js, and silently send
 * none when that is missing); here it is fetched once per link and reused, and
 * LINK_PREVIEWS=off sends every link bare.
 */
export class LinkPreviews {
  private readonly cache: TtlCache;

  constructor(
    private readonly enabled: boolean,
    clock: Clock,
    private readonly logger: Logger,
    private readonly fetchPreview: PreviewFetcher = (url) => getUrlInfo(url, { thumbnailWidth: 192, fetchOpts: { timeout: 3_000 }, logger }),
  ) {
    this.cache = new TtlCache(clock, PREVIEW_TTL_MS, 100);
  }

  /** A text message as Baileys should send it: with the preview of its first link, or explicitly without one. */
  async textMessage(text: string): Promise<AnyMessageContent> {
    // linkPreview: null tells Baileys not to look for one itself.
    if (!this.enabled) return { text, linkPreview: null };
    const url = extractUrlFromText(text);
    if (url === undefined) return { text };
    return { text, linkPreview: await this.previewOf(url) };
  }

  private async previewOf(url: string): Promise<WAUrlInfo | null> {
    const known = this.cache.get<WAUrlInfo | null>(url);
    if (known !== undefined) return known;
    let preview: WAUrlInfo | null = null;
    try {
      preview = (await this.fetchPreview(url)) ?? null;
    } catch (error) {
      // A page that cannot be read costs the preview, never the message.
      this.logger.warn({ err: error, url }, 'no link preview: the page could not be read');
    }
    this.cache.set(url, preview);
    return preview;
  }
}
