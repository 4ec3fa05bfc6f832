import { signal } from '@angular/core';
import { Observable } from 'rxjs';

/**
 * Saves of one form, one request at a time, in the order asked, and at most one waiting per
 * field: a field asked again while it waits keeps its place, and its task builds the request
 * body only when its turn comes, so it sends the latest text with the latest version. One at a
 * time also means the server sees each value's versions in order, and never two first entries
 * of a form racing to create it.
 */
export class SaveQueue {
  private readonly waiting: string[] = [];
  private readonly tasks = new Map<string, () => Observable<unknown>>();
  private runningKey: string | null = null;
  private readonly count = signal(0);

  /** Saves waiting or under way. */
  readonly pending = this.count.asReadonly();

  /** Asks for a save of `key`; `task` runs when its turn comes (an EMPTY task means nothing to send). */
  enqueue(key: string, task: () => Observable<unknown>): void {
    this.tasks.set(key, task);
    if (!this.waiting.includes(key)) this.waiting.push(key);
    this.update();
    this.next();
  }

  /** Whether `key` waits or is being saved. */
  has(key: string): boolean {
    return this.runningKey === key || this.waiting.includes(key);
  }

  /** Whether `key` waits for its turn (asked again while its previous save runs). */
  isWaiting(key: string): boolean {
    return this.waiting.includes(key);
  }

  private next(): void {
    if (this.runningKey !== null) return;
    const key = this.waiting.shift();
    if (key === undefined) return;
    const task = this.tasks.get(key)!;
    this.tasks.delete(key);
    this.runningKey = key;
    this.update();
    const done = () => {
      this.runningKey = null;
      this.update();
      this.next();
    };
    // The task handles its own errors; the queue only moves on.
    task().subscribe({ error: done, complete: done });
  }

  private update(): void {
    this.count.set(this.waiting.length + (this.runningKey === null ? 0 : 1));
  }
}
