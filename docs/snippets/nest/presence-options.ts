// #region redis
import { RealtimeModule } from '@tenantcast/nest';

export const realtime = RealtimeModule.forRoot({
  auth: { secret: process.env.JWT_SECRET ?? '' },
  presence: {
    store: 'redis',
    url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    keyPrefix: 'rca:presence', // one per application sharing the Redis
    ttlMs: 30_000, // a crashed process's users are gone from queries within this
  },
  // What other users of the tenant see of each user (default: role and email).
  presenceMeta: (user) => ({ role: user.role, name: user.name }),
});
// #endregion redis
