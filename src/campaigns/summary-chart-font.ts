import { createRequire } from 'node:module';
import { ZapcastError } from '../core/errors.js';

/**
 * The summary picture's typeface: Noto Sans (regular and bold), shipped as an
 * npm package so the picture never depends on the fonts a machine has (the
 * Docker image has none) and draws every Latin accent ("João", "Conceição").
 */
export const FONT_FAMILY = 'Noto Sans';

const FILES = ['400Regular/NotoSans_400Regular.ttf', '700Bold/NotoSans_700Bold.ttf'];

/** An installation without the font package cannot draw the summary picture. */
export class ChartFontMissingError extends ZapcastError {
  override name = 'ChartFontMissingError';
}

let resolved: string[] | undefined;

/** The font files' paths, resolved from the installed package once. */
export function fontFiles(): string[] {
  if (!resolved) {
    const require = createRequire(import.meta.url);
    try {
      resolved = FILES.map((file) => require.resolve(`@expo-google-fonts/noto-sans/${file}`));
    } catch {
      throw new ChartFontMissingError('The summary picture needs its font, from the @expo-google-fonts/noto-sans package: reinstall the dependencies (npm ci).');
    }
  }
  return resolved;
}

/**
 * Roughly how wide `text` is at `size` in Noto Sans: its glyphs average a
 * little over half an em, capitals and digits more. Only used to shorten a
 * label before it runs into its neighbour, so erring wide is safe.
 */
export function textWidth(text: string, size: number): number {
  let ems = 0;
  for (const char of text) {
    if (/[A-Z0-9MW@%—]/.test(char)) ems += /[MW@%—]/.test(char) ? 0.9 : 0.64;
    else if (/[ilj.,:;'!|·\s]/.test(char)) ems += 0.3;
    else ems += 0.56;
  }
  return ems * size;
}

/** `text`, shortened with an ellipsis when it would be wider than `maxWidth`. */
export function fitText(text: string, size: number, maxWidth: number): string {
  if (textWidth(text, size) <= maxWidth) return text;
  const chars = [...text];
  while (chars.length > 0 && textWidth(`${chars.join('')}…`, size) > maxWidth) chars.pop();
  return `${chars.join('').trimEnd()}…`;
}
