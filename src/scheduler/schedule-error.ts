import { ZapcastError } from '../core/errors.js';
import { ACCEPTED_FORMS } from './parse-schedule.js';

/** A /schedule the operator must write differently: what is wrong, then every accepted form, on one line. */
export class ScheduleError extends ZapcastError {
  override name = 'ScheduleError';
  constructor(readonly problem: string) {
    super(`${problem.charAt(0).toUpperCase()}${problem.slice(1)}. ${ACCEPTED_FORMS}`);
  }
}
