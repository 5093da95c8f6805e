/**
 * Something to release: a subscription, the services a login started, a
 * feature. `dispose()` may be async (a service that must finish something
 * before the database closes returns a promise); callers await it.
 */
export interface Disposable {
  dispose(): void | Promise<void>;
}

/** A {@link Disposable} that runs `fn` once, however often it is disposed. */
export function toDisposable(fn: () => void | Promise<void>): Disposable {
  let done = false;
  return {
    dispose: () => {
      if (done) return;
      done = true;
      return fn();
    },
  };
}

/**
 * Disposes every item now, in order, without waiting between them (what
 * each does synchronously happens before the next starts, as a chain of
 * plain calls would); resolves when the async ones are done. A failing item
 * is reported to `onError` and does not stop the others.
 */
export function disposeInOrder(items: Iterable<Disposable>, onError: (error: unknown) => void): Promise<void> {
  const pending: Promise<void>[] = [];
  for (const item of items) {
    try {
      const result = item.dispose();
      if (result instanceof Promise) pending.push(result.catch(onError));
    } catch (error) {
      onError(error);
    }
  }
  return Promise.all(pending).then(() => undefined);
}
