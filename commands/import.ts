import { basename } from 'node:path';
import { defineCommand, text, type Reply } from '../src/core/command.js';
import type { CountryCode } from 'libphonenumber-js';
import { isCountryCode } from '../src/core/country-codes.js';
import { ZapcastError } from '../src/core/errors.js';
import type { ImportReport } from '../src/contacts/import-report.js';

function nextStep(report: ImportReport): string {
  if (!report.kept) return `Correct the numbers${report.rejectedFile ? ' in the rejected rows' : ''} (or say where they are with phone= and country=) and /import the file again.`;
  if (report.optedOut === report.valid) return `Everyone on list ${report.listId} has opted out; there is nobody to send to.`;
  return `Next: /send ${report.listId} <message with {name}>`;
}

export default defineCommand({
  name: 'import',
  description: 'Import contacts from a CSV, Excel (.xlsx) or vCard (.vcf) file into a new list',
  options: [
    { name: 'file', type: 'attachment', description: 'The contact file: CSV, .xlsx or .vcf', required: true },
    { name: 'phone', type: 'string', description: 'The phone column, when it cannot be found by its header (name or number)', keyword: true },
    { name: 'name', type: 'string', description: 'The name column', keyword: true },
    { name: 'country', type: 'string', description: 'Country for numbers written without +code (e.g. BR)', keyword: true },
    { name: 'all-phones', type: 'boolean', description: 'Every valid number of a row becomes a contact, not just its mobile', keyword: true },
  ],
  help: [
    'Example: /import contacts.csv country=BR',
    'Columns are named as in the header, in any case, with _ for spaces (phone=mobile_phone), or by number (phone=3).',
    'A row with several numbers gives its mobile; add all-phones to import all of them.',
  ],
  async run(ctx, args) {
    const { services } = ctx;
    const country = args.optionalString('country')?.toUpperCase();
    if (country !== undefined && !isCountryCode(country)) throw new ZapcastError(`"${country}" is not a country code; use two letters such as BR, ES or US.`);
    const file = args.attachment('file');
    const limits = services.config.import;
    if (file.size !== undefined && file.size > limits.maxBytes) {
      throw new ZapcastError(`The file is ${file.size} bytes; the most /import takes is ${limits.maxBytes} bytes (IMPORT_MAX_BYTES). Split it, or raise the limit.`);
    }
    const path = await file.localPath();
    // The readers (CSV, encodings, phone metadata) load on the first import, not at every start.
    const [{ importContacts }, { formatImportReport }] = await Promise.all([import('../src/contacts/contact-import.js'), import('../src/contacts/import-report.js')]);
    const report = await services.imports.run((signal) =>
      importContacts(services.repos, {
        signal,
        path,
        fileName: file.fileName,
        country: (country as CountryCode | undefined) ?? services.config.defaultCountry,
        phoneColumn: args.optionalString('phone'),
        nameColumn: args.optionalString('name'),
        allPhones: args.boolean('all-phones'),
        createdBy: ctx.invocation.actor.id,
        exportsDir: services.paths.exports,
        exportSeparator: services.config.exportSeparator,
        now: services.clock.now(),
        maxBytes: limits.maxBytes,
        maxRows: limits.maxRows,
        onProgress: (rows: number) => services.events.emit('import.progress', { key: ctx.invocation.chatId, rows }),
      }),
    );
    const replies: Reply[] = [text(`${formatImportReport(report)}\n${nextStep(report)}`)];
    if (report.rejectedFile) {
      replies.push({ kind: 'file', path: report.rejectedFile, fileName: basename(report.rejectedFile), caption: `Rejected rows of list ${report.listId}` });
    }
    return replies;
  },
});
