import { defineCommand, text } from '../src/core/command.js';
import { isSupportedCountry, type CountryCode } from 'libphonenumber-js';
import { ZapcastError } from '../src/core/errors.js';
import { importCsv } from '../src/contacts/csv-import.js';
import { formatImportReport } from '../src/contacts/import-report.js';

export default defineCommand({
  name: 'import',
  description: 'Import contacts from a CSV file into a new list',
  options: [
    { name: 'file', type: 'attachment', description: 'The CSV file', required: true },
    { name: 'phone', type: 'string', description: 'The phone column, when it cannot be found by its header', keyword: true },
    { name: 'name', type: 'string', description: 'The name column', keyword: true },
    { name: 'country', type: 'string', description: 'Country for numbers written without +code (e.g. BR)', keyword: true },
  ],
  help: ['Example: /import contacts.csv country=BR'],
  async run(ctx, args) {
    const { services } = ctx;
    const country = args.optionalString('country')?.toUpperCase();
    if (country !== undefined && !isSupportedCountry(country)) throw new ZapcastError(`"${country}" is not a country code; use two letters such as BR, ES or US.`);
    const file = args.attachment('file');
    const path = await file.localPath();
    const report = await importCsv(services.repos, {
      path,
      listName: file.fileName,
      country: (country as CountryCode | undefined) ?? services.config.defaultCountry,
      phoneColumn: args.optionalString('phone'),
      nameColumn: args.optionalString('name'),
      createdBy: ctx.invocation.actor.id,
      exportsDir: services.paths.exports,
      now: services.clock.now(),
      maxBytes: 50 * 1024 * 1024,
      onProgress: (rows) => services.events.emit('import.progress', { key: ctx.invocation.chatId, rows }),
    });
    return text(`${formatImportReport(report)}\nNext: /send ${report.listId} <message with {name}>`);
  },
});
