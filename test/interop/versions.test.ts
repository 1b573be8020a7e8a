/**
 * Version-ordering and vers interop on the committed fixtures: OSV-SCALIBR's
 * hand-written ordering fixtures (test/fixtures/versions, one per ecosystem)
 * and every vers-spec test file (test/fixtures/vers); the checks are in
 * version-checks.ts. OSV-SCALIBR's large generated fixtures run in
 * test/corpus/versions.test.ts from the shared vectors.
 */
import { fixturePath } from '../support/fixtures.js';
import { registerVersionSuites } from './version-checks.js';

registerVersionSuites(fixturePath('versions'), fixturePath('vers'), { osvFiles: 12, versFiles: 21 });
