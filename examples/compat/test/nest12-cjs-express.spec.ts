import { describeNestFixture } from './support/nest-fixture';

describeNestFixture({
  name: 'nest12-cjs-express',
  nestMajor: 12,
  moduleFormat: 'commonjs',
  platform: 'express',
  tsconfig: { module: 'nodenext', moduleResolution: 'nodenext' },
  jwtMajor: 12,
  servedSocketIo: '4.8.3',
  belowFloor: false,
});
