import type { PresenceMember } from '@tenantcast/protocol';

const COLORS = ['#2563eb', '#16a34a', '#db2777', '#ea580c', '#7c3aed', '#0891b2', '#ca8a04', '#dc2626'];

/** The same colour for a user in every window. */
function colorOf(userId: string): string {
  let hash = 0;
  for (const char of userId) hash = (hash * 31 + char.charCodeAt(0)) | 0;
  return COLORS[Math.abs(hash) % COLORS.length]!;
}

/** Props of {@link Avatar}. */
export interface AvatarProps {
  member: Pick<PresenceMember, 'userId' | 'meta'>;
  /** Marks the signed-in user. */
  isMe?: boolean;
}

/** A user's initials in their colour; the role (from presence metadata) in the tooltip. */
export function Avatar({ member, isMe = false }: AvatarProps) {
  const role = typeof member.meta.role === 'string' ? member.meta.role : undefined;
  return (
    <span className={`avatar${isMe ? ' avatar-me' : ''}`} style={{ background: colorOf(member.userId) }} title={`${member.userId}${role ? ` (${role})` : ''}${isMe ? ' — you' : ''}`} data-user={member.userId}>
      {member.userId.slice(0, 2).toUpperCase()}
    </span>
  );
}
