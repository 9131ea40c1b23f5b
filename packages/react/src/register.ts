import type { NoEvents } from '@tenantcast/client';

/**
 * Declares the application's event maps once, for the hooks exported by this package. Augment it
 * in your app:
 *
 * @example
 * declare module '@tenantcast/react' {
 *   interface Register {
 *     serverEvents: ServerEvents;
 *     clientEvents: ClientEvents;
 *   }
 * }
 */
// eslint-disable-next-line @typescript-eslint/no-empty-interface, @typescript-eslint/no-empty-object-type
export interface Register {}

/** The server event map declared in {@link Register}, else none. */
export type RegisteredServerEvents = Register extends { serverEvents: infer S } ? S : NoEvents;

/** The client event map declared in {@link Register}, else none. */
export type RegisteredClientEvents = Register extends { clientEvents: infer C } ? C : NoEvents;
