/**
 * Why a phone was refused, as the import report and the rejected-rows file say
 * it. Kept apart from phone.ts so the threads that only count and write
 * refusals never load the numbering metadata.
 */

/** Refused in the list's country: the operator sees which country it was read in, and that no other was tried. */
export type NationalProblem = `not valid for ${string} (written without +)`;

export type PhoneProblem = 'empty' | 'not a phone number' | 'too short' | 'too long' | 'not valid for its country' | 'no country code' | NationalProblem;

export function nationalProblem(country: string): NationalProblem {
  return `not valid for ${country} (written without +)`;
}
