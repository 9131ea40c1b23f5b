// B1's JWT microbench: µs per HS256 verification, sequential, on the server's CPU. jsonwebtoken
// with a KeyObject built once (what the library does), with a string secret (what @nestjs/jwt does
// with a plain `secret`: it re-parses the key on every call), and jose.
import { createSecretKey } from 'node:crypto';
import { createRequire } from 'node:module';
import { BENCH_SECRET, benchToken } from '../lib/tokens.mjs';

const require = createRequire(import.meta.url);

export async function jwtMicrobench(iterations = 20_000) {
  const jwt = require('jsonwebtoken');
  const { jwtVerify } = await import('jose');
  const token = benchToken('user-0', 'tenant-0');
  const options = { algorithms: ['HS256'] };
  const key = createSecretKey(Buffer.from(BENCH_SECRET));

  const timeSync = (count, verify) => {
    for (let i = 0; i < Math.min(500, count); i += 1) verify();
    const started = process.hrtime.bigint();
    for (let i = 0; i < count; i += 1) verify();
    return Number(process.hrtime.bigint() - started) / 1000 / count;
  };
  const timeAsync = async (count, verify) => {
    for (let i = 0; i < Math.min(500, count); i += 1) await verify();
    const started = process.hrtime.bigint();
    for (let i = 0; i < count; i += 1) await verify();
    return Number(process.hrtime.bigint() - started) / 1000 / count;
  };
  return {
    keyObjectMicros: timeSync(iterations, () => jwt.verify(token, key, options)),
    stringSecretMicros: timeSync(Math.ceil(iterations / 10), () => jwt.verify(token, BENCH_SECRET, options)),
    joseMicros: await timeAsync(Math.ceil(iterations / 4), () => jwtVerify(token, key, { algorithms: ['HS256'] })),
  };
}
