/** Permission codes of the 道路施工 module (server guards, console shows). */
export const ROADWORKS_P = {
  menu: 'roadworks',
  gazetteerMenu: 'roadworks:gazetteer',
  gazetteerEdit: 'roadworks:gazetteer:edit',
  caseMenu: 'roadworks:case',
  decide: 'roadworks:case:decide',
  emergency: 'roadworks:case:emergency',
  routingEdit: 'roadworks:case:routing',
  queryMenu: 'roadworks:query',
  warningMenu: 'roadworks:warning',
  exchangeMenu: 'roadworks:exchange',
  exchangeResend: 'roadworks:exchange:resend',
} as const;
