/** The shape of the Shanghai traffic-police organisation for demo data (DOMAIN.md §7; codes are synthetic). */
export const DISTRICTS = [
  ['310101', '黄浦'],
  ['310104', '徐汇'],
  ['310105', '长宁'],
  ['310106', '静安'],
  ['310107', '普陀'],
  ['310109', '虹口'],
  ['310110', '杨浦'],
  ['310112', '闵行'],
  ['310113', '宝山'],
  ['310114', '嘉定'],
  ['310115', '浦东'],
  ['310116', '金山'],
  ['310117', '松江'],
  ['310118', '青浦'],
  ['310120', '奉贤'],
  ['310151', '崇明'],
] as const;

export const SPECIAL_DETACHMENTS = ['高速公路支队', '高架道路支队', '车辆管理所', '事故处理支队'] as const;
export const BRIGADES = ['一大队', '二大队', '三大队'] as const;
