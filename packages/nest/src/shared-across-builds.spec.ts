import 'reflect-metadata';
import type { Provider, Type } from '@nestjs/common';
import { ApplicationConfig, DiscoveryService, HttpAdapterHost } from '@nestjs/core';
import { HealthIndicatorService } from '@nestjs/terminus';
import { describe, expect, it } from 'vitest';
import * as api from './index';
import { createRealtimeProviders } from './realtime.providers';
import * as emitter from './emitter';
import * as terminus from './terminus';
import * as testing from './testing';

declare const __TENANTCAST_NEST_VERSION__: string;

const registry = (globalThis as unknown as Record<symbol, Map<string, unknown> | undefined>)[Symbol.for(`tenantcast.nest@${__TENANTCAST_NEST_VERSION__}.classes`)];

const isClass = (value: unknown): value is Type => typeof value === 'function' && Function.prototype.toString.call(value).startsWith('class');

/** Nest's metadata key for constructor parameters decorated with `@Inject()`. */
const SELF_DECLARED_DEPS = 'self:paramtypes';

describe('SharedAcrossBuilds', () => {
  it('registers every class the entry points export, so the ESM and CommonJS builds share them', () => {
    const exported = Object.entries({ ...api, ...terminus, ...emitter, ...testing }).filter(([, value]) => isClass(value));
    expect(exported.length).toBeGreaterThan(5);
    for (const [name, value] of exported) expect(registry?.get(name), `${name} needs @SharedAcrossBuilds('${name}')`).toBe(value);
  });

  it("injects internal parts only by Symbol.for tokens, besides the shared public classes and Nest's own", () => {
    const shared = new Set(registry?.values());
    const providers: Provider[] = [...createRealtimeProviders(class Gateway {}), terminus.RealtimeHealthIndicator];
    const injected = providers.flatMap((provider) => {
      if (typeof provider === 'function') {
        const deps = (Reflect.getMetadata(SELF_DECLARED_DEPS, provider) ?? []) as Array<{ param: unknown }>;
        return deps.map((dep) => dep.param);
      }
      return 'inject' in provider ? (provider.inject ?? []) : [];
    });
    expect(injected.length).toBeGreaterThan(10);
    for (const token of injected) {
      const nests = [ApplicationConfig, DiscoveryService, HttpAdapterHost, HealthIndicatorService];
      const allowed = (typeof token === 'symbol' && Symbol.keyFor(token) !== undefined) || shared.has(token) || nests.includes(token as never);
      expect(allowed, `injected token ${String(typeof token === 'function' ? token.name : token)} must be a Symbol.for token`).toBe(true);
    }
  });
});
