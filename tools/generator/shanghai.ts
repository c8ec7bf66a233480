/**
 * Shanghai's current districts (GB/T 2260 codes) with a few of their subdistricts, from
 * ../shared/data/shanghai-subdistricts.csv (public administrative data, see its SOURCES.md).
 */
export const SHANGHAI_DISTRICTS = [
  { code: '310101', name: '黄浦区', streets: ['南京东路街道', '外滩街道', '豫园街道', '打浦桥街道'] },
  { code: '310104', name: '徐汇区', streets: ['天平路街道', '湖南路街道', '斜土路街道', '漕河泾街道'] },
  { code: '310105', name: '长宁区', streets: ['华阳路街道', '新华路街道', '天山路街道', '仙霞新村街道'] },
  { code: '310106', name: '静安区', streets: ['江宁路街道', '石门二路街道', '南京西路街道', '彭浦新村街道'] },
  { code: '310107', name: '普陀区', streets: ['曹杨新村街道', '长风新村街道', '真如镇街道', '万里街道'] },
  { code: '310109', name: '虹口区', streets: ['欧阳路街道', '曲阳路街道', '广中路街道', '四川北路街道'] },
  { code: '310110', name: '杨浦区', streets: ['定海路街道', '平凉路街道', '江浦路街道', '五角场街道'] },
  { code: '310112', name: '闵行区', streets: ['江川路街道', '古美街道', '新虹街道', '浦锦街道'] },
  { code: '310113', name: '宝山区', streets: ['友谊路街道', '吴淞街道', '张庙街道', '淞南镇'] },
  { code: '310114', name: '嘉定区', streets: ['新成路街道', '真新街道', '菊园新区', '南翔镇'] },
  { code: '310115', name: '浦东新区', streets: ['潍坊新村街道', '陆家嘴街道', '塘桥街道', '花木街道'] },
  { code: '310116', name: '金山区', streets: ['石化街道', '朱泾镇', '枫泾镇', '亭林镇'] },
  { code: '310117', name: '松江区', streets: ['岳阳街道', '永丰街道', '方松街道', '中山街道'] },
  { code: '310118', name: '青浦区', streets: ['夏阳街道', '盈浦街道', '香花桥街道', '赵巷镇'] },
  { code: '310120', name: '奉贤区', streets: ['南桥镇', '奉城镇', '庄行镇', '金汇镇'] },
  { code: '310151', name: '崇明区', streets: ['城桥镇', '堡镇', '新河镇', '陈家镇'] },
] as const;

/** Area codes of other provinces' cities, for 非沪籍 people (a sample, not a list of all). */
export const OTHER_AREA_CODES = ['320102', '320583', '330106', '340104', '360102', '410105', '420106', '430104', '510107', '370102'] as const;
