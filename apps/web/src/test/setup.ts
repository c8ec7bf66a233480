import { installChineseZodMessages } from '@shtp/core/validators';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// findBy*/waitFor without a timeout of their own wait up to 15 s (not testing-library's 1 s): a page that renders
// late on a busy machine is not a failure.
configure({ asyncUtilTimeout: 15_000 });
// As main.tsx does: forms show zod's issues in the platform's Chinese.
installChineseZodMessages();

// antd's responsive components query media features, which jsdom does not implement. (Files that opt into the
// node environment have no window.)
if (typeof window !== 'undefined')
  Object.defineProperty(window, 'matchMedia', {
    writable: true,
    value: (query: string): MediaQueryList =>
      ({
        matches: false,
        media: query,
        onchange: null,
        addListener: () => {},
        removeListener: () => {},
        addEventListener: () => {},
        removeEventListener: () => {},
        dispatchEvent: () => false,
      }) as MediaQueryList,
  });

// antd's popovers, selects and tooltips measure themselves; jsdom has no ResizeObserver. Assigned, not stubbed, so
// that vi.unstubAllGlobals() in a test file leaves it in place.
if (typeof window !== 'undefined' && !('ResizeObserver' in globalThis))
  Object.defineProperty(globalThis, 'ResizeObserver', {
    writable: true,
    value: class {
      observe() {}
      unobserve() {}
      disconnect() {}
    },
  });

afterEach(cleanup);
