import { Worker, type ResourceLimits } from 'node:worker_threads';

/** What every worker answers: the request's id and the thread that ran it. */
export interface WorkerReply {
  readonly id: number;
  readonly threadId: number;
}

interface Pending<Request, Reply> {
  readonly request: Request;
  readonly transfer: readonly ArrayBuffer[];
  resolve(reply: Reply): void;
  reject(error: Error): void;
}

/** What a worker started with `announcesReady` posts once it is ready for requests (no id: no request's answer). */
export interface WorkerReadyNotice {
  readonly ready: true;
}

interface Slot {
  readonly worker: Worker;
  /** Ids of the requests this worker is running. */
  readonly running: Set<number>;
  /** Settles when the worker is ready (or gone): see `ready()`. */
  readonly ready: Promise<void>;
}

export interface WorkerPoolOptions<Request> {
  /** The worker's module, a TypeScript file next to the caller (`new URL('./x-worker.ts', import.meta.url)`). */
  readonly entry: URL;
  /** Workers at most; each runs one request at a time. */
  readonly size?: number;
  /** A worker is stopped after this long without work (its memory goes with it). */
  readonly idleMs?: number;
  readonly resourceLimits?: ResourceLimits;
  /** Why the requests still running fail when a worker stops by itself (French, shown to the user). */
  readonly stoppedMessage: (code: number) => string;
  /**
   * The worker posts `{ ready: true }` (WorkerReadyNotice) once it is ready for requests (its own
   * warm-up done); without it, a worker is ready as soon as its thread runs. Requests sent before
   * are not lost: the worker answers them after. Idle, a worker's stop counts from its notice.
   */
  readonly announcesReady?: boolean;
  /** The error a request fails with when its worker fails (`error`: the worker's error) or stops (`error` null); `reason` by default. */
  readonly failed?: (request: Request, reason: Error, error: unknown) => Error;
}

/**
 * A few worker threads (one by default) that run long stretches of CPU away from the thread that
 * serves HTTP: started on the first request, each running one request at a time (the others wait
 * their turn, in order), stopped after `idleMs` without work. Idle workers do not keep the process
 * alive (warming up, until they are ready, they do). When a worker fails or stops, the requests it was running fail with the reason (see
 * `failed`) and the next ones start another; `close()` stops every worker, failing the requests
 * running or waiting.
 *
 * The worker answers each `{ id, … }` message it receives with a message carrying the same id
 * (`WorkerReply`). It registers tsx's loader in its own thread first: the workers are TypeScript
 * like the rest, whatever started this process (tsx, node --import tsx, jasmine with tsx/esm).
 */
export class WorkerPool<Request extends { readonly id: number }, Reply extends WorkerReply> {
  private readonly slots: Slot[] = [];
  private readonly queue: number[] = [];
  private readonly pending = new Map<number, Pending<Request, Reply>>();
  private nextId = 1;
  private idleTimer: NodeJS.Timeout | null = null;

  constructor(private readonly options: WorkerPoolOptions<Request>) {}

  /** Requests running or waiting. */
  get size(): number {
    return this.pending.size;
  }

  /** Workers started (for the specs). */
  get workers(): number {
    return this.slots.length;
  }

  /** A new request id, for the request given to `run`. */
  id(): number {
    return this.nextId++;
  }

  /** Runs a request in a worker (its `transfer` list moved, not copied) and answers its reply. */
  run(request: Request, transfer: readonly ArrayBuffer[] = []): Promise<Reply> {
    this.cancelIdleStop();
    return new Promise<Reply>((resolve, reject) => {
      this.pending.set(request.id, { request, transfer, resolve, reject });
      this.queue.push(request.id);
      this.dispatch();
    });
  }

  /**
   * Starts the workers now (all `size` of them; those running stay): their modules load while the
   * caller prepares the requests. Idle, their stop is pushed back by `idleMs` from now.
   */
  warmUp(): void {
    while (this.slots.length < (this.options.size ?? 1)) this.start();
    if (this.pending.size === 0) this.scheduleIdleStop();
  }

  /** Settles once every worker started so far is ready (see `announcesReady`) or gone; never rejects. */
  async ready(): Promise<void> {
    await Promise.all(this.slots.map((slot) => slot.ready));
  }

  /** Stops every worker now; requests running or waiting fail with `reason`. */
  async close(reason: Error): Promise<void> {
    this.cancelIdleStop();
    const workers = this.slots.splice(0).map((slot) => slot.worker);
    this.queue.length = 0;
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const p of waiting) p.reject(reason);
    await Promise.all(workers.map((worker) => worker.terminate()));
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const slot = this.slots.find((s) => s.running.size === 0) ?? (this.slots.length < (this.options.size ?? 1) ? this.start() : null);
      if (!slot) return;
      const id = this.queue.shift()!;
      const p = this.pending.get(id);
      if (!p) continue;
      slot.running.add(id);
      slot.worker.ref();
      slot.worker.postMessage(p.request, p.transfer as ArrayBuffer[]);
    }
  }

  private start(): Slot {
    const loader = import.meta.resolve('tsx/esm/api');
    const entry = this.options.entry.href;
    const worker = new Worker(`import(${JSON.stringify(loader)}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); })`, {
      eval: true,
      ...(this.options.resourceLimits && { resourceLimits: this.options.resourceLimits }),
    });
    let markReady!: () => void;
    const slot: Slot = { worker, running: new Set(), ready: new Promise<void>((resolve) => (markReady = resolve)) };
    if (!this.options.announcesReady) worker.once('online', () => markReady());
    worker.on('message', (message: Reply | WorkerReadyNotice) => ('ready' in message ? this.announced(slot, markReady) : this.answer(slot, message)));
    worker.on('error', (error) => (markReady(), this.fail(slot, error, error)));
    worker.on('exit', (code) => (markReady(), this.fail(slot, new Error(this.options.stoppedMessage(code)), null)));
    // Idle, it does not keep the process alive; warming up, it does (`ready()` is awaited).
    if (!this.options.announcesReady) worker.unref();
    this.slots.push(slot);
    return slot;
  }

  private answer(slot: Slot, reply: Reply): void {
    slot.running.delete(reply.id);
    const p = this.pending.get(reply.id);
    this.pending.delete(reply.id);
    if (slot.running.size === 0) slot.worker.unref();
    this.dispatch();
    if (this.pending.size === 0) this.scheduleIdleStop();
    p?.resolve(reply);
  }

  /** A worker says it is ready: idle, its stop counts from now (its warm-up was not its idle time). */
  private announced(slot: Slot, markReady: () => void): void {
    markReady();
    if (slot.running.size === 0) slot.worker.unref();
    if (this.slots.includes(slot) && this.pending.size === 0) this.scheduleIdleStop();
  }

  /** A worker failed or stopped: the requests it was running fail; it is replaced on the next request. */
  private fail(slot: Slot, reason: Error, error: unknown): void {
    const index = this.slots.indexOf(slot);
    if (index < 0) return;
    this.slots.splice(index, 1);
    for (const id of slot.running) {
      const p = this.pending.get(id);
      this.pending.delete(id);
      p?.reject(this.options.failed?.(p.request, reason, error) ?? reason);
    }
    slot.running.clear();
    void slot.worker.terminate();
    this.dispatch();
    if (this.pending.size === 0) this.scheduleIdleStop();
  }

  private scheduleIdleStop(): void {
    this.cancelIdleStop();
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      if (this.pending.size > 0) return;
      for (const slot of this.slots.splice(0)) void slot.worker.terminate();
    }, this.options.idleMs ?? 60_000);
    this.idleTimer.unref();
  }

  private cancelIdleStop(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }
}
