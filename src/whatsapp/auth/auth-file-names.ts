/** The names Baileys' useMultiFileAuthState gives its files, so a folder it made is used as it is. */
export const CREDS_FILE = 'creds.json';

export function authFileName(key: string): string {
  return key.replace(/\//g, '__').replace(/:/g, '-');
}

export function keyFileName(type: string, id: string): string {
  return authFileName(`${type}-${id}.json`);
}
