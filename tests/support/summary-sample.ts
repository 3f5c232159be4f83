import type { SummaryChartInput, VariantFigures } from '../../src/campaigns/summary-chart.js';
import { rateSeries, type MessageTimes } from '../../src/campaigns/summary-rates.js';

const START = Date.UTC(2026, 2, 10, 12, 0);

/**
 * A made-up run of 1,240 messages over about three hours: one every 8 to 10
 * seconds, most delivered a few seconds to a few minutes later. Deterministic,
 * so the picture is the same every time.
 */
export function sampleTimes(count = 1_240): MessageTimes[] {
  const times: MessageTimes[] = [];
  let at = START;
  for (let i = 0; i < count; i++) {
    at += 8_000 + ((i * 7919) % 2_000);
    const failed = i % 31 === 0;
    const delay = 2_000 + ((i * 104_729) % 240_000) + (i % 97 === 0 ? 1_800_000 : 0);
    times.push({ sentAt: failed ? null : at, deliveredAt: failed || i % 19 === 0 ? null : at + delay });
  }
  return times;
}

/** Three made-up template variants, as per-variant figures would give them. */
export const SAMPLE_VARIANTS: readonly VariantFigures[] = [
  { label: 'A: Olá {name}, tudo bem?', sent: 402, delivered: 388, read: 301, replied: 81 },
  { label: 'B: Oi {name}! Promoção de verão', sent: 395, delivered: 371, read: 262, replied: 70 },
  { label: 'C: Bom dia, {name} — Conceição', sent: 383, delivered: 361, read: 297, replied: 61 },
];

/** The summary of a campaign whose contacts have accented names. */
export function sampleSummary(overrides: Partial<SummaryChartInput> = {}): SummaryChartInput {
  return {
    title: 'Campaign 12: completed',
    subtitle: 'list 4 “Clientes São Paulo”, 1 run(s), number main',
    note: 'First message, to João Conceição: “Olá João, a promoção de verão começa amanhã às 9h!”',
    funnel: { targeted: 1_240, sent: 1_180, delivered: 1_120, read: 860, replied: 212 },
    beside: { failed: 38, skipped: 22, optedOut: 9, notSent: 0, unknown: 0 },
    rates: rateSeries(sampleTimes()),
    timeZone: 'America/Sao_Paulo',
    ...overrides,
  };
}
