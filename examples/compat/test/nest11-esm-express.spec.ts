import { describeNestFixture } from './support/nest-fixture';

describeNestFixture({
  name: 'nest11-esm-express',
  nestMajor: 11,
  moduleFormat: 'esm',
  platform: 'express',
  tsconfig: { module: 'nodenext', moduleResolution: 'nodenext' },
  jwtMajor: 12,
  servedSocketIo: '4.8.3',
  belowFloor: false,
});
