/** Platforms of domain.md "Account", with their Chinese names. */
export const PLATFORMS = ['wechat', 'weibo', 'douyin', 'toutiao', 'kuaishou', 'bilibili', 'xiaohongshu', 'other'] as const;
export type Platform = (typeof PLATFORMS)[number];
export const PLATFORM_LABELS: Record<Platform, string> = {
  wechat: '微信公众号',
  weibo: '微博',
  douyin: '抖音',
  toutiao: '今日头条',
  kuaishou: '快手',
  bilibili: '哔哩哔哩',
  xiaohongshu: '小红书',
  other: '其他平台',
};

/** Content categories; finance, education, medical and legal need a qualification (policy table). */
export const CONTENT_CATEGORIES = [
  'news',
  'government',
  'finance',
  'education',
  'medical',
  'legal',
  'culture',
  'entertainment',
  'lifestyle',
  'technology',
  'travel',
  'food',
  'sports',
  'other',
] as const;
export type ContentCategory = (typeof CONTENT_CATEGORIES)[number];
export const CATEGORY_LABELS: Record<ContentCategory, string> = {
  news: '时政资讯',
  government: '政务服务',
  finance: '财经金融',
  education: '教育培训',
  medical: '医疗健康',
  legal: '法律服务',
  culture: '文化艺术',
  entertainment: '娱乐',
  lifestyle: '生活服务',
  technology: '科技数码',
  travel: '旅游出行',
  food: '美食',
  sports: '体育',
  other: '其他',
};

export const SUBJECT_KINDS = ['organization', 'individual'] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];
export const SUBJECT_KIND_LABELS: Record<SubjectKind, string> = { organization: '机构', individual: '个人' };

export const GRADES = ['A', 'B', 'C', 'D'] as const;
export type Grade = (typeof GRADES)[number];
export const GRADE_LABELS: Record<Grade, string> = { A: '优秀', B: '良好', C: '合格', D: '不合格' };
