/**
 * Per-type purl rules (package-url type definitions).
 *
 * Sources, in order of authority:
 *  1. the conformance tests in `shared/vectors/purl/types/*-test.json` (what we are
 *     verified against),
 *  2. the purl-spec type definitions (`types/<type>-definition.json`) for rules the
 *     tests do not exercise but the definition states as a MUST.
 *
 * Only rules that change the canonical form or make a purl invalid live here.
 * Types without an entry get the generic (ECMA-427) treatment only.
 *
 * Deliberate deviation: `golang` namespace/name are kept case-sensitive. The legacy
 * definition text says "must be lowercased", but Go module paths are case-sensitive
 * (github.com/Azure/... vs github.com/azure/... are different modules), the upstream
 * definition marks them case_sensitive, and advisory databases / SBOM generators
 * emit case-preserved paths. None of the conformance tests depend on it.
 */

/** Mutable view of purl components used while normalizing. */
export interface MutablePurlComponents {
  type: string;
  namespace: string | null;
  name: string;
  version: string | null;
  qualifiers: Record<string, string>;
  subpath: string | null;
}

export interface PurlTypeRule {
  /** 'required': a namespace must be present; 'prohibited': it must be absent. */
  readonly namespace?: 'required' | 'prohibited';
  /** 'required': a version must be present. */
  readonly version?: 'required';
  readonly lowercaseNamespace?: boolean;
  readonly uppercaseNamespace?: boolean;
  readonly lowercaseName?: boolean;
  readonly lowercaseVersion?: boolean;
  /**
   * The name may span several path segments (git: namespace is the host only,
   * name is the repository path on that host, e.g. `forgejo/forgejo`).
   */
  readonly multiSegmentName?: boolean;
  /** Qualifier keys that must be present (with a non-empty value). */
  readonly requiredQualifiers?: readonly string[];
  /** Extra normalization after the declarative rules (must be idempotent). */
  readonly normalize?: (p: MutablePurlComponents) => void;
  /** Returns an error message when the (normalized) purl violates a type rule. */
  readonly validate?: (p: MutablePurlComponents) => string | null;
}

const LOWER_NS_AND_NAME = { lowercaseNamespace: true, lowercaseName: true } as const;

function isDatabricksTrackingUri(url: string): boolean {
  // host of "scheme://host[:port]/..." (ASCII case-insensitive)
  const sep = url.indexOf('://');
  if (sep < 0) return false;
  let end = sep + 3;
  const n = url.length;
  while (end < n) {
    const c = url.charCodeAt(end);
    if (c === 0x2f /* / */ || c === 0x3a /* : */ || c === 0x3f /* ? */ || c === 0x23 /* # */) break;
    end++;
  }
  const host = url.slice(sep + 3, end).toLowerCase();
  return (
    host === 'azuredatabricks.net' ||
    host.endsWith('.azuredatabricks.net') ||
    host === 'databricks.com' ||
    host.endsWith('.databricks.com')
  );
}

const GUID_RE = /^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$/;
const CHROME_EXTENSION_ID_RE = /^[a-p]{32}$/;
const CHROME_EXTENSION_VERSION_RE = /^[0-9]+(?:\.[0-9]+){0,3}$/;
const PUB_NAME_RE = /^[a-z0-9_]+$/;

const RULES: Readonly<Record<string, PurlTypeRule>> = {
  alpm: LOWER_NS_AND_NAME,
  apk: LOWER_NS_AND_NAME,
  bazel: { namespace: 'prohibited', version: 'required' },
  bitbucket: LOWER_NS_AND_NAME,
  bitnami: { lowercaseName: true },
  brew: LOWER_NS_AND_NAME,
  'chrome-extension': {
    namespace: 'prohibited',
    lowercaseName: true,
    validate: (p) => {
      if (!CHROME_EXTENSION_ID_RE.test(p.name)) {
        return `chrome-extension name must be a 32-character extension id using letters a-p, got "${p.name}"`;
      }
      if (p.version !== null && !CHROME_EXTENSION_VERSION_RE.test(p.version)) {
        return `chrome-extension version must be 1 to 4 dot-separated integers, got "${p.version}"`;
      }
      return null;
    },
  },
  cocoapods: {
    validate: (p) => {
      const n = p.name;
      if (n.charCodeAt(0) === 0x2e /* . */) return `cocoapods name must not begin with ".", got "${n}"`;
      for (let i = 0; i < n.length; i++) {
        const c = n.charCodeAt(i);
        if (c === 0x2b /* + */) return `cocoapods name must not contain "+", got "${n}"`;
        if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x0c || c === 0x0b) {
          return `cocoapods name must not contain whitespace, got "${n}"`;
        }
      }
      return null;
    },
  },
  composer: LOWER_NS_AND_NAME,
  cpan: {
    uppercaseNamespace: true,
    validate: (p) =>
      p.name.includes('::')
        ? `cpan name must be a distribution name (e.g. "URI-PackageURL"), not a module name containing "::": "${p.name}"`
        : null,
  },
  cran: { namespace: 'prohibited' },
  deb: LOWER_NS_AND_NAME,
  git: { namespace: 'required', lowercaseNamespace: true, lowercaseName: true, multiSegmentName: true },
  github: LOWER_NS_AND_NAME,
  hex: LOWER_NS_AND_NAME,
  huggingface: { lowercaseVersion: true },
  julia: { namespace: 'prohibited', requiredQualifiers: ['uuid'] },
  luarocks: LOWER_NS_AND_NAME,
  mlflow: {
    namespace: 'prohibited',
    normalize: (p) => {
      // Databricks model names are case-insensitive and must be lowercased; Azure ML
      // (and unknown servers) are case-sensitive and kept as-is.
      const repo = p.qualifiers['repository_url'];
      if (repo !== undefined && isDatabricksTrackingUri(repo)) p.name = p.name.toLowerCase();
    },
  },
  npm: LOWER_NS_AND_NAME,
  oci: { lowercaseName: true },
  opam: { namespace: 'prohibited' },
  otp: { namespace: 'prohibited', lowercaseName: true },
  pub: {
    lowercaseName: true,
    validate: (p) =>
      PUB_NAME_RE.test(p.name) ? null : `pub name may only contain [a-z0-9_], got "${p.name}"`,
  },
  pypi: {
    lowercaseName: true,
    normalize: (p) => {
      if (p.name.includes('_')) p.name = p.name.replaceAll('_', '-');
    },
  },
  qpkg: { lowercaseNamespace: true },
  rpm: { lowercaseNamespace: true },
  swid: {
    requiredQualifiers: ['tag_id'],
    normalize: (p) => {
      const tagId = p.qualifiers['tag_id'];
      if (tagId !== undefined && GUID_RE.test(tagId)) p.qualifiers['tag_id'] = tagId.toLowerCase();
    },
  },
  swift: { namespace: 'required' },
  vcpkg: { namespace: 'prohibited' },
  'vscode-extension': { namespace: 'required', lowercaseNamespace: true, lowercaseName: true },
  yocto: { lowercaseNamespace: true },
};

const RULE_MAP: ReadonlyMap<string, PurlTypeRule> = new Map(Object.entries(RULES));

/** The rule for a (lowercase) purl type, or undefined for types with no specific rules. */
export function getPurlTypeRule(type: string): PurlTypeRule | undefined {
  return RULE_MAP.get(type);
}
