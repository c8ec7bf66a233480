import { waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { lazyPage, preloadPages } from './lazy-page';

const Page = () => null;

describe('lazyPage', () => {
  it('preloads the code of the given pages one after another, each once, and skips other elements', async () => {
    const loadA = vi.fn(async () => ({ default: Page }));
    const loadB = vi.fn(async () => ({ default: Page }));
    const A = lazyPage(loadA);
    const B = lazyPage(loadB);
    preloadPages([<A key="a" />, <div key="plain" />, <B key="b" />, <A key="again" />]);
    await waitFor(() => expect(loadB).toHaveBeenCalledTimes(1));
    expect(loadA).toHaveBeenCalledTimes(1); // the second A reuses the first load
    await A.preload();
    expect(loadA).toHaveBeenCalledTimes(1);
  });

  it('forgets a failed load, so that the visit tries again', async () => {
    const load = vi.fn().mockRejectedValueOnce(new Error('chunk')).mockResolvedValue({ default: Page });
    const A = lazyPage(load);
    await expect(A.preload()).rejects.toThrow('chunk');
    await expect(A.preload()).resolves.toEqual({ default: Page });
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('stops when cancelled', async () => {
    const load = vi.fn(async () => ({ default: Page }));
    const A = lazyPage(load);
    preloadPages([<A key="a" />])();
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(load).not.toHaveBeenCalled();
  });
});
