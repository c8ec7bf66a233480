import { type ComponentType, isValidElement, type LazyExoticComponent, lazy, type ReactNode } from 'react';

type PageModule = { default: ComponentType };

/** A lazily loaded page whose code can also be fetched ahead of its first visit. */
export type PreloadablePage = LazyExoticComponent<ComponentType> & { preload: () => Promise<PageModule> };

/**
 * A page in its own chunk, loaded with its first visit like `React.lazy` — and `preload()`able, so that the console
 * fetches the pages of the menu while the browser is idle and a first switch does not wait for the code (issue #20).
 * A failed load is forgotten, so that the visit itself tries again.
 */
export function lazyPage(load: () => Promise<PageModule>): PreloadablePage {
  let loading: Promise<PageModule> | undefined;
  const once = () => {
    if (!loading) {
      loading = load().catch((err: unknown) => {
        loading = undefined;
        throw err;
      });
    }
    return loading;
  };
  return Object.assign(lazy(once), { preload: once });
}

/** The preload of a page element made with `lazyPage`, if it is one. */
function preloadOf(element: ReactNode): (() => Promise<unknown>) | undefined {
  if (!isValidElement(element)) return undefined;
  const preload = (element.type as Partial<PreloadablePage>).preload;
  return typeof preload === 'function' ? preload : undefined;
}

const whenIdle = (run: () => void): (() => void) => {
  if (typeof window.requestIdleCallback === 'function') {
    const id = window.requestIdleCallback(run, { timeout: 5_000 });
    return () => window.cancelIdleCallback(id);
  }
  const id = window.setTimeout(run, 200);
  return () => window.clearTimeout(id);
};

/**
 * Fetches the code of the given pages one at a time, each when the browser is idle; returns a cancel function.
 * Failures are left to the visit (it shows its own error).
 */
export function preloadPages(elements: readonly ReactNode[]): () => void {
  const queue = elements.map(preloadOf).filter((p) => p !== undefined);
  let cancel = () => {};
  let stopped = false;
  const next = () => {
    const preload = queue.shift();
    if (!preload || stopped) return;
    cancel = whenIdle(() => {
      preload().then(next, next);
    });
  };
  next();
  return () => {
    stopped = true;
    cancel();
  };
}
