import type QRCodeModule from 'qrcode';

// A QR is drawn only while linking a number: the encoder loads then, not at every start.
let encoder: Promise<typeof QRCodeModule> | undefined;
function qrcode(): Promise<typeof QRCodeModule> {
  encoder ??= import('qrcode').then((module) => module.default);
  return encoder;
}

/** The login QR as a PNG for chat front-ends. */
export async function qrToPng(code: string): Promise<Buffer> {
  return (await qrcode()).toBuffer(code, { type: 'png', errorCorrectionLevel: 'L', margin: 2, scale: 8 });
}

/** The login QR drawn with block characters for a terminal. */
export async function qrToTerminal(code: string): Promise<string> {
  return (await qrcode()).toString(code, { type: 'terminal', small: true, errorCorrectionLevel: 'L' });
}
