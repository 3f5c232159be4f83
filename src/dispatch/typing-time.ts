/** Roughly how long a person takes to type `text`: 40 ms a character, 1 to 5 s. */
export function typingTimeFor(text: string): number {
  return Math.min(5_000, Math.max(1_000, text.length * 40));
}

export const MAX_TYPING_MS = 5_000;
