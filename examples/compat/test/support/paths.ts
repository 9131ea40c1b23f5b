import { fileURLToPath } from 'node:url';

/** The repository's root. */
export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/** `examples/compat`. */
export const COMPAT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
