import type { Db } from './connection.js';
import { AppStateRepo } from './repos/app-state-repo.js';
import { AuditLogRepo } from './repos/audit-log-repo.js';
import { CampaignRunsRepo } from './repos/campaign-runs-repo.js';
import { CampaignsRepo } from './repos/campaigns-repo.js';
import { InboundRepo } from './repos/inbound-repo.js';
import { InboxRepo } from './repos/inbox-repo.js';
import { ContactListsRepo } from './repos/contact-lists-repo.js';
import { ContactsRepo } from './repos/contacts-repo.js';
import { MessagesRepo } from './repos/messages-repo.js';
import { OptOutsRepo } from './repos/optouts-repo.js';
import { RunCountersRepo } from './repos/run-counters-repo.js';
import { SchedulesRepo } from './repos/schedules-repo.js';
import { SendDaysRepo } from './repos/send-days-repo.js';
import { SentContentsRepo } from './repos/sent-contents-repo.js';
import { WaSessionsRepo } from './repos/wa-sessions-repo.js';

export interface Repositories {
  db: Db;
  waSessions: WaSessionsRepo;
  lists: ContactListsRepo;
  contacts: ContactsRepo;
  campaigns: CampaignsRepo;
  runs: CampaignRunsRepo;
  messages: MessagesRepo;
  counters: RunCountersRepo;
  schedules: SchedulesRepo;
  optOuts: OptOutsRepo;
  audit: AuditLogRepo;
  sendDays: SendDaysRepo;
  inbound: InboundRepo;
  inbox: InboxRepo;
  appState: AppStateRepo;
  sentContents: SentContentsRepo;
}

/** `sentContentKeepMs`: how long sent message contents are kept for retry requests (see SentContentsRepo). */
export function createRepositories(db: Db, sentContentKeepMs?: number): Repositories {
  return {
    db,
    waSessions: new WaSessionsRepo(db),
    lists: new ContactListsRepo(db),
    contacts: new ContactsRepo(db),
    campaigns: new CampaignsRepo(db),
    runs: new CampaignRunsRepo(db),
    messages: new MessagesRepo(db),
    counters: new RunCountersRepo(db),
    schedules: new SchedulesRepo(db),
    optOuts: new OptOutsRepo(db),
    audit: new AuditLogRepo(db),
    sendDays: new SendDaysRepo(db),
    inbound: new InboundRepo(db),
    inbox: new InboxRepo(db),
    appState: new AppStateRepo(db),
    sentContents: new SentContentsRepo(db, sentContentKeepMs),
  };
}
