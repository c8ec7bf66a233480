import { type PermissionNode, permissionCodes } from '@shtp/core';

/**
 * The permission catalogue: the platform's tree plus what each module registers at start. Roles may only
 * hold permissions that are in it.
 */
export class PermissionRegistry {
  private readonly roots: PermissionNode[] = [];
  private readonly codes = new Set<string>();

  register(...nodes: PermissionNode[]): void {
    for (const code of permissionCodes(nodes)) {
      if (this.codes.has(code)) throw new Error(`permission ${code} registered twice`);
      this.codes.add(code);
    }
    this.roots.push(...nodes);
  }

  tree(): PermissionNode[] {
    return this.roots;
  }

  has(code: string): boolean {
    return this.codes.has(code);
  }
}
