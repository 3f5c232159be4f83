import type { Button } from '../core/command.js';
import type { InboxForward } from './inbox-recorder.js';

/** Who wrote, on which campaign, answering what; then what they wrote. */
export function forwardText(forward: InboxForward, dryRun: boolean): string {
  const name = forward.name ? `${forward.name} (${forward.phone})` : forward.phone;
  const campaign = forward.campaignId !== null ? `, campaign ${forward.campaignId}` : ', no campaign';
  const answering = forward.answered ? `, answering message ${forward.answered.messageId} "${forward.answered.excerpt}"` : '';
  const optOut = forward.optOut ? '\n(an opt-out word: the number is on the suppression list, as for any STOP)' : '';
  return `${dryRun ? '[DRY RUN] ' : ''}Inbox: ${name}${campaign}${answering}:\n${forward.text}${optOut}`;
}

/** Reply, Opt out (unless they just did) and Mute, as the presser. */
export function forwardButtons(forward: InboxForward): Button[] {
  return [
    { label: 'Reply', command: `/reply ${forward.phone}`, style: 'primary' },
    ...(forward.optOut ? [] : [{ label: 'Opt out', command: `/optout ${forward.phone}`, style: 'danger' as const }]),
    { label: 'Mute', command: `/mute ${forward.phone}` },
  ];
}
