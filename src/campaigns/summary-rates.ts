/** When a message left and when WhatsApp said it arrived (null: not yet, or never). */
export interface MessageTimes {
  sentAt: number | null;
  deliveredAt: number | null;
}

/** Messages sent and delivered per interval over a run, from its first send to its last receipt. */
export interface RateSeries {
  /** The first interval's start (ms since the epoch), a multiple of `bucketMs`. */
  start: number;
  bucketMs: number;
  sent: number[];
  delivered: number[];
}

const MINUTE = 60_000;
/** Interval lengths a person reads at a glance: "per 5 min", "per hour", "per day". */
export const BUCKET_SIZES_MS = [1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440].map((minutes) => minutes * MINUTE);

/**
 * Buckets the sends and deliveries of a run into the shortest interval that
 * needs at most `maxBuckets` of them (or a day each beyond that), so a
 * ten-minute run and a three-day one both read as a curve. Undefined when
 * nothing was sent.
 */
export function rateSeries(messages: Iterable<MessageTimes>, maxBuckets = 36): RateSeries | undefined {
  const sends: number[] = [];
  const deliveries: number[] = [];
  let first = Infinity;
  let last = -Infinity;
  for (const { sentAt, deliveredAt } of messages) {
    for (const at of [sentAt, deliveredAt]) {
      if (at === null) continue;
      first = Math.min(first, at);
      last = Math.max(last, at);
    }
    if (sentAt !== null) sends.push(sentAt);
    if (deliveredAt !== null) deliveries.push(deliveredAt);
  }
  if (sends.length === 0) return undefined;
  const fits = (size: number) => Math.floor(last / size) - Math.floor(first / size) + 1 <= maxBuckets;
  const bucketMs = BUCKET_SIZES_MS.find(fits) ?? BUCKET_SIZES_MS.at(-1)!;
  const start = Math.floor(first / bucketMs) * bucketMs;
  const count = Math.floor((last - start) / bucketMs) + 1;
  const tally = (times: number[]) => {
    const counts = new Array<number>(count).fill(0);
    for (const at of times) counts[Math.floor((at - start) / bucketMs)]!++;
    return counts;
  };
  return { start, bucketMs, sent: tally(sends), delivered: tally(deliveries) };
}

/** "5 min", "hour", "3 h", "day": the interval as the axis names it. */
export function bucketName(bucketMs: number): string {
  const minutes = Math.round(bucketMs / MINUTE);
  if (minutes === 1) return 'minute';
  if (minutes < 60) return `${minutes} min`;
  if (minutes === 60) return 'hour';
  if (minutes < 1440) return `${minutes / 60} h`;
  return minutes === 1440 ? 'day' : `${minutes / 1440} days`;
}
