import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { artifactKey, datasetKey, modelKey, normalizeDigestAlgorithm, packageNodes, signerIdentityKey, sourceRepositoryKey, syntheticPackage, vulnerabilityKey } from '../../../schema/identity/keys.js';
import { parsePurl } from '../../../schema/identity/purl.js';

describe('identity rules', () => {
  test('digest algorithms from every format spell the same artifact; unknown names and prototype keys do not resolve', () => {
    for (const alg of ['SHA-256', 'sha256', 'SHA256', ' sha-256 ']) assert.equal(artifactKey(alg, 'AbCd'), 'sha256:abcd');
    assert.equal(artifactKey('BLAKE2b-512', 'ff'), 'blake2b-512:ff');
    assert.equal(artifactKey('sha256', 'not-hex'), null);
    assert.equal(artifactKey('rot13', 'ab'), null);
    for (const hostile of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      assert.equal(normalizeDigestAlgorithm(hostile), null, hostile);
      assert.equal(artifactKey(hostile, 'ab'), null, hostile);
    }
  });

  test('package versions keep sorted qualifiers and drop the subpath; the package is versionless', () => {
    const { pkg, version } = packageNodes(parsePurl('pkg:deb/debian/openssl@3.0.11-1~deb12u2?distro=debian-12&arch=amd64#usr/lib'));
    assert.equal(pkg.key, 'pkg:deb/debian/openssl');
    assert.equal(version.key, 'pkg:deb/debian/openssl@3.0.11-1~deb12u2?arch=amd64&distro=debian-12');
    assert.equal(version.plainPurl, 'pkg:deb/debian/openssl@3.0.11-1~deb12u2');
    assert.equal(version.packageKey, pkg.key);
    assert.equal(version.qualifiers, '{"arch":"amd64","distro":"debian-12"}');
    assert.equal(version.synthetic, false);
  });

  test('a versionless purl is a PackageVersion with an empty version under its package', () => {
    const { pkg, version } = packageNodes(parsePurl('pkg:npm/left-pad'));
    assert.equal(version.key, 'pkg:npm/left-pad');
    assert.equal(version.version, '');
    assert.equal(version.packageKey, pkg.key);
  });

  test('components without purl: name@version merges across documents, versionless ones stay in their document', () => {
    const a = syntheticPackage({ group: 'acme', name: 'firmware', version: '2.1', documentSha256: 'a'.repeat(64), localRef: 'x' });
    const b = syntheticPackage({ group: 'acme', name: 'firmware', version: '2.1', documentSha256: 'b'.repeat(64), localRef: 'y' });
    assert.equal(a.version.key, 'pkg:generic/acme/firmware@2.1');
    assert.equal(a.version.key, b.version.key);
    assert.equal(a.version.synthetic, true);
    const c = syntheticPackage({ name: 'blob', documentSha256: 'c'.repeat(64), localRef: 'r1' });
    const d = syntheticPackage({ name: 'blob', documentSha256: 'd'.repeat(64), localRef: 'r1' });
    assert.notEqual(c.version.key, d.version.key);
    assert.match(c.version.key, /sg-doc=cccccccccccccccc/);
  });

  test('models and datasets: purl first, else name@version', () => {
    assert.equal(modelKey({ purl: 'pkg:huggingface/acme/m@abc', name: 'm' }), 'pkg:huggingface/acme/m@abc');
    assert.equal(modelKey({ name: 'acme/m', version: '3' }), 'model:acme/m@3');
    assert.equal(datasetKey({ name: 'reviews' }), 'dataset:reviews');
  });

  test('vulnerability ids: CVE case-folded, others kept', () => {
    assert.equal(vulnerabilityKey(' cve-2024-1234 '), 'CVE-2024-1234');
    assert.equal(vulnerabilityKey('GHSA-abcd-efgh-ijkl'), 'GHSA-abcd-efgh-ijkl');
  });

  test('repository URLs in their many spellings name one repository', () => {
    const expected = 'https://github.com/acme/widget';
    for (const u of ['git+https://github.com/acme/widget.git', 'git@github.com:acme/widget.git', 'https://GitHub.com/acme/widget/', 'git://github.com/acme/widget', 'https://user@github.com/acme/widget.git#main']) {
      assert.equal(sourceRepositoryKey(u), expected, u);
    }
  });

  test('signer identities by key fingerprint, certificate subject/SAN, or OIDC issuer + identity', () => {
    assert.equal(signerIdentityKey({ kind: 'key', keyFingerprint: 'ab' }), 'key:sha256:ab');
    assert.equal(signerIdentityKey({ kind: 'certificate', subject: 'CN=x', san: 'a@b' }), 'x509:CN=x|a@b');
    assert.equal(signerIdentityKey({ kind: 'oidc', issuer: 'https://accounts.google.com', san: 'a@b' }), 'oidc:https://accounts.google.com|a@b');
  });
});
