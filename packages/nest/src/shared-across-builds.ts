/**
 * One copy of each public class per process, whichever build loaded first.
 *
 * This package ships an ESM and a CommonJS build. An app can load both (a NestJS 12 app in ESM
 * next to a CommonJS library, or the reverse), and each build then defines its own
 * `RealtimeModule`, `RealtimeService`, `RealtimeError`... Nest resolves providers by class
 * identity and `instanceof` compares prototypes, so injecting `RealtimeService` through one build
 * into a module registered through the other fails, and `instanceof RealtimeError` is false
 * across them.
 *
 * The pattern, for every public class (modules, injectable services, errors, stores,
 * indicators): decorate it with `@SharedAcrossBuilds('<ClassName>')`, above its other
 * decorators. The decorator returns the class that the first build registered under that name,
 * so both builds' bindings, their `new X()` and their `instanceof X` all use one class. Internal
 * parts are never injected by class: their DI tokens are `Symbol.for('tenantcast.…')` keys
 * (`realtime-internal.constants.ts`), identical in both builds by construction.
 *
 * Why a registry rather than `Symbol.hasInstance` brands: brands would fix `instanceof` but not
 * DI, which needs the very same class object as its token. Why keyed by version: two versions of
 * the package are different code; sharing a class between them would run one version's methods
 * against the other's internals, so they stay apart (Nest then reports the unresolved provider,
 * and `npm ls @tenantcast/nest` shows the two copies).
 *
 * The registry holds class definitions only, never state, so it is safe to share process-wide.
 */

/** Replaced by the package version at build time (tsup and vitest `define`). */
declare const __TENANTCAST_NEST_VERSION__: string;

/** Any class, also one whose constructor is private (a factory like `RealtimeEmitter.connect` makes it). */
type AnyClass = { readonly prototype: object };

const REGISTRY = Symbol.for(`tenantcast.nest@${__TENANTCAST_NEST_VERSION__}.classes`);

function sharedClasses(): Map<string, AnyClass> {
  const holder = globalThis as unknown as Record<symbol, Map<string, AnyClass> | undefined>;
  return (holder[REGISTRY] ??= new Map());
}

/**
 * Class decorator: makes the decorated class the process-wide one for `name`, or replaces it
 * with the class another build of this version registered first.
 */
export function SharedAcrossBuilds(name: string) {
  return <Class extends AnyClass>(target: Class): Class => {
    const classes = sharedClasses();
    const registered = classes.get(name);
    if (registered) return registered as Class;
    classes.set(name, target);
    return target;
  };
}
