// #region jwks
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { RealtimeModule } from '@tenantcast/nest';

// Fetched once, cached, and refetched when a token names a key id it has not seen.
const jwks = createRemoteJWKSet(new URL('https://id.example.com/.well-known/jwks.json'));

export const realtime = RealtimeModule.forRoot({
  namespace: '/rca',
  auth: {
    verify: async (token) => {
      const { payload } = await jwtVerify(token, jwks, {
        algorithms: ['RS256'], // pinned: the token's header never chooses
        issuer: 'https://id.example.com',
        audience: 'rca-api',
      });
      return payload; // a JWTExpired error becomes TOKEN_EXPIRED for the client
    },
    // Your identity provider's claim names → the user on socket.data.user.
    mapClaims: (claims) =>
      typeof claims.sub === 'string' && typeof claims.org_id === 'string'
        ? { userId: claims.sub, tenantId: claims.org_id, role: typeof claims.role === 'string' ? claims.role : 'viewer' }
        : undefined, // refused with UNAUTHORIZED
  },
});
// #endregion jwks
