import { type PermissionNode, permissionCodes } from '@shtp/core/platform';

/**
 * The permission catalogue: the platform's tree plus what each module registers at start. Roles may only
 * hold permissions that are in it.
 */
export class PermissionRegistry {
  private readonly roots: PermissionNode[] = [];
  private readonly codes = new Set<string>();
  private readonly roleDefaults = new Map<string, string[]>();

  register(...nodes: PermissionNode[]): void {
    for (const code of permissionCodes(nodes)) {
      if (this.codes.has(code)) throw new Error(`permission ${code} registered twice`);
      this.codes.add(code);
    }
    this.roots.push(...nodes);
  }

  /** Grants a module proposes for a built-in business role; the demo seed applies them to a new database. */
  proposeForRole(roleCode: string, codes: string[]): void {
    for (const c of codes) if (!this.codes.has(c)) throw new Error(`permission ${c} proposed for ${roleCode} but not registered`);
    this.roleDefaults.set(roleCode, [...(this.roleDefaults.get(roleCode) ?? []), ...codes]);
  }

  proposedFor(roleCode: string): string[] {
    return this.roleDefaults.get(roleCode) ?? [];
  }

  tree(): PermissionNode[] {
    return this.roots;
  }

  allCodes(): string[] {
    return [...this.codes];
  }

  has(code: string): boolean {
    return this.codes.has(code);
  }
}
