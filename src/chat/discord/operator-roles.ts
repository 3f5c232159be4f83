import { Routes, type APIInteractionGuildMember, type GuildMember, type REST } from 'discord.js';
import type { Clock } from '../../core/clock.js';

const REMEMBER_MS = 60_000;

/** The role ids of the member behind an interaction, whichever form discord.js hands over. */
export function roleIdsOf(member: GuildMember | APIInteractionGuildMember | null): string[] {
  if (!member) return [];
  return Array.isArray(member.roles) ? [...member.roles] : [...member.roles.cache.keys()];
}

/**
 * Roles of a user pressing a button in a DM, where Discord sends no member:
 * asked of the configured server and remembered for a minute.
 */
export class RoleLookup {
  private readonly known = new Map<string, { roles: string[]; at: number }>();

  constructor(
    private readonly rest: REST,
    private readonly guildId: string | undefined,
    private readonly clock: Clock,
  ) {}

  async rolesOf(userId: string): Promise<string[]> {
    if (!this.guildId) return [];
    const now = this.clock.now();
    const cached = this.known.get(userId);
    if (cached && now - cached.at < REMEMBER_MS) return cached.roles;
    let roles: string[] = [];
    try {
      roles = ((await this.rest.get(Routes.guildMember(this.guildId, userId))) as { roles: string[] }).roles;
    } catch {
      // Not a member of the server (or it cannot be asked): no roles.
    }
    this.known.set(userId, { roles, at: now });
    return roles;
  }
}
