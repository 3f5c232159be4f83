/**
 * The breaker's "Slow down": every pacing gap of a number multiplied by a
 * factor kept on the number. Each press doubles it (a number still tripping the
 * breaker slows further), up to a limit past which a campaign would crawl for
 * days; "Normal pace" puts it back to 1, the configured pacing.
 */
export const MAX_PACE_FACTOR = 8;

export function slowedDown(factor: number): number {
  return Math.min(MAX_PACE_FACTOR, factor * 2);
}

/** How a number paces, for /sessions and the breaker's answers. */
export function describePace(factor: number): string {
  return factor === 1 ? 'pacing as configured' : `pacing ${factor}x the configured delays`;
}
