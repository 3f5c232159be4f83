/**
 * The operator's quick guide, shown when someone opens the bot: the few steps
 * of a campaign, in the commands every front-end shares.
 */
export function quickGuide(options: { dryRun: boolean }): string {
  return [
    `${options.dryRun ? '[DRY RUN] ' : ''}zapcast is ready. A campaign in five steps:`,
    '1. /qr (or /pair <phone>) links the WhatsApp number that sends.',
    '2. Send a .csv, .xlsx or .vcf file of contacts: you get a list id and an import report.',
    '3. /send <list> <message with {name}> shows a preview with Start and Cancel buttons.',
    '4. Start (or /run <campaign>) sends; one progress message follows it, with Pause, Resume and Stop.',
    '5. /status shows what is going on; /report <campaign> gives every recipient\'s outcome.',
    '/help lists every command.',
  ].join('\n');
}
