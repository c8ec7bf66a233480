/** The 电动自行车 permission codes the console checks (the server decides; these only choose menus and buttons). */
export { EBIKE_P as EP } from '@shtp/core/ebike';
