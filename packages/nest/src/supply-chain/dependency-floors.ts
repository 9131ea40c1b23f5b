/**
 * The lowest versions of the packages that serve Socket.IO which close known vulnerabilities
 * (CVE-2024-38355, the engine.io crashes, CVE-2026-33151, CVE-2024-37890 and CVE-2026-48779,
 * among others; see the security guide). A NestJS app does not always serve the copy it declares:
 * `@nestjs/platform-socket.io` 10 pins socket.io 4.8.1 and npm nests that copy under it.
 */
export const DEPENDENCY_FLOORS = {
  'socket.io': '4.8.3',
  'engine.io': '6.6.9',
  ws: '8.21.0',
  'socket.io-parser': '4.2.7',
} as const;

/** A package whose serving copy is checked against its floor. */
export type FlooredPackage = keyof typeof DEPENDENCY_FLOORS;

/** The copy of a package that actually serves this app. */
export interface ServingCopy {
  name: FlooredPackage;
  version: string;
  /** The package's directory, to tell the reader which copy it is. */
  directory: string;
}

/** A serving copy below its floor. */
export interface BelowFloor extends ServingCopy {
  floor: string;
}

/** Whether `version` (`x.y.z`, optionally with a pre-release tag) is at or above `floor`. */
export function isAtLeast(version: string, floor: string): boolean {
  const [release = '', prerelease] = version.split(/-(.*)/s);
  const have = release.split('.').map(Number);
  const need = floor.split('.').map(Number);
  for (let index = 0; index < 3; index += 1) {
    const a = have[index] ?? 0;
    const b = need[index] ?? 0;
    if (Number.isNaN(a)) return false;
    if (a !== b) return a > b;
  }
  // 4.8.3-rc.1 comes before 4.8.3.
  return prerelease === undefined;
}

/** The serving copies that are below their floor. */
export function belowFloors(copies: readonly ServingCopy[]): BelowFloor[] {
  return copies
    .map((copy) => ({ ...copy, floor: DEPENDENCY_FLOORS[copy.name] }))
    .filter((copy) => !isAtLeast(copy.version, copy.floor));
}
