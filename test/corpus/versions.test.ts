/**
 * Version-ordering and vers interop on the full shared vectors
 * (../shared/vectors/versions with OSV-SCALIBR's generated fixtures, and
 * ../shared/vectors/vers), with the checks of test/interop/version-checks.ts.
 */
import path from 'node:path';
import { sharedDir } from '../support/fixtures.js';
import { registerVersionSuites } from '../interop/version-checks.js';

const vectors = path.join(sharedDir(), 'vectors');
registerVersionSuites(path.join(vectors, 'versions'), path.join(vectors, 'vers'), { osvFiles: 19, versFiles: 21 });
