import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCpe } from '../../../schema/identity/cpe.js';
import { cpeStringMatches } from '../../../services/matching/cpe.js';
import { usableCpePattern } from '../../../schema/identity/cpe.js';

describe('CPE names', () => {
  test('2.2 URIs and 2.3 formatted strings normalise to one 2.3 formatted string', () => {
    assert.equal(parseCpe('cpe:/a:redhat:quarkus:2.13::el8')?.formatted, 'cpe:2.3:a:redhat:quarkus:2.13:*:el8:*:*:*:*:*');
    assert.equal(parseCpe('CPE:2.3:A:Apache:Log4j:2.14.1:*:*:*:*:*:*:*')?.formatted, 'cpe:2.3:a:apache:log4j:2.14.1:*:*:*:*:*:*:*');
    // syft quotes `+`; `.`, `-` and `_` need no quoting and lose it.
    assert.equal(parseCpe('cpe:2.3:a:base-files:base_files:11.1\\+deb11u3:*:*:*:*:*:*:*')?.formatted, 'cpe:2.3:a:base-files:base_files:11.1\\+deb11u3:*:*:*:*:*:*:*');
    assert.equal(parseCpe('cpe:2.3:a:x:y:1\\.0')?.formatted, 'cpe:2.3:a:x:y:1.0:*:*:*:*:*:*:*');
    assert.equal(parseCpe('cpe:/a:acme:tool:1.0%2b2')?.components[3], '1.0\\+2');
    assert.equal(parseCpe('cpe:/a:acme:tool:1.0::~~~linux~x64~')?.formatted, 'cpe:2.3:a:acme:tool:1.0:*:*:*:*:linux:x64:*');
    for (const bad of ['nope', 'cpe:2.3:z:a:b', 'cpe:2.3:a:b:c:1:2:3:4:5:6:7:8:9', 'pkg:npm/a@1']) assert.equal(parseCpe(bad), null, bad);
  });

  test('matching: ANY covers all, NA only NA, values are equal or wildcard-matched, an unknown name version is not covered', () => {
    assert.ok(cpeStringMatches('cpe:/a:redhat:quarkus:2.13::el8', 'cpe:2.3:a:redhat:quarkus:2.13:*:el8:*:*:*:*:*'));
    assert.ok(cpeStringMatches('cpe:2.3:a:redhat:quarkus:*:*:*:*:*:*:*:*', 'cpe:/a:redhat:quarkus:2.13::el8'));
    assert.ok(cpeStringMatches('cpe:2.3:a:redhat:quarkus:2.13*:*:*:*:*:*:*:*', 'cpe:2.3:a:redhat:quarkus:2.13.7:*:*:*:*:*:*:*'));
    assert.ok(!cpeStringMatches('cpe:2.3:a:redhat:quarkus:2.13:*:*:*:*:*:*:*', 'cpe:2.3:a:redhat:quarkus:2.13.7:*:*:*:*:*:*:*'), 'no prefix match');
    assert.ok(!cpeStringMatches('cpe:2.3:a:redhat:quarkus:2.13:*:*:*:*:*:*:*', 'cpe:2.3:a:redhat:quarkus:*:*:*:*:*:*:*:*'), 'a name without version is not a 2.13');
    assert.ok(!cpeStringMatches('cpe:2.3:a:redhat:quarkus:-:*:*:*:*:*:*:*', 'cpe:2.3:a:redhat:quarkus:2.13:*:*:*:*:*:*:*'));
    assert.ok(!cpeStringMatches('cpe:2.3:a:redhat:quarkus:2.13:*:el9:*:*:*:*:*', 'cpe:/a:redhat:quarkus:2.13::el8'));
    assert.ok(!cpeStringMatches('cpe:2.3:a:other:quarkus:2.13:*:*:*:*:*:*:*', 'cpe:2.3:a:redhat:quarkus:2.13:*:*:*:*:*:*:*'));
    assert.ok(!usableCpePattern(parseCpe('cpe:2.3:a:*:quarkus:2.13')!), 'a pattern leaving the vendor open is not used');
  });
});
