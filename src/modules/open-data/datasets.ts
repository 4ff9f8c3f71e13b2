/**
 * The datasets the office publishes or hands to partners, as data: each field's JSON key, its CSV
 * header (Chinese) and what it means. The CSV header row, the JSON keys and the field dictionary on
 * the /open-data page all come from here, so they cannot drift apart.
 */
export interface DatasetField {
  /** JSON key (camelCase). */
  key: string;
  /** CSV header. */
  header: string;
  description: string;
}

export interface DatasetDefinition {
  name: string;
  title: string;
  description: string;
  /** Who may download it. */
  access: string;
  /** The download paths without the .csv / .json suffix. */
  path: string;
  /** What `?from=&to=` filter, if any. */
  range?: string;
  fields: readonly DatasetField[];
}

const f = (key: string, header: string, description: string): DatasetField => ({ key, header, description });

export const ACCOUNTS_DATASET: DatasetDefinition = {
  name: 'accounts',
  title: '已备案自媒体账号名录',
  description: '在余杭区备案的自媒体账号：已备案的，以及正被限制发布、暂停更新或已关闭的。按备案编号排序。个人运营的账号只显示运营者的姓氏。',
  access: '公开，无需登录',
  path: '/api/open-data/accounts',
  fields: [
    f('filingNo', '备案编号', 'YH-ZMT-年份-6位序号，备案通过时编定'),
    f('name', '账号名称', '账号在平台上的名称'),
    f('platform', '平台代码', 'wechat、weibo、douyin、toutiao、kuaishou、bilibili、xiaohongshu、other'),
    f('platformLabel', '平台', '平台的中文名称'),
    f('category', '内容类别代码', '账号主要发布的内容类别'),
    f('categoryLabel', '内容类别', '内容类别的中文名称'),
    f('subjectKind', '主体类型代码', 'organization（机构）或 individual（个人）'),
    f('subjectName', '运营主体', '机构的名称；个人只显示姓氏（如“张*”）'),
    f('status', '状态代码', 'filed 已备案、restricted 限制发布、suspended 暂停更新、closed 已关闭'),
    f('statusLabel', '状态', '状态的中文名称'),
    f('grade', '评价等级', '最近一次公布的年度评议等级：A 优秀、B 良好、C 合格、D 不合格；未评议的为空'),
    f('gradeYear', '评价年度', '评价等级所属的年度'),
    f('filedDate', '备案日期', '备案通过的日期（北京时间，YYYY-MM-DD）'),
  ],
};

export const BLACKLIST_DATASET: DatasetDefinition = {
  name: 'blacklist',
  title: '自媒体管理黑名单（在列）',
  description: '依据《余杭区自媒体信息服务管理实施办法（试行）》第三部分第5条列入黑名单且尚在期限内的账号。期满或提前移出的不再列出。按决定文书号排序。',
  access: '公开，无需登录',
  path: '/api/open-data/blacklist',
  fields: [
    f('decisionNo', '决定文书号', '列入黑名单决定书的编号（YH-WXHMJ-年份-4位序号）'),
    f('filingNo', '备案编号', '账号的备案编号'),
    f('accountName', '账号名称', '列入时的账号名称'),
    f('platform', '平台代码', '同账号名录'),
    f('platformLabel', '平台', '平台的中文名称'),
    f('subjectName', '运营主体', '机构的名称；个人只显示姓氏'),
    f('rule', '列入情形代码', 'R1 多次发布、转载违法违规信息；R2 发布、转载违法违规信息后拒不整改'),
    f('ruleLabel', '列入情形', '列入情形的中文说明'),
    f('basis', '列入依据', '决定所依据的规定'),
    f('listedDate', '列入日期', '批准列入的日期（北京时间）'),
    f('endsDate', '期满日期', '列入期限届满的日期（列入起12个月）'),
  ],
};

/** 行政处罚信息公示 fields (the national “双公示” format), for the credit information sharing platform (seed 000). */
export const CREDIT_PUBLICITY_DATASET: DatasetDefinition = {
  name: 'credit-publicity',
  title: '信用信息公示（行政处罚信息格式）',
  description:
    '经批准的处置措施（限制发布、暂停更新、关闭账号）和列入黑名单的决定（在列或已移出），按全国信用信息共享平台行政处罚信息公示的字段整理，推送合作平台。个人的证件号码只显示前6位和后4位，姓名只显示姓氏。先列黑名单决定，再列处置措施，各按决定文书号排序。',
  access: '网信办工作人员、审批负责人（需登录）',
  path: '/api/open-data/credit-publicity',
  range: 'from、to：处罚决定日期（北京时间，YYYY-MM-DD，含首尾两天）',
  fields: [
    f('recordType', '信息类别', 'blacklist 列入黑名单；measure 处置措施'),
    f('decisionNo', '决定文书号', '黑名单：列入决定书编号；处置措施：报请上级网信部门的请示编号'),
    f('partyName', '行政相对人名称', '机构的名称；个人只显示姓氏'),
    f('partyType', '行政相对人类别', '法人及非法人组织，或自然人'),
    f('creditCode', '统一社会信用代码', '机构的统一社会信用代码；个人为空'),
    f('idType', '证件类型', '个人为“身份证”；机构为空'),
    f('idNumber', '证件号码', '个人的身份证号码，只显示前6位和后4位（如 330110********123X）；机构为空'),
    f('accountName', '账号名称', '被处置的自媒体账号'),
    f('filingNo', '备案编号', '账号的备案编号'),
    f('platformLabel', '平台', '账号所在平台'),
    f('conductType', '违法行为类型', '黑名单：列入情形；处置措施：约谈后逾期不予整改或整改不到位'),
    f('basis', '处罚依据', '决定所依据的规定'),
    f('penaltyType', '处罚类别', '列入黑名单、限制发布、暂停更新、关闭账号'),
    f('content', '处罚内容', '决定的内容'),
    f('decisionDate', '处罚决定日期', '批准的日期（北京时间，YYYY-MM-DD）'),
    f('publicityEndDate', '公示截止期', '黑名单：列入期满日期，提前移出的为移出日期；处置措施：决定日期起3年，提前解除的为解除日期'),
    f('status', '当前状态', '生效中、已期满移出、已提前移出、已解除、公示期满'),
    f('decidingOffice', '处罚机关', '作出决定的机关'),
    f('dataSource', '数据来源单位', '提供数据的单位'),
  ],
};

/** The audit trail as exported to the auditor (every column of the hash chain, so it can be checked outside). */
export const AUDIT_EXPORT_DATASET: DatasetDefinition = {
  name: 'audit',
  title: '审计记录导出',
  description: '审计记录按序号排列，含哈希链的全部字段，可在系统外复核。导出本身也记入审计记录（audit.export）。',
  access: '审计管理员（需登录）',
  path: '/api/audit/export',
  range: 'from、to：记录日期（北京时间，YYYY-MM-DD，含首尾两天）',
  fields: [
    f('seq', '序号', '在哈希链中的位置'),
    f('at', '时间', 'ISO 8601，北京时间'),
    f('actorId', '操作人ID', '用户编号；公众和系统为空'),
    f('actor', '操作人', '用户名，或 public、system'),
    f('role', '角色', '操作时的角色'),
    f('action', '操作', '操作代码'),
    f('actionLabel', '操作说明', '操作的中文名称'),
    f('entityType', '对象类型', '被操作的对象'),
    f('entityId', '对象ID', '被操作对象的编号'),
    f('before', '变更前', '记录时保存的JSON文本（参与哈希计算），个人信息已脱敏'),
    f('after', '变更后', '记录时保存的JSON文本（参与哈希计算），个人信息已脱敏'),
    f('sourceAddress', '来源地址', '请求的来源IP地址'),
    f('prevHash', '前一条哈希', '前一条记录的哈希'),
    f('hash', '哈希', 'SHA-256（前一条哈希与本条各字段）'),
  ],
};

/** The datasets the /open-data page describes, in its order. */
export const OPEN_DATASETS: readonly DatasetDefinition[] = [ACCOUNTS_DATASET, BLACKLIST_DATASET, CREDIT_PUBLICITY_DATASET];
