/** Long enough to recognise a file by; far below the 255 bytes most file systems allow for a name, so a prefix still fits. */
const DEFAULT_MAX_LENGTH = 80;
/** An extension longer than this is not one ("report.final-version-for-the-board"). */
const MAX_EXTENSION_LENGTH = 10;

/**
 * A short, safe name for storing a file whose name came from a user: no path,
 * only ASCII letters, digits, '.', '-' and '_', at most `maxLength` characters,
 * its extension kept (the importers and WhatsApp go by it). The name the user
 * gave is kept elsewhere for showing; this one only has to work on disk.
 */
export function safeFileName(original: string, maxLength = DEFAULT_MAX_LENGTH): string {
  const base = original.split(/[/\\]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  const hasExtension = dot > 0 && base.length - dot - 1 <= MAX_EXTENSION_LENGTH;
  const clean = (part: string) =>
    part
      .normalize('NFKD')
      // Accents go (ação -> acao) rather than becoming underscores.
      .replace(/\p{M}/gu, '')
      .replace(/[^\w.-]+/g, '_')
      .replace(/_+/g, '_');
  const extension = hasExtension ? clean(base.slice(dot)).replace(/^\.?/, '.') : '';
  const stem = clean(hasExtension ? base.slice(0, dot) : base).replace(/^[._]+/, '') || 'file';
  return `${stem.slice(0, Math.max(1, maxLength - extension.length))}${extension}`;
}
