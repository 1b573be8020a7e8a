/**
 * Progress bar and table rendering for CLI commands (services/cli/progress.ts).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import {
  ProgressBar,
  formatBytes,
  formatClock,
  formatDuration,
  formatTable,
  renderProgress,
  shortenPath,
  truncateEnd,
  truncateMiddle,
  type ProgressState,
} from '../../../services/cli/progress.js';

const base: ProgressState = { total: 18, done: 9, ok: 8, failed: 1, current: 'sboms/app.cdx.json', elapsedMs: 12_300 };

describe('renderProgress', () => {
  test('shows bar, counts, clock and current file', () => {
    const line = renderProgress(base, { width: 100, barWidth: 10 });
    assert.equal(line, '[#####.....] 9/18 ok 8 failed 1 0:12 sboms/app.cdx.json');
  });

  test('omits "failed" while nothing failed, and shows phase and other files in flight', () => {
    const line = renderProgress({ ...base, failed: 0, ok: 9, phase: 'ingesting 40%', active: 4 }, { width: 100, barWidth: 10 });
    assert.equal(line, '[#####.....] 9/18 ok 9 0:12 ingesting 40% sboms/app.cdx.json (+3)');
  });

  test('empty and full bars', () => {
    assert.equal(renderProgress({ ...base, done: 0, ok: 0, failed: 0, current: null, elapsedMs: 0 }, { barWidth: 4 }), '[....] 0/18 ok 0 0:00');
    assert.equal(renderProgress({ ...base, done: 18, ok: 18, failed: 0, current: null }, { barWidth: 4 }), '[####] 18/18 ok 18 0:12');
  });

  test('done beyond total is clamped; total 0 shows a full bar', () => {
    assert.equal(renderProgress({ ...base, done: 30, current: null }, { barWidth: 4 }), '[####] 18/18 ok 8 failed 1 0:12');
    assert.equal(renderProgress({ total: 0, done: 0, ok: 0, failed: 0, current: null, elapsedMs: 0 }, { barWidth: 2 }), '[##] 0/0 ok 0 0:00');
  });

  test('long file names are shortened in the middle to fit the width', () => {
    const long = 'very/long/path/to/some/deeply/nested/folder/with/a/software-bill-of-materials.cdx.json';
    const line = renderProgress({ ...base, current: long }, { width: 80, barWidth: 10 });
    assert.equal(line, '[#####.....] 9/18 ok 8 failed 1 0:12 very/l…/software-bill-of-materials.cdx.json');
    assert.equal(line.length, 80);
    // Narrower than the file name: the name itself is shortened in the middle.
    const narrow = renderProgress({ ...base, current: long }, { width: 60, barWidth: 10 });
    assert.equal(narrow, '[#####.....] 9/18 ok 8 failed 1 0:12 software-bi…ls.cdx.json');
  });

  test('never exceeds the width, however narrow', () => {
    for (const width of [20, 25, 30, 40, 50, 80, 120]) {
      const line = renderProgress({ ...base, current: 'x'.repeat(200), phase: 'uploading 99%', active: 12 }, { width });
      assert.ok(line.length <= width, `width ${width}: ${line.length} > ${width}: ${line}`);
    }
  });

  test('default bar width scales with the terminal', () => {
    const narrow = renderProgress({ ...base, current: null }, { width: 40 });
    const wide = renderProgress({ ...base, current: null }, { width: 200 });
    assert.match(narrow, /^\[[#.]{10}\] /);
    assert.match(wide, /^\[[#.]{30}\] /);
  });
});

describe('formatting helpers', () => {
  test('formatClock', () => {
    assert.equal(formatClock(0), '0:00');
    assert.equal(formatClock(12_999), '0:12');
    assert.equal(formatClock(125_000), '2:05');
    assert.equal(formatClock(3_725_000), '1:02:05');
  });

  test('formatDuration', () => {
    assert.equal(formatDuration(850), '850ms');
    assert.equal(formatDuration(12_345), '12.3s');
    assert.equal(formatDuration(59_990), '59.9s');
    assert.equal(formatDuration(125_000), '2m05s');
    assert.equal(formatDuration(3_725_000), '1h02m');
  });

  test('formatBytes', () => {
    assert.equal(formatBytes(512), '512 B');
    assert.equal(formatBytes(1536), '1.5 KiB');
    assert.equal(formatBytes(200 * 1024 * 1024), '200 MiB');
    assert.equal(formatBytes(1.25 * 1024 ** 3), '1.3 GiB');
  });

  test('shortenPath keeps the file name whole when it can', () => {
    assert.equal(shortenPath('a/b/c.json', 20), 'a/b/c.json');
    assert.equal(shortenPath('sboms/vendor/acme/app.cdx.json', 20), 'sboms/…/app.cdx.json');
    assert.equal(shortenPath('sboms/vendor/acme/app.cdx.json', 12), 'app.cdx.json');
    assert.equal(shortenPath('sboms/vendor/acme/app.cdx.json', 8), 'app.…son');
    assert.equal(shortenPath('no-folder-name.json', 10), 'no-fo…json');
  });

  test('truncateMiddle / truncateEnd', () => {
    assert.equal(truncateMiddle('abcdefghij', 20), 'abcdefghij');
    assert.equal(truncateMiddle('abcdefghij', 5), 'ab…ij');
    assert.equal(truncateMiddle('abcdefghij', 6), 'abc…ij');
    assert.equal(truncateMiddle('abcdefghij', 1), '…');
    assert.equal(truncateMiddle('abcdefghij', 0), '');
    assert.equal(truncateEnd('abcdefghij', 5), 'abcd…');
    assert.equal(truncateEnd('abc', 5), 'abc');
  });

  test('formatTable pads columns, right-aligns numbers, flattens newlines, no trailing blanks', () => {
    const table = formatTable(
      ['FILE', 'STATUS', 'NODES', 'DETAIL'],
      [
        ['a.json', 'ok', '12', ''],
        ['longer-name.xml', 'FAILED PARSE_ERROR', '-', 'bad\nxml'],
      ],
      ['left', 'left', 'right', 'left'],
    );
    assert.equal(
      table,
      [
        'FILE             STATUS              NODES  DETAIL',
        '---------------  ------------------  -----  -------',
        'a.json           ok                     12',
        'longer-name.xml  FAILED PARSE_ERROR      -  bad xml',
      ].join('\n'),
    );
  });
});

describe('ProgressBar', () => {
  function fakeStream(columns = 80) {
    const writes: string[] = [];
    return { writes, stream: { columns, isTTY: true, write: (s: string) => (writes.push(s), true) } };
  }

  test('draws in place, logs above the bar, and erases itself on stop', () => {
    let t = 1000;
    const { writes, stream } = fakeStream(61);
    const bar = new ProgressBar(stream, { total: 2, done: 0, ok: 0, failed: 0, current: 'a.json' }, { now: () => t, intervalMs: 100 });
    bar.start();
    assert.equal(writes.length, 1);
    assert.ok(writes[0].startsWith('\r['), 'redraw starts with carriage return');
    assert.ok(writes[0].endsWith('\x1b[K'), 'redraw clears the rest of the line');
    assert.ok(writes[0].includes('0/2') && writes[0].includes('a.json'));

    // Within the throttle interval: no redraw.
    bar.update({ current: 'b.json' });
    assert.equal(writes.length, 1);

    t += 2500;
    bar.update({ done: 1, ok: 1 });
    assert.equal(writes.length, 2);
    assert.ok(writes[1].includes('1/2') && writes[1].includes('b.json') && writes[1].includes('0:02'));
    // 60 usable columns (one less than the terminal) plus the control codes.
    assert.ok(writes[1].length <= 60 + '\r'.length + '\x1b[K'.length);

    bar.log('FAILED c.json: PARSE_ERROR');
    assert.deepEqual(writes.slice(2, 4), ['\r\x1b[K', 'FAILED c.json: PARSE_ERROR\n']);
    assert.ok(writes[4].startsWith('\r['));

    bar.stop();
    assert.equal(writes[writes.length - 1], '\r\x1b[K');
    const count = writes.length;
    bar.stop();
    bar.update({ done: 2 });
    assert.equal(writes.length, count, 'nothing drawn after stop');
    bar.log('after');
    assert.equal(writes[writes.length - 1], 'after\n');
  });

  test('render() reflects the merged state', () => {
    const { stream } = fakeStream(100);
    let t = 0;
    const bar = new ProgressBar(stream, { total: 4, done: 0, ok: 0, failed: 0, current: null }, { now: () => t });
    t = 61_000;
    bar.update({ done: 4, ok: 3, failed: 1 });
    assert.match(bar.render(), /^\[#+\] 4\/4 ok 3 failed 1 1:01$/);
    bar.stop();
  });
});
