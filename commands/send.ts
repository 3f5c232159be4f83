import { defineCommand, text } from '../src/core/command.js';
import { storeCampaignMedia } from '../src/campaigns/media.js';
import { parseDelayOverride } from '../src/campaigns/pacing-override.js';
import { formatDuration } from '../src/campaigns/eta.js';
import { formatLocal } from '../src/core/zoned-time.js';
import { ZapcastError } from '../src/core/errors.js';
import { parseTemplate } from '../src/campaigns/template.js';

export default defineCommand({
  name: 'send',
  description: 'Create a campaign for a list and preview it (nothing is sent until Start)',
  options: [
    { name: 'list', type: 'integer', description: 'The list id from /import or /lists', required: true },
    { name: 'message', type: 'string', description: 'The text; {name}, {column} and {column|fallback} are filled per contact', required: true, rest: true },
    { name: 'media', type: 'attachment', description: 'An image, video or document to send with the text', keyword: true },
    { name: 'session', type: 'string', description: 'The WhatsApp number to send from', keyword: true },
    { name: 'delay', type: 'string', description: "Seconds between messages, e.g. 10-20 (only slower than the number's pacing)", keyword: true },
  ],
  help: [
    'Example: /send 3 Hi {name|there}, your order {order} is ready!',
    'Different words per recipient: /send 3 {{Hi|Hello|Good morning}} {name}! (\\{{ for literal braces)',
    'Slower than usual: /send 3 Hello {name} delay=10-20',
  ],
  async run(ctx, args) {
    const { services } = ctx;
    const listId = args.integer('list');
    // Refusals come before the upload is stored, so a refused /send leaves nothing behind.
    services.campaigns.checkDraft(listId, args.optionalString('session'));
    parseTemplate(args.string('message'));
    const delayText = args.optionalString('delay');
    const override = delayText === undefined ? undefined : parseDelayOverride(delayText, services.config.pacing);
    if (override && !override.ok) throw new ZapcastError(override.error);
    const upload = args.optionalAttachment('media');
    const media = upload ? storeCampaignMedia(await upload.localPath(), upload.fileName, services.paths.uploads, services.clock.now()) : null;
    const campaign = services.campaigns.createDraft({
      listId,
      template: args.string('message'),
      media,
      pacing: override?.value ?? null,
      sessionName: args.optionalString('session'),
      createdBy: ctx.invocation.actor.id,
    });
    const preview = services.status.preview(campaign);
    const now = services.clock.now();
    const lines = [
      `${services.dryRun ? '[DRY RUN] ' : ''}Campaign ${campaign.id} (draft) for list ${campaign.listId}${media ? ` with ${media.kind} ${media.fileName}` : ''}`,
      ...preview.samples.map((s, i) => `Preview ${i + 1} to ${s.phone}:\n  ${s.text.replace(/\n/g, '\n  ')}`),
      `Recipients: ${preview.toSend} (list ${preview.listSize}, opted out ${preview.optedOut})`,
      `Estimated finish: ${formatLocal(preview.etaAt, services.config.timeZone)} (about ${formatDuration(preview.etaAt - now)} at the current pacing, cap and quiet hours)`,
    ];
    if (preview.variantCount > 1) lines.push(`Variations: ${preview.variantCount} different texts, one chosen per recipient.`);
    if (preview.variationWarning) lines.push(preview.variationWarning);
    if (preview.unknownVariables.length > 0) {
      lines.push(`Warning: no column fills ${preview.unknownVariables.map((v) => `{${v}}`).join(', ')}; they will be blank. Add a fallback like {${preview.unknownVariables[0]}|friend}.`);
    }
    lines.push(`Start with /run ${campaign.id}, or cancel with /cancel ${campaign.id}.`);
    return text(lines.join('\n'), [
      { label: 'Start', command: `/run ${campaign.id}`, style: 'primary' },
      { label: 'Cancel', command: `/cancel ${campaign.id}`, style: 'secondary' },
    ]);
  },
});
