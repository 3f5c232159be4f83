/** Control characters a terminal would act on (ESC starts ANSI and OSC sequences, the C1 CSI too); tab and newline are kept. */
const CONTROLS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

/**
 * Text from outside (contact names, file names, messages) as the console
 * prints it: each control character shown as a visible \xNN, so a name
 * cannot clear the screen, retitle the window or hide what follows.
 */
export function escapeControls(text: string): string {
  return text.replace(CONTROLS, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
