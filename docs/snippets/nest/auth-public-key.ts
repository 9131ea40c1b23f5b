import { readFileSync } from 'node:fs';
// #region public-key
import { RealtimeModule } from '@tenantcast/nest';

export const realtime = RealtimeModule.forRoot({
  auth: {
    publicKey: readFileSync('/run/secrets/jwt-public.pem'),
    algorithms: ['RS256'], // required with a public key
    issuer: 'https://id.example.com',
    maxTokenAgeSeconds: 12 * 60 * 60,
  },
});
// #endregion public-key
