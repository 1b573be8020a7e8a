/** The outcome of matching one package version against an advisory's affected data. */
export type RangeVerdict = {
  status: 'affected' | 'not_affected' | 'unknown';
  /** Why: which range or entry decided, or why no decision was possible. */
  reason?: string;
};

export function affected(reason: string): RangeVerdict {
  return { status: 'affected', reason };
}

export function notAffected(reason: string): RangeVerdict {
  return { status: 'not_affected', reason };
}

export function unknown(reason: string): RangeVerdict {
  return { status: 'unknown', reason };
}

/**
 * A package version with no digit at all ("latest", "dev-master", "HEAD") is
 * accepted by the lenient comparators (apk, rpm, Maven, Composer order any
 * string) but cannot be placed meaningfully among release versions, so range
 * evaluation answers 'unknown' for it instead of guessing.
 */
export function unorderableVersionReason(version: string): string | null {
  return /[0-9]/.test(version) ? null : `${JSON.stringify(version)} has no digits and cannot be ordered among release versions`;
}
