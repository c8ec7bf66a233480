/** Common surnames (weighted by repetition) and given-name parts for synthetic people and company names. */

const s = (names: string): readonly string[] => names.split(' ');

/** The most common surnames first, repeated so they come up more often; plus common Shanghai/Jiangnan surnames. */
export const SURNAMES = s(
  '王 王 王 李 李 李 张 张 张 刘 刘 陈 陈 陈 杨 杨 黄 赵 吴 吴 周 周 徐 徐 孙 马 朱 朱 胡 郭 何 林 罗 高 沈 沈 顾 顾 陆 陆 钱 蒋 金 汪 范 邵 姚 曹 唐 许 蔡 潘 袁 冯 丁 施 严 俞 倪 欧阳 司马',
);
/** Given-name characters and two-character names that read as names for either sex. */
export const GIVEN_NAMES = s(
  '伟 芳 娜 敏 静 强 磊 洋 艳 勇 军 杰 娟 涛 明 超 华 慧 丽 平 刚 斌 宁 婷 颖 琳 晨 辉 鹏 俊 秀英 建国 晓东 雪梅 志强 海燕 佳怡 子涵 浩然 欣怡 宇轩 思远 文杰 嘉怡 一鸣 诗涵 梓萱 俊杰 晓燕 国平 建华 丽华 明辉 亚楠 天宇 雨萱 家豪 晓婷',
);
/** Characters for company trade names (字号). */
export const TRADE_NAME_CHARS = '华信通达恒瑞锦鑫盛安泰嘉博远宏诚润康海申沪浦江启明创优众邦合益';
/** Industry words of company names. */
export const INDUSTRIES = s('科技 贸易 物流 电动车销售 汽车服务 餐饮管理 建筑工程 信息技术 配送服务 快递服务 新能源科技 车辆租赁 电子商务 机电设备');
/** Synthetic road names (common across Chinese cities; not tied to the subdistrict). */
export const ROADS = s('建设路 人民路 和平路 解放路 团结路 新华路 光明路 复兴路 幸福路 振兴路 长江路 黄河路 园区路 文化路 学府路 春申路 百花路 同心路');
