/**
 * vers `datetime` scheme: RFC 3339 timestamps ordered by the instant they
 * denote (offsets applied, fractional seconds significant to the nanosecond).
 */
import { VersionParseError, type SchemeComparator } from './errors.js';
import { compareBig } from './util.js';

const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

/** Nanoseconds since the epoch. */
function instant(v: string): bigint {
  const m = RFC3339.exec(v);
  if (!m) throw new VersionParseError('datetime', v);
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) {
    throw new VersionParseError('datetime', v, 'field out of range');
  }
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(ms);
  if (check.getUTCDate() !== day) throw new VersionParseError('datetime', v, 'no such day');
  let offsetMinutes = 0;
  if (m[9] !== undefined) {
    offsetMinutes = (Number(m[10]) * 60 + Number(m[11])) * (m[9] === '-' ? -1 : 1);
  }
  const fraction = BigInt((m[7] ?? '').padEnd(9, '0') || '0');
  return (BigInt(ms) - BigInt(offsetMinutes) * 60_000n) * 1_000_000n + fraction;
}

export const datetimeComparator: SchemeComparator = {
  isValid: (v) => {
    try {
      instant(v);
      return true;
    } catch {
      return false;
    }
  },
  compare: (a, b) => compareBig(instant(a), instant(b)),
};
