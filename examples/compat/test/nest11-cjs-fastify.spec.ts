import { describeNestFixture } from './support/nest-fixture';

describeNestFixture({
  name: 'nest11-cjs-fastify',
  nestMajor: 11,
  moduleFormat: 'commonjs',
  platform: 'fastify',
  tsconfig: { module: 'nodenext', moduleResolution: 'nodenext' },
  // The app has no @nestjs/jwt of its own: npm picks the newest that fits, an ESM-only 12.x
  // that the CommonJS build of @tenantcast/nest loads through require(esm).
  jwtMajor: 12,
  servedSocketIo: '4.8.3',
  belowFloor: false,
});
