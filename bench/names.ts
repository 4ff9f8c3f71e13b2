/**
 * Realistic Chinese names for the generated data (bench/generate.ts): companies from a region, a
 * trade name, a trade and 有限公司; people from common surnames and given-name characters; accounts
 * from places, brands, nicknames, topics and the usual endings of self-media names.
 */

export const REGIONS = [
  '余杭', '临平', '良渚', '仓前', '五常', '闲林', '瓶窑', '径山', '中泰', '黄湖', '鸬鸟', '百丈', '仁和', '乔司', '星桥',
  '塘栖', '运河', '崇贤', '东湖', '南苑', '未来科技城', '西溪', '杭州', '浙江', '之江', '钱塘', '西湖', '拱墅', '萧山', '富阳',
];
const BRANDS = [
  '星辰', '瑞丰', '华创', '恒达', '锦绣', '远景', '天元', '博雅', '新禾', '鼎盛', '云帆', '明德', '嘉禾', '汇通', '宏图', '睿智',
  '青藤', '蓝海', '金桥', '鸿运', '永安', '盛世', '和信', '众诚', '启航', '聚力', '同心', '长风', '沐阳', '晨曦', '晓风', '半山',
  '知味', '拾光', '一苇', '南山', '北斗', '东方', '凌云', '若水', '禾丰', '千岛', '百川', '万象', '九歌', '三棵树', '小满', '大观',
];
const TRADES = [
  '网络科技', '文化传媒', '信息技术', '电子商务', '教育咨询', '餐饮管理', '旅游开发', '健康管理', '影视制作', '广告', '贸易',
  '农业发展', '物流', '建筑工程', '企业管理咨询', '数字科技', '直播电商', '品牌管理', '体育发展', '艺术培训',
];
const SURNAMES = [
  '王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '高', '林', '罗', '郑', '梁',
  '谢', '宋', '唐', '许', '韩', '冯', '邓', '曹', '彭', '曾', '肖', '田', '董', '袁', '潘', '于', '蒋', '蔡', '余', '杜', '叶', '程',
  '苏', '魏', '吕', '丁', '任', '沈', '姚', '卢', '姜', '崔', '钟', '谭', '陆', '汪', '范', '金', '石', '廖', '贾', '夏', '韦', '方',
  '欧阳', '诸葛', '司马',
];
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建文辉力斌宇浩凯鹏飞鑫波宁雪琳晨阳欣怡梓涵子轩一诺思远嘉铭佳琪';
export const TOPICS = [
  '美食', '探店', '生活', '房产', '教育', '亲子', '旅游', '文旅', '科技', '数码', '财经', '健康', '养生', '体育', '汽车', '时尚',
  '美妆', '摄影', '读书', '历史', '法律', '职场', '宠物', '家居', '农业', '非遗', '茶文化', '音乐', '电影', '游戏',
];
const ENDINGS = [
  '圈', '日记', '频道', '观察', '指南', '资讯', '说', '小站', '速递', '在线', '故事', '百科', '快讯', '工作室', '研究所', '那些事',
  '一点通', '早知道', '', '', '',
];
const OFFICIAL = ['发布', '融媒', '文旅', '市场监管', '公安', '教育', '卫健', '交通', '应急管理', '团委', '妇联', '图书馆'];
const NICK_PREFIX = ['小', '老', '阿', '大'];

export type Rnd = () => number;

export const pick = <T>(rnd: Rnd, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];

/** Picks by weight: `weighted(rnd, [['a', 3], ['b', 1]])`. */
export function weighted<T>(rnd: Rnd, table: readonly (readonly [T, number])[]): T {
  const total = table.reduce((s, [, w]) => s + w, 0);
  let r = rnd() * total;
  for (const [v, w] of table) {
    r -= w;
    if (r < 0) return v;
  }
  return table[table.length - 1][0];
}

export function personName(rnd: Rnd): string {
  const given = pick(rnd, [...GIVEN]) + (rnd() < 0.7 ? pick(rnd, [...GIVEN]) : '');
  return pick(rnd, SURNAMES) + given;
}

export function companyName(rnd: Rnd): string {
  const ending = weighted(rnd, [
    ['有限公司', 90],
    ['股份有限公司', 4],
    ['有限责任公司', 6],
  ] as const);
  return `${pick(rnd, REGIONS)}${pick(rnd, BRANDS)}${pick(rnd, TRADES)}${ending}`;
}

/** An account name; `serial` makes a share of them distinct (№ endings as platforms force them). */
export function accountName(rnd: Rnd, serial: number): string {
  const kind = weighted(rnd, [
    ['place', 40],
    ['brand', 25],
    ['nick', 25],
    ['official', 10],
  ] as const);
  let name: string;
  switch (kind) {
    case 'place':
      name = `${pick(rnd, REGIONS)}${pick(rnd, TOPICS)}${pick(rnd, ENDINGS)}`;
      break;
    case 'brand':
      name = `${pick(rnd, BRANDS)}${pick(rnd, TOPICS)}${pick(rnd, ENDINGS)}`;
      break;
    case 'nick':
      name = `${pick(rnd, NICK_PREFIX)}${pick(rnd, SURNAMES)}${rnd() < 0.5 ? '聊' : '的'}${pick(rnd, TOPICS)}${pick(rnd, ENDINGS)}`;
      break;
    default:
      name = `${pick(rnd, REGIONS)}${pick(rnd, OFFICIAL)}`;
  }
  return rnd() < 0.3 ? `${name}${serial % 997}号` : name;
}
