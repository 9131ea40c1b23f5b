/** The resource kind RCA rooms are registered under: rooms are `tenant:{tenantId}:rca:{id}`. */
export const RCA_ROOM_KIND = 'rca';
