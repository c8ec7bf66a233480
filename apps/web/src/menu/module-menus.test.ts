import { isValidElement } from 'react';
import { describe, expect, it } from 'vitest';
import { registerPlatformMenu } from './platform-menu';
import { registeredEntries } from './registry';

/** Every module's menu file, as main.tsx registers them. */
const moduleMenus = import.meta.glob<Record<string, unknown>>('../modules/*/*-menu.tsx', { eager: true });

describe('module menus', () => {
  it('make every page preloadable (lazyPage), so that the console fetches its code ahead of the first visit', () => {
    registerPlatformMenu();
    const registers = Object.values(moduleMenus).flatMap((m) =>
      Object.entries(m).filter(([name, value]) => /^register\w+Menu$/.test(name) && typeof value === 'function'),
    );
    expect(registers.length).toBeGreaterThanOrEqual(7);
    for (const [, register] of registers) (register as () => void)();
    const notPreloadable = registeredEntries()
      .filter((entry) => !(isValidElement(entry.element) && typeof (entry.element.type as { preload?: unknown }).preload === 'function'))
      .map((entry) => entry.path);
    expect(notPreloadable).toEqual([]);
  });
});
