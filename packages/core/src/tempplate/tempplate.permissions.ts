/** Permission codes of the 机动车临牌查验 module (server guards, console shows). */
export const TEMPPLATE_P = {
  menu: 'tempplate',
  warningMenu: 'tempplate:warning',
  warningList: 'tempplate:warning:list',
  /** Re-runs the rules over a window (after a parameter change). */
  evaluate: 'tempplate:evaluate',
  orderMenu: 'tempplate:order',
  assign: 'tempplate:order:assign',
  firstCheck: 'tempplate:order:first-check',
  review: 'tempplate:order:review',
  statsMenu: 'tempplate:stats',
  stats: 'tempplate:stats:view',
  /** Receives businesses from other systems (the 车驾管 intake); service accounts get the scope `tempplate:intake`. */
  intake: 'tempplate:intake',
} as const;
