import { describe, expect, test } from '@jest/globals';
import { importPace, MAX_IMPORT_BATCH } from '../../../src/imports/import-pace.js';
import { backlogSnapshot, queueLanes, type QueueBacklog, type TaskQueueStats } from '../../../src/temporal/task-queue-backlog.js';

const queues = (live: [number, number], bulk: [number, number]): QueueBacklog[] => [
  { lane: 'live', taskQueue: 'q', backlog: live[0], oldestTaskAgeSeconds: live[1] },
  { lane: 'bulk', taskQueue: 'q-bulk', backlog: bulk[0], oldestTaskAgeSeconds: bulk[1] },
];

describe('import pace from the measured backlog', () => {
  test('nothing waiting: full speed', () => {
    expect(importPace(backlogSnapshot(queues([0, 0], [0, 0]), 30), 200)).toEqual({ wait: false, rows: MAX_IMPORT_BATCH });
  });

  test('the bulk backlog near its bound: a smaller batch; at the bound: wait', () => {
    expect(importPace(backlogSnapshot(queues([0, 0], [197, 1]), 30), 200)).toEqual({ wait: false, rows: 3 });
    expect(importPace(backlogSnapshot(queues([0, 0], [200, 1]), 30), 200)).toEqual({ wait: true, reason: 'bulk_backlog_full' });
  });

  test('live work waiting: the import yields', () => {
    expect(importPace(backlogSnapshot(queues([3, 2.5], [0, 0]), 30), 200)).toEqual({ wait: true, reason: 'live_work_waiting' });
    expect(importPace(backlogSnapshot(queues([3, 0.2], [0, 0]), 30), 200)).toMatchObject({ wait: false });
  });

  test('a backlog older than the backpressure age, on either queue: the import waits', () => {
    const pressured = backlogSnapshot(queues([0, 0], [50, 31]), 30);
    expect(pressured).toMatchObject({ backpressure: true, oldestTaskAgeSeconds: 31, thresholdSeconds: 30 });
    expect(importPace(pressured, 200)).toEqual({ wait: true, reason: 'backpressure' });
  });
});

describe('lanes from the stats of a queue by priority key', () => {
  const stats = (byPriority: [number, number, number][], overall: [number, number] = [0, 0]): TaskQueueStats => ({
    overall: { backlog: overall[0], age: overall[1] },
    byPriority: byPriority.map(([priorityKey, backlog, age]) => ({ priorityKey, backlog, age })),
  });

  test('keys 1–3 are live work, 4 and 5 an initial load; workflow and activity tasks add up', () => {
    expect(queueLanes('q', [stats([[2, 1, 0.5], [3, 4, 1.5], [5, 150, 40]]), stats([[3, 2, 3], [4, 10, 12]])])).toEqual([
      { lane: 'live', taskQueue: 'q', backlog: 7, oldestTaskAgeSeconds: 3 },
      { lane: 'bulk', taskQueue: 'q', backlog: 160, oldestTaskAgeSeconds: 40 },
    ]);
  });

  test('an old bulk backlog on the live queue does not make the import yield; a live one does', () => {
    const bulkOnly = backlogSnapshot(queueLanes('q', [stats([[5, 150, 20]])]), 30);
    expect(importPace(bulkOnly, 200)).toEqual({ wait: false, rows: 50 });
    const liveWaiting = backlogSnapshot(queueLanes('q', [stats([[3, 1, 2.5], [5, 150, 20]])]), 30);
    expect(importPace(liveWaiting, 200)).toEqual({ wait: true, reason: 'live_work_waiting' });
  });

  test('a server that reports no priorities: everything is live work', () => {
    expect(queueLanes('q', [stats([], [9, 4])])).toEqual([
      { lane: 'live', taskQueue: 'q', backlog: 9, oldestTaskAgeSeconds: 4 },
      { lane: 'bulk', taskQueue: 'q', backlog: 0, oldestTaskAgeSeconds: 0 },
    ]);
  });
});
