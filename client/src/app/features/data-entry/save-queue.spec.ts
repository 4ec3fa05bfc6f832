import { EMPTY, Subject } from 'rxjs';
import { SaveQueue } from './save-queue';

describe('SaveQueue', () => {
  it('runs one save at a time, in order, and keeps one waiting place per field', () => {
    const queue = new SaveQueue();
    const requests: Record<string, Subject<void>> = {};
    const started: string[] = [];
    const task = (key: string, label: string) => () => {
      started.push(label);
      requests[label] = new Subject<void>();
      return requests[label];
    };

    queue.enqueue('a', task('a', 'a1'));
    queue.enqueue('b', task('b', 'b1'));
    queue.enqueue('a', task('a', 'a2'));
    queue.enqueue('a', task('a', 'a3')); // replaces a2: the latest task runs
    expect(started).toEqual(['a1']);
    expect(queue.pending()).toBe(3);
    expect(queue.has('a')).toBeTrue();
    expect(queue.isWaiting('a')).toBeTrue();

    requests['a1'].complete();
    expect(started).toEqual(['a1', 'b1']);
    expect(queue.isWaiting('a')).toBeTrue();
    expect(queue.has('b')).toBeTrue();
    expect(queue.isWaiting('b')).toBeFalse();
    requests['b1'].error(new Error('refusé')); // a failure moves on too
    expect(started).toEqual(['a1', 'b1', 'a3']);
    requests['a3'].complete();
    expect(queue.pending()).toBe(0);
    expect(queue.has('a')).toBeFalse();
  });

  it('moves past a task with nothing to send', () => {
    const queue = new SaveQueue();
    const ran: string[] = [];
    queue.enqueue('a', () => {
      ran.push('a');
      return EMPTY;
    });
    queue.enqueue('b', () => {
      ran.push('b');
      return EMPTY;
    });
    expect(ran).toEqual(['a', 'b']);
    expect(queue.pending()).toBe(0);
  });
});
