/**
 * @internal Makes a reference's `release` idempotent: a component that releases twice (an effect
 * cleanup and an explicit leave) must not drop another holder's reference.
 */
export function releaseOnce(release: () => Promise<void>): () => Promise<void> {
  let released = false;
  return () => {
    if (released) return Promise.resolve();
    released = true;
    return release();
  };
}
