import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import {
  buildPurl,
  canonicalizePurl,
  formatPurl,
  isCanonicalPurl,
  parsePurl,
  plainPurl,
  PurlError,
  tryParsePurl,
  versionlessPurl,
  type PackageUrl,
  type PurlErrorCode,
} from '../../../schema/identity/purl.js';

function purl(p: Partial<PackageUrl> & Pick<PackageUrl, 'type' | 'name'>): PackageUrl {
  return { namespace: null, version: null, qualifiers: {}, subpath: null, ...p };
}

function assertPurlError(fn: () => unknown, code: PurlErrorCode, messageIncludes?: string): PurlError {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  assert.ok(caught instanceof PurlError, `expected PurlError ${code}, got ${String(caught)}`);
  assert.equal(caught.code, code, caught.message);
  if (messageIncludes !== undefined) assert.ok(caught.message.includes(messageIncludes), caught.message);
  return caught;
}

describe('parsePurl: real-world purls', () => {
  test('apk with qualifiers', () => {
    assert.deepStrictEqual(parsePurl('pkg:apk/alpine/musl@1.2.3-r4?arch=x86_64&distro=alpine-3.16.2'), {
      type: 'apk',
      namespace: 'alpine',
      name: 'musl',
      version: '1.2.3-r4',
      qualifiers: { arch: 'x86_64', distro: 'alpine-3.16.2' },
      subpath: null,
    });
  });

  test('maven keeps case of groupId/artifactId', () => {
    const p = parsePurl('pkg:maven/org.apache.commons/commons-lang3@3.12.0');
    assert.deepStrictEqual(p, purl({ type: 'maven', namespace: 'org.apache.commons', name: 'commons-lang3', version: '3.12.0' }));
    assert.equal(parsePurl('pkg:maven/HTTPClient/HTTPClient@0.3-3').namespace, 'HTTPClient');
  });

  test('npm scope: encoded and unencoded "@" both land in the namespace', () => {
    const expected = purl({ type: 'npm', namespace: '@angular', name: 'core', version: '16.0.0' });
    assert.deepStrictEqual(parsePurl('pkg:npm/%40angular/core@16.0.0'), expected);
    assert.deepStrictEqual(parsePurl('pkg:npm/@angular/core@16.0.0'), expected);
    assert.deepStrictEqual(parsePurl('pkg:npm/@angular/core'), { ...expected, version: null });
    assert.equal(canonicalizePurl('pkg:npm/@angular/core@16.0.0'), 'pkg:npm/%40angular/core@16.0.0');
  });

  test('npm names and scopes are lowercased', () => {
    assert.equal(canonicalizePurl('pkg:npm/%40Angular/Core@16.0.0-RC.1'), 'pkg:npm/%40angular/core@16.0.0-RC.1');
  });

  test('pypi: lowercase and "_" -> "-" (but "." untouched)', () => {
    assert.deepStrictEqual(parsePurl('pkg:pypi/Django_Rest@1.0'), purl({ type: 'pypi', name: 'django-rest', version: '1.0' }));
    assert.equal(canonicalizePurl('pkg:PyPI/Zope.Interface_X@5.0'), 'pkg:pypi/zope.interface-x@5.0');
  });

  test('huggingface: namespace/name case kept, revision lowercased', () => {
    assert.deepStrictEqual(
      parsePurl('pkg:huggingface/meta-llama/Llama-2-7b@ABC123'),
      purl({ type: 'huggingface', namespace: 'meta-llama', name: 'Llama-2-7b', version: 'abc123' }),
    );
  });

  test('oci: encoded digest colon is decoded and emitted unencoded; repository_url slashes encoded', () => {
    const input = 'pkg:oci/Nginx@sha256%3Aabcdef0123?repository_url=docker.io/library/nginx&tag=1.25';
    assert.deepStrictEqual(
      parsePurl(input),
      purl({
        type: 'oci',
        name: 'nginx',
        version: 'sha256:abcdef0123',
        qualifiers: { repository_url: 'docker.io/library/nginx', tag: '1.25' },
      }),
    );
    assert.equal(
      canonicalizePurl(input),
      'pkg:oci/nginx@sha256:abcdef0123?repository_url=docker.io%2Flibrary%2Fnginx&tag=1.25',
    );
  });

  test('golang with subpath; module path case is preserved', () => {
    assert.deepStrictEqual(
      parsePurl('pkg:golang/github.com/gorilla/mux@v1.8.0#subpath'),
      purl({ type: 'golang', namespace: 'github.com/gorilla', name: 'mux', version: 'v1.8.0', subpath: 'subpath' }),
    );
    assert.equal(
      canonicalizePurl('pkg:golang/github.com/Azure/azure-sdk-for-go@v68.0.0+incompatible'),
      'pkg:golang/github.com/Azure/azure-sdk-for-go@v68.0.0%2Bincompatible',
    );
  });

  test('github/bitbucket/composer/brew lowercase namespace and name', () => {
    assert.equal(canonicalizePurl('pkg:GitHub/Package-URL/PURL-Spec@V1'), 'pkg:github/package-url/purl-spec@V1');
    assert.equal(canonicalizePurl('pkg:composer/Laravel/Framework@10.0'), 'pkg:composer/laravel/framework@10.0');
    assert.equal(canonicalizePurl('pkg:brew/Homebrew/Core/OpenSSL%403@3.1'), 'pkg:brew/homebrew/core/openssl%403@3.1');
  });

  test('deb version with epoch and "+": colon stays, plus is encoded', () => {
    assert.equal(
      canonicalizePurl('pkg:deb/Debian/LibSSL3@1:3.0.11-1+deb12u2?distro=debian-12&arch=amd64'),
      'pkg:deb/debian/libssl3@1:3.0.11-1%2Bdeb12u2?arch=amd64&distro=debian-12',
    );
  });

  test('git: namespace is the host, name is the repository path', () => {
    const p = parsePurl('pkg:git/codeberg.org/forgejo/forgejo@a72d2c0#options/locale');
    assert.equal(p.namespace, 'codeberg.org');
    assert.equal(p.name, 'forgejo/forgejo');
    assert.equal(formatPurl(p), 'pkg:git/codeberg.org/forgejo/forgejo@a72d2c0#options/locale');
  });

  test('mlflow: Databricks names are lowercased, Azure ML names are kept', () => {
    assert.equal(
      parsePurl('pkg:mlflow/FraudModel@3?repository_url=https://dbc-1a2b-3c4d.cloud.databricks.com/api/2.0/mlflow').name,
      'fraudmodel',
    );
    assert.equal(
      parsePurl('pkg:mlflow/FraudModel@3?repository_url=https://westus2.api.azureml.ms/mlflow/v1.0').name,
      'FraudModel',
    );
    assert.equal(parsePurl('pkg:mlflow/FraudModel@3').name, 'FraudModel');
  });

  test('scheme and type are case-insensitive; slashes after "pkg:" are not significant', () => {
    assert.equal(canonicalizePurl('PKG:Maven/org.example/lib@1'), 'pkg:maven/org.example/lib@1');
    assert.equal(canonicalizePurl('pkg:///maven/org.example/lib'), 'pkg:maven/org.example/lib');
  });

  test('qualifiers: sorted, empty values dropped, values decoded', () => {
    const p = parsePurl('pkg:generic/x@1?z=last&a=&m=a%20b%2Cc&b=https://h/p?q');
    assert.deepStrictEqual(p.qualifiers, { b: 'https://h/p?q', m: 'a b,c', z: 'last' });
    assert.deepStrictEqual(Object.keys(p.qualifiers), ['b', 'm', 'z']);
    assert.equal(formatPurl(p), 'pkg:generic/x@1?b=https:%2F%2Fh%2Fp%3Fq&m=a%20b%2Cc&z=last');
  });

  test('checksum qualifier is lowercased', () => {
    assert.equal(
      canonicalizePurl('pkg:generic/x@1?checksum=SHA256:ABCDEF,sha1:00FF'),
      'pkg:generic/x@1?checksum=sha256:abcdef%2Csha1:00ff',
    );
  });

  test('subpath: trimmed, ".", ".." and empty segments dropped', () => {
    assert.equal(parsePurl('pkg:generic/x#/a/./b/../%2E%2E//c/').subpath, 'a/b/c');
    assert.equal(parsePurl('pkg:generic/x#/./').subpath, null);
    assert.equal(canonicalizePurl('pkg:cocoapods/GoogleUtilities@7.5.2#NSData+zlib'), 'pkg:cocoapods/GoogleUtilities@7.5.2#NSData%2Bzlib');
  });

  test('empty separators produce null components', () => {
    assert.deepStrictEqual(parsePurl('pkg:npm/foo@?#'), purl({ type: 'npm', name: 'foo' }));
    assert.deepStrictEqual(parsePurl('pkg:npm/foo/'), purl({ type: 'npm', name: 'foo' }));
  });

  test('non-ASCII: UTF-8 percent-encoding with uppercase hex', () => {
    assert.equal(parsePurl('pkg:generic/caf%c3%a9@1').name, 'café');
    assert.equal(canonicalizePurl('pkg:generic/caf%c3%a9@1'), 'pkg:generic/caf%C3%A9@1');
    assert.equal(canonicalizePurl('pkg:generic/café@1'), 'pkg:generic/caf%C3%A9@1');
    assert.equal(canonicalizePurl('pkg:generic/%F0%9F%93%A6'), 'pkg:generic/%F0%9F%93%A6');
  });

  test('a version may contain "/" (encoded on output, round-trips)', () => {
    const p = parsePurl('pkg:generic/foo@release/1.0');
    assert.equal(p.version, 'release/1.0');
    assert.equal(formatPurl(p), 'pkg:generic/foo@release%2F1.0');
    assert.deepStrictEqual(parsePurl(formatPurl(p)), p);
  });
});

describe('parsePurl: invalid input', () => {
  test('missing scheme / wrong scheme / encoded colon', () => {
    assertPurlError(() => parsePurl('npm/foo@1.0'), 'PURL_SYNTAX', 'missing "pkg:" scheme');
    assertPurlError(() => parsePurl('EnterpriseLibrary.Common@6.0.1304'), 'PURL_SYNTAX');
    assertPurlError(() => parsePurl('pkg%3Amaven/org.apache.commons/io'), 'PURL_SYNTAX');
    assertPurlError(() => parsePurl('http://example.com/foo'), 'PURL_SYNTAX', 'scheme must be "pkg"');
    assertPurlError(() => parsePurl(''), 'PURL_SYNTAX');
  });

  test('type errors', () => {
    assertPurlError(() => parsePurl('pkg:3nginx/nginx@0.8.9'), 'PURL_INVALID_TYPE', 'must start with an ASCII letter');
    assertPurlError(() => parsePurl('pkg:nginx:a/nginx@0.8.9'), 'PURL_INVALID_TYPE', 'invalid character ":"');
    assertPurlError(() => parsePurl('pkg:n&g/nginx'), 'PURL_INVALID_TYPE');
    assertPurlError(() => parsePurl('pkg:/nginx'), 'PURL_MISSING_NAME');
    assertPurlError(() => parsePurl('pkg:'), 'PURL_MISSING_TYPE');
    assertPurlError(() => parsePurl('pkg:EnterpriseLibrary.Common@6.0.1304'), 'PURL_MISSING_TYPE');
  });

  test('name errors', () => {
    assertPurlError(() => parsePurl('pkg:maven/@1.3.4'), 'PURL_MISSING_NAME');
    assertPurlError(() => parsePurl('pkg:npm'), 'PURL_MISSING_NAME');
    assertPurlError(() => parsePurl('pkg:swift/github.com/Alamofire/@5.4.3'), 'PURL_MISSING_NAME');
  });

  test('qualifier errors (strict)', () => {
    assertPurlError(() => parsePurl('pkg:npm/a@1?in%20production=true'), 'PURL_INVALID_QUALIFIER');
    assertPurlError(() => parsePurl('pkg:npm/a@1?1abc=x'), 'PURL_INVALID_QUALIFIER');
    assertPurlError(() => parsePurl('pkg:npm/a@1?arch=x&arch=y'), 'PURL_INVALID_QUALIFIER', 'duplicate');
    assertPurlError(() => parsePurl('pkg:npm/a@1?flag'), 'PURL_INVALID_QUALIFIER', 'not a key=value pair');
    assertPurlError(() => parsePurl('pkg:rpm/fedora/curl@7?Arch=i386'), 'PURL_INVALID_QUALIFIER', 'must be lowercase');
  });

  test('lenient mode remediates uppercase keys and bare qualifier parts only', () => {
    const opts = { lenient: true };
    assert.deepStrictEqual(parsePurl('pkg:rpm/Fedora/curl@7?Arch=i386&Distro=fedora-25&flag', opts).qualifiers, {
      arch: 'i386',
      distro: 'fedora-25',
    });
    assert.equal(canonicalizePurl('pkg:gem/jruby-launcher@1.1.2?Platform=java', opts), 'pkg:gem/jruby-launcher@1.1.2?platform=java');
    // still rejects what is not a case problem
    assertPurlError(() => parsePurl('pkg:npm/a@1?in%20production=true', opts), 'PURL_INVALID_QUALIFIER');
    assertPurlError(() => parsePurl('pkg:npm/a@1?Arch=x&arch=y', opts), 'PURL_INVALID_QUALIFIER', 'duplicate');
  });

  test('encoding errors', () => {
    assertPurlError(() => parsePurl('pkg:generic/100%'), 'PURL_INVALID_ENCODING');
    assertPurlError(() => parsePurl('pkg:generic/foo@1%zz'), 'PURL_INVALID_ENCODING');
    assertPurlError(() => parsePurl('pkg:generic/foo@1?x=%FF'), 'PURL_INVALID_ENCODING', 'invalid UTF-8');
  });

  test('decoded "/" inside a namespace or subpath segment is rejected', () => {
    assertPurlError(() => parsePurl('pkg:generic/a%2Fb/name'), 'PURL_INVALID_NAMESPACE');
    assertPurlError(() => parsePurl('pkg:generic/name#a%2Fb'), 'PURL_INVALID_SUBPATH');
  });

  test('raw control characters are rejected', () => {
    assertPurlError(() => parsePurl('pkg:npm/foo@1.0\n'), 'PURL_SYNTAX', 'U+000A');
    assertPurlError(() => parsePurl('pkg:npm/fo\u0000o'), 'PURL_SYNTAX');
  });

  test('raw lone surrogates are rejected, surrogate pairs accepted', () => {
    assertPurlError(() => parsePurl('pkg:generic/bad\uD800'), 'PURL_SYNTAX', 'lone UTF-16 surrogate');
    assertPurlError(() => parsePurl('pkg:generic/bad\uDC00x'), 'PURL_SYNTAX', 'lone UTF-16 surrogate');
    assert.equal(canonicalizePurl('pkg:generic/\u{1F4E6}'), 'pkg:generic/%F0%9F%93%A6');
  });

  test('non-string input is rejected with PurlError', () => {
    assertPurlError(() => parsePurl(null as unknown as string), 'PURL_SYNTAX');
  });
});

describe('per-type rules', () => {
  test('required / prohibited namespace', () => {
    assertPurlError(() => parsePurl('pkg:swift/Alamofire@5.4.3'), 'PURL_TYPE_RULE', 'requires a namespace');
    assertPurlError(() => parsePurl('pkg:vscode-extension/java@1.0'), 'PURL_TYPE_RULE');
    assertPurlError(() => parsePurl('pkg:vcpkg/boost/asio@1.84.0'), 'PURL_TYPE_RULE', 'does not allow a namespace');
    assertPurlError(() => parsePurl('pkg:otp/ns/hex@2.1.1'), 'PURL_TYPE_RULE');
  });

  test('required qualifiers', () => {
    assertPurlError(() => parsePurl('pkg:julia/Dates@1.9.0'), 'PURL_TYPE_RULE', 'requires qualifier "uuid"');
    assert.equal(parsePurl('pkg:julia/Dates?uuid=ade2ca70-3891-5945-98fb-dc099432e06a').name, 'Dates');
    assertPurlError(() => parsePurl('pkg:swid/Fedora@29'), 'PURL_TYPE_RULE', 'tag_id');
  });

  test('swid GUID tag_id is lowercased, other tag ids kept', () => {
    assert.equal(
      parsePurl('pkg:swid/Acme/Server@1?tag_id=75B8C285-FA7B-485B-B199-4745E3004D0D').qualifiers.tag_id,
      '75b8c285-fa7b-485b-b199-4745e3004d0d',
    );
    assert.equal(parsePurl('pkg:swid/Fedora@29?tag_id=org.fedoraproject.Fedora-29').qualifiers.tag_id, 'org.fedoraproject.Fedora-29');
  });

  test('cpan: module names rejected, author uppercased', () => {
    assertPurlError(() => parsePurl('pkg:cpan/LWP::UserAgent@6.7.6'), 'PURL_TYPE_RULE', '::');
    assert.equal(canonicalizePurl('pkg:cpan/oalders/libwww-perl@6.76'), 'pkg:cpan/OALDERS/libwww-perl@6.76');
  });

  test('chrome-extension id and version syntax', () => {
    assert.equal(
      canonicalizePurl('pkg:chrome-extension/DLPNGALGNEFJEIEFHMPKLPFIOHADPGLK@1.2.3.4'),
      'pkg:chrome-extension/dlpngalgnefjeiefhmpklpfiohadpglk@1.2.3.4',
    );
    assertPurlError(() => parsePurl('pkg:chrome-extension/dogs'), 'PURL_TYPE_RULE');
    assertPurlError(() => parsePurl('pkg:chrome-extension/dlpngalgnefjeiefhmpklpfiohadpglk@1.2.3-beta'), 'PURL_TYPE_RULE');
  });

  test('bazel requires a version', () => {
    assertPurlError(() => parsePurl('pkg:bazel/rules_go'), 'PURL_TYPE_RULE', 'requires a version');
  });

  test('unknown types get generic treatment only', () => {
    assert.equal(canonicalizePurl('pkg:MyType/Some/Thing@V1?b=2&a=1'), 'pkg:mytype/Some/Thing@V1?a=1&b=2');
  });
});

describe('formatPurl / buildPurl', () => {
  test('builds canonical strings from decoded components', () => {
    assert.equal(
      formatPurl({
        type: 'Maven',
        namespace: '/org.apache.xmlgraphics/',
        name: 'batik-anim',
        version: '1.9.1',
        qualifiers: { type: 'pom', repository_url: 'https://repo.spring.io/release', classifier: '', extra: null },
        subpath: '/./a/../b/',
      }),
      'pkg:maven/org.apache.xmlgraphics/batik-anim@1.9.1?repository_url=https:%2F%2Frepo.spring.io%2Frelease&type=pom#a/b',
    );
  });

  test('encodes reserved characters per component', () => {
    assert.equal(
      formatPurl({ type: 'generic', namespace: 'a b/@c', name: 'n+m', version: '1.0 Final', qualifiers: { k: 'x&y=z#' } }),
      'pkg:generic/a%20b/%40c/n%2Bm@1.0%20Final?k=x%26y%3Dz%23',
    );
  });

  test('build errors', () => {
    assertPurlError(() => formatPurl({ type: null, name: 'x' }), 'PURL_MISSING_TYPE');
    assertPurlError(() => formatPurl({ type: 'npm', name: null }), 'PURL_MISSING_NAME');
    assertPurlError(() => formatPurl({ type: 'npm', name: '' }), 'PURL_MISSING_NAME');
    assertPurlError(() => formatPurl({ type: 'npm', name: 'a', qualifiers: { 'in production': 'true' } }), 'PURL_INVALID_QUALIFIER');
    assertPurlError(() => formatPurl({ type: 'npm', name: 'a', qualifiers: { Arch: 'x' } }), 'PURL_INVALID_QUALIFIER');
    assert.equal(formatPurl({ type: 'npm', name: 'a', qualifiers: { Arch: 'x' } }, { lenient: true }), 'pkg:npm/a?arch=x');
    assertPurlError(() => formatPurl({ type: 'vcpkg', namespace: 'boost', name: 'asio' }), 'PURL_TYPE_RULE');
    assertPurlError(() => formatPurl({ type: 'generic', name: 'bad\uD800' }), 'PURL_INVALID_ENCODING', 'surrogate');
  });

  test('buildPurl returns normalized components', () => {
    assert.deepStrictEqual(
      buildPurl({ type: 'PyPI', name: 'Typing_Extensions', version: '4.9.0', qualifiers: { b: '2', a: '1' } }),
      purl({ type: 'pypi', name: 'typing-extensions', version: '4.9.0', qualifiers: { a: '1', b: '2' } }),
    );
  });

  test('git name spanning namespace segments is re-split at the host', () => {
    assert.equal(
      formatPurl({ type: 'git', namespace: 'GitLab.GNOME.org/GNOME', name: 'adwaita-fonts' }),
      'pkg:git/gitlab.gnome.org/gnome/adwaita-fonts',
    );
  });
});

describe('versionlessPurl / plainPurl', () => {
  const p = parsePurl('pkg:npm/%40angular/core@16.0.0?repository_url=https://r.example#lib/x');

  test('versionlessPurl drops version, qualifiers and subpath', () => {
    assert.equal(versionlessPurl(p), 'pkg:npm/%40angular/core');
  });

  test('plainPurl keeps version only', () => {
    assert.equal(plainPurl(p), 'pkg:npm/%40angular/core@16.0.0');
    assert.equal(plainPurl(parsePurl('pkg:oci/nginx?tag=latest')), 'pkg:oci/nginx');
  });

  test('normalize hand-built objects too', () => {
    const hand = purl({ type: 'GitHub', namespace: 'Package-URL', name: 'PURL-Spec', version: 'v1 beta' });
    assert.equal(versionlessPurl(hand), 'pkg:github/package-url/purl-spec');
    assert.equal(plainPurl(hand), 'pkg:github/package-url/purl-spec@v1%20beta');
  });
});

describe('tryParsePurl / isCanonicalPurl', () => {
  test('ok and error shapes', () => {
    const ok = tryParsePurl('pkg:cargo/rand@0.7.2');
    assert.ok(ok.ok);
    assert.equal(ok.purl.name, 'rand');
    const bad = tryParsePurl('pkg:cargo');
    assert.ok(!bad.ok);
    assert.ok(bad.error instanceof PurlError);
    assert.equal(bad.error.code, 'PURL_MISSING_NAME');
    assert.equal(bad.error.input, 'pkg:cargo');
    assert.equal(bad.error.component, 'name');
    assert.ok(bad.error.message.startsWith('Invalid purl "pkg:cargo": '), bad.error.message);
  });

  test('isCanonicalPurl', () => {
    assert.equal(isCanonicalPurl('pkg:npm/%40angular/core@16.0.0'), true);
    assert.equal(isCanonicalPurl('pkg:npm/@angular/core@16.0.0'), false);
    assert.equal(isCanonicalPurl('pkg:npm/foo?b=1&a=2'), false);
    assert.equal(isCanonicalPurl('not a purl'), false);
  });

  test('long inputs are truncated in error messages', () => {
    const err = assertPurlError(() => parsePurl(`x${'a'.repeat(5000)}`), 'PURL_SYNTAX');
    assert.ok(err.message.length < 400, `message length ${err.message.length}`);
  });
});

describe('canonical form is a fixpoint', () => {
  const inputs = [
    'pkg:apk/alpine/musl@1.2.3-r4?arch=x86_64&distro=alpine-3.16.2',
    'pkg:npm/@Babel/Core#/lib/./index.js/',
    'pkg:PYPI/Django_package@1.11.1.dev1?file_name=Django-1.11.1.tar.gz',
    'pkg:generic/bitwarderl?vcs_url=git%2Bhttps://git.fsfe.org/dxtr/bitwarderl%40cc55108da32',
    'pkg:conan/openssl.org/openssl@3.0.3?compiler=Visual%20Studio&arch=x86_64',
    'pkg:swid/Adobe+Systems+Incorporated/Adobe+InDesign@CC?tag_id=CreativeCloud-CS6-Win-GM-MUL',
    'pkg:bazel/rules_java@8.5.0#java/runfiles:runfiles',
    'pkg:generic/%E2%82%AC/x@~1:2',
  ];
  for (const input of inputs) {
    test(input, () => {
      const canonical = canonicalizePurl(input);
      assert.equal(canonicalizePurl(canonical), canonical);
      assert.ok(isCanonicalPurl(canonical));
      const parsed = parsePurl(canonical);
      assert.deepStrictEqual(parsePurl(formatPurl(parsed)), parsed);
    });
  }
});

describe('hostile inputs', () => {
  // Speed is measured in `npm run bench`, not asserted here; these must simply finish with a verdict.
  test('very long or repetitive purls parse or fail with a code, without throwing anything else', () => {
    const adversarial = [
      `pkg:npm/${'@'.repeat(500_000)}`,
      `pkg:npm/${'/'.repeat(500_000)}a`,
      `pkg:npm/a?${'a=b&'.repeat(100_000)}`,
      `pkg:npm/a#${'../'.repeat(200_000)}`,
      `pkg:generic/${'%41'.repeat(200_000)}`,
      `pkg:generic/${'a/'.repeat(200_000)}b@1`,
      `pkg:${'a'.repeat(500_000)}`,
      `pkg:npm/a?${'a&'.repeat(1_000_000)}`,
    ];
    for (const s of adversarial) {
      for (const options of [{ lenient: true }, {}]) {
        const r = tryParsePurl(s, options);
        if (!r.ok) assert.match(r.error.code, /^PURL_/);
        else assert.ok(r.purl.name.length > 0);
      }
    }
  });
});
