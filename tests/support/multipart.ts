/** One field of a multipart/form-data body: a value, or a file with its bytes. */
export interface FormPart {
  name: string;
  fileName: string | undefined;
  contentType: string | undefined;
  body: Buffer;
}

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');

// undici's FormData percent-escapes these three in header values.
const unescapeHeaderValue = (value: string) => value.replace(/%22/g, '"').replace(/%0A/gi, '\n').replace(/%0D/gi, '\r');

/** Splits a multipart/form-data body (as undici's FormData and telegraf write it) into its parts. */
export function parseMultipart(body: Buffer, contentType: string): FormPart[] {
  const boundary = /boundary=("?)([^";]+)\1/i.exec(contentType)?.[2];
  if (!boundary) throw new Error('multipart body without a boundary');
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: FormPart[] = [];
  let at = body.indexOf(delimiter);
  while (at !== -1) {
    const start = at + delimiter.length;
    if (body.subarray(start, start + 2).toString() === '--') break;
    const next = body.indexOf(delimiter, start);
    if (next === -1) break;
    // The part sits between the CRLF after the delimiter and the CRLF before the next one.
    const part = body.subarray(start + CRLF.length, next - CRLF.length);
    const split = part.indexOf(HEADER_END);
    const headerLines = part.subarray(0, split === -1 ? 0 : split).toString('utf8').split('\r\n');
    const header = (name: string) => headerLines.find((line) => line.toLowerCase().startsWith(`${name}:`))?.slice(name.length + 1).trim();
    const disposition = header('content-disposition') ?? '';
    const name = /\bname="([^"]*)"/i.exec(disposition)?.[1];
    const fileName = /\bfilename="([^"]*)"/i.exec(disposition)?.[1];
    if (name !== undefined) {
      parts.push({
        name: unescapeHeaderValue(name),
        fileName: fileName === undefined ? undefined : unescapeHeaderValue(fileName),
        contentType: header('content-type'),
        body: Buffer.from(part.subarray(split === -1 ? 0 : split + HEADER_END.length)),
      });
    }
    at = next;
  }
  return parts;
}
