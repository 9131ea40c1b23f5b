import type { PresenceMember } from '@tenantcast/protocol';

/** @internal A user's first connection entered a scope: add it, unless already listed. */
export function withMember(
  members: readonly PresenceMember[],
  change: { userId: string; meta: Record<string, unknown>; timestamp: number },
): readonly PresenceMember[] {
  if (members.some((member) => member.userId === change.userId)) return members;
  return [...members, { userId: change.userId, connections: 1, meta: change.meta, since: change.timestamp }];
}

/** @internal A user's last connection left a scope: remove it, if listed. */
export function withoutMember(members: readonly PresenceMember[], userId: string): readonly PresenceMember[] {
  return members.some((member) => member.userId === userId) ? members.filter((member) => member.userId !== userId) : members;
}
