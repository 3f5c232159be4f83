import type { CommandDefinition } from '../src/core/command.js';
import breaker from './breaker.js';
import campaigns from './campaigns.js';
import cancel from './cancel.js';
import droplist from './droplist.js';
import forget from './forget.js';
import help from './help.js';
import importCommand from './import.js';
import inbox from './inbox.js';
import lists from './lists.js';
import logout from './logout.js';
import mute from './mute.js';
import optin from './optin.js';
import optout from './optout.js';
import pair from './pair.js';
import pause from './pause.js';
import qr from './qr.js';
import reply from './reply.js';
import report from './report.js';
import resume from './resume.js';
import run from './run.js';
import schedule from './schedule.js';
import schedules from './schedules.js';
import send from './send.js';
import sessions from './sessions.js';
import status from './status.js';
import stop from './stop.js';
import test from './test.js';
import unschedule from './unschedule.js';

/** Every command, in the order /help and the chat menus show them. */
export const COMMANDS: readonly CommandDefinition[] = [
  help,
  importCommand,
  lists,
  droplist,
  send,
  run,
  pause,
  resume,
  stop,
  cancel,
  status,
  campaigns,
  schedule,
  schedules,
  unschedule,
  report,
  inbox,
  reply,
  mute,
  optout,
  optin,
  forget,
  test,
  qr,
  sessions,
  pair,
  logout,
  breaker,
];
