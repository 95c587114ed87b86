import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { busiest, columns, heat, rotate, total, zoneOffset } from './charts.js';

const day = (date: string, compliment: number, idea: number, complaint: number) => ({ date, compliment, idea, complaint });

describe('pulse charts', () => {
  it('stacks each day by kind from the bottom, scaled to the busiest day', () => {
    const { columns: cols, max } = columns([day('a', 1, 1, 2), day('b', 0, 0, 0), day('c', 2, 0, 0)], 300, 100);
    assert.equal(max, 4);
    assert.deepEqual(
      cols[0].segments.map((s) => [s.kind, s.y, s.height]),
      [
        ['compliment', 75, 25],
        ['idea', 50, 25],
        ['complaint', 0, 50],
      ],
    );
    assert.deepEqual(cols[1].segments, [], 'a day without feedback has no segment');
    assert.deepEqual(
      cols[2].segments.map((s) => [s.kind, s.y, s.height]),
      [['compliment', 50, 50]],
    );
    assert.deepEqual([cols[0].x, cols[0].width, cols[2].x], [10, 80, 210], 'columns of 100 with a 20% gap');
  });

  it('draws wide periods without gaps and an empty period flat', () => {
    const year = Array.from({ length: 365 }, (_, i) => day(String(i), 0, 0, 0));
    const { columns: cols, max } = columns(year, 730, 100);
    assert.equal(max, 1);
    assert.deepEqual([cols[1].x, cols[1].width], [2, 2]);
    assert.ok(cols.every((c) => c.segments.length === 0));
  });

  it('finds the busiest hour of the week, the first one on ties', () => {
    const hours = Array.from({ length: 168 }, () => 0);
    assert.equal(busiest(hours), undefined);
    hours[24 + 9] = 3;
    hours[4 * 24 + 17] = 3;
    assert.deepEqual(busiest(hours), { day: 1, hour: 9, count: 3 });
  });

  it('shades heat-map cells by share of the busiest hour, none for no feedback', () => {
    assert.deepEqual([heat(0, 5), heat(5, 5), heat(1, 4), heat(0, 0)], [0, 1, 0.36, 0]);
    assert.equal(total({ compliment: 1, idea: 2, complaint: 3 }), 6);
  });

  it("moves the hours of the week by a zone's whole hours, across the week's ends", () => {
    const week = Array.from({ length: 168 }, (_, i) => i);
    // UTC Sunday 23:00 is Monday 04:30 in India (+5:30): shown in the Monday 04 cell
    assert.equal(rotate(week, 5)[4], 167);
    assert.equal(rotate(week, 5)[5], 0);
    // UTC Monday 05:00 is Sunday 19:30 in the Marquesas (−9:30, shifted −10): the last day's 19 cell
    assert.equal(rotate(week, -10)[6 * 24 + 19], 5);
    assert.deepEqual(rotate(week, 0), week);
    assert.deepEqual(
      [...rotate(week, 14)].sort((a, b) => a - b),
      week,
      'every hour once',
    );
  });

  it("reads a zone's offset at an instant, daylight saving included", () => {
    const winter = Date.UTC(2026, 0, 15, 12);
    const summer = Date.UTC(2026, 6, 15, 12);
    assert.deepEqual(
      ['Asia/Kolkata', 'Asia/Kathmandu', 'Pacific/Marquesas', 'UTC', 'Pacific/Kiritimati'].map((z) => zoneOffset(z, winter)),
      [330, 345, -570, 0, 840],
    );
    assert.deepEqual([zoneOffset('America/New_York', winter), zoneOffset('America/New_York', summer)], [-300, -240]);
    assert.deepEqual([zoneOffset('America/St_Johns', winter), zoneOffset('America/St_Johns', summer)], [-210, -150]);
    assert.deepEqual([zoneOffset('Australia/Sydney', winter), zoneOffset('Australia/Sydney', summer)], [660, 600]);
    assert.throws(() => zoneOffset('Mars/Olympus_Mons', winter), RangeError);
  });
});
