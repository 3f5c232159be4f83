import QRCode from 'qrcode';

/** The login QR as a PNG for chat front-ends. */
export function qrToPng(code: string): Promise<Buffer> {
  return QRCode.toBuffer(code, { type: 'png', errorCorrectionLevel: 'L', margin: 2, scale: 8 });
}

/** The login QR drawn with block characters for a terminal. */
export function qrToTerminal(code: string): Promise<string> {
  return QRCode.toString(code, { type: 'terminal', small: true, errorCorrectionLevel: 'L' });
}
