/**
 * `npm run demo-data`: fills the configured database (DATABASE_URL, default the embedded SQLite file
 * under ./data) with a small, realistic Yuhang registry to click through: users of every role,
 * operators with their subjects and accounts (some filed, one returned, some waiting), editorial
 * staff with trainings and records, a submitted staff filing and two reports from the public.
 *
 * Everything goes through the HTTP API (Fastify's inject, in this process), so every row is
 * validated, numbered and audited exactly as if people had typed it. Idempotent: when the demo
 * users exist it does nothing. Passwords are in README.md ("Demo data").
 */
import 'reflect-metadata';
import { pathToFileURL } from 'node:url';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { createApp } from '../src/app.factory.js';
import { TokenService } from '../src/common/auth/token.service.js';
import { verifyPassword } from '../src/common/crypto/password.js';
import { ConfigError, loadConfig } from '../src/config/app-config.js';
import { User } from '../src/modules/users/user.entity.js';

export const DEMO_PASSWORD = 'Demo-Passw0rd!';
const REGION = '330110';

// ---------------------------------------------------------------------------------------------
// Identifiers with correct check characters, computed the way the standards define them.

const CREDIT_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/** GB 11714 organisation code: 8 characters and a check character (0-9 or X). */
function organizationCode(body8: string): string {
  const value = (c: string) => (/\d/.test(c) ? Number(c) : c.charCodeAt(0) - 55); // A=10 … Z=35
  const sum = [...body8].reduce((s, c, i) => s + value(c) * ORG_CODE_WEIGHTS[i], 0);
  const check = 11 - (sum % 11);
  return body8 + (check === 10 ? 'X' : check === 11 ? '0' : String(check));
}

/**
 * GB 32100-2015 unified social credit code: 9 (registered by the market regulator) + 1 (company),
 * the region code, the organisation code, and the check character.
 */
export function creditCode(body8: string, authority = '91'): string {
  const first17 = authority + REGION + organizationCode(body8);
  const sum = [...first17].reduce((s, c, i) => s + CREDIT_ALPHABET.indexOf(c) * CREDIT_WEIGHTS[i], 0);
  const check = 31 - (sum % 31);
  return first17 + CREDIT_ALPHABET[check === 31 ? 0 : check];
}

/** GB 11643-1999 resident ID number: region, birth date, sequence (odd for men), check character. */
export function idNumber(birth: string, seq: number, region = REGION): string {
  const first17 = region + birth.replace(/-/g, '') + String(seq).padStart(3, '0');
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, c, i) => s + Number(c) * weights[i], 0);
  return first17 + '10X98765432'[sum % 11];
}

// ---------------------------------------------------------------------------------------------
// The people.

interface StaffUser {
  username: string;
  role: 'sysadmin' | 'auditor' | 'officer' | 'approver' | 'evaluator';
  displayName: string;
  organization?: string;
}

export const ASSOCIATION = '余杭区网络文化协会';
export const DREAM_STATION = '余杭区梦想驿站互联网文化服务中心';
export const EXPERT_POOL = '第三方专家库';

export const STAFF_USERS: StaffUser[] = [
  { username: 'sysadmin1', role: 'sysadmin', displayName: '周建平', organization: '区委网信办信息技术科' },
  { username: 'auditor1', role: 'auditor', displayName: '沈慧敏', organization: '区委网信办安全审计岗' },
  { username: 'officer1', role: 'officer', displayName: '王磊', organization: '区委网信办网络管理科' },
  { username: 'officer2', role: 'officer', displayName: '李静', organization: '区委网信办网络管理科' },
  { username: 'approver1', role: 'approver', displayName: '陈志刚', organization: '区委网信办' },
  { username: 'evaluator1', role: 'evaluator', displayName: '钱文华', organization: ASSOCIATION },
  { username: 'evaluator2', role: 'evaluator', displayName: '孙丽娟', organization: ASSOCIATION },
  { username: 'evaluator3', role: 'evaluator', displayName: '吴浩', organization: DREAM_STATION },
  { username: 'evaluator4', role: 'evaluator', displayName: '郑雅琴', organization: DREAM_STATION },
  { username: 'evaluator5', role: 'evaluator', displayName: '冯教授', organization: EXPERT_POOL },
  { username: 'evaluator6', role: 'evaluator', displayName: '褚律师', organization: EXPERT_POOL },
];

interface DemoAccount {
  key: string;
  platform: string;
  platformAccountId: string;
  name: string;
  url?: string;
  category: string;
  followers: number;
  qualification?: { qualificationType: string; qualificationNumber: string; qualificationExpiry: string };
  review?: { decision: 'approve' } | { decision: 'reject'; reason: string };
}

interface DemoOperator {
  username: string;
  displayName: string;
  phone: string;
  subject: Record<string, unknown>;
  accounts: DemoAccount[];
}

export const OPERATORS: DemoOperator[] = [
  {
    username: 'operator1',
    displayName: '杭州未来云媒文化传媒有限公司',
    phone: '13957112301',
    subject: {
      kind: 'organization',
      name: '杭州未来云媒文化传媒有限公司',
      creditCode: creditCode('MA2H7K3Q'),
      regionCode: REGION,
      registeredAddress: '浙江省杭州市余杭区五常街道文一西路998号海创园5号楼301室',
      operatingAddress: '浙江省杭州市余杭区五常街道文一西路998号海创园5号楼301室',
      businessScope: '文化艺术交流活动策划；广告设计、制作、代理；互联网信息服务（不含新闻出版）',
      contactName: '赵明远',
      contactPhone: '13957112301',
    },
    accounts: [
      { key: 'weilai-wechat', platform: 'wechat', platformAccountId: 'gh_yh_weilaiyunmei', name: '未来科技城发布', url: 'https://mp.weixin.qq.com/s/weilaiyunmei', category: 'news', followers: 186000, review: { decision: 'approve' } },
      { key: 'weilai-douyin', platform: 'douyin', platformAccountId: 'weilaiyunmei2019', name: '云媒看余杭', url: 'https://www.douyin.com/user/weilaiyunmei2019', category: 'culture', followers: 452300, review: { decision: 'approve' } },
      { key: 'weilai-weibo', platform: 'weibo', platformAccountId: '7301558821', name: '未来云媒', url: 'https://weibo.com/u/7301558821', category: 'technology', followers: 35800 },
    ],
  },
  {
    username: 'operator2',
    displayName: '杭州良渚文旅发展有限公司',
    phone: '13758026618',
    subject: {
      kind: 'organization',
      name: '杭州良渚文旅发展有限公司',
      creditCode: creditCode('MA27WU5N'),
      regionCode: REGION,
      registeredAddress: '浙江省杭州市余杭区良渚街道良渚文化村玉鸟路1号',
      operatingAddress: '浙江省杭州市余杭区良渚街道古墩路1890号2幢',
      businessScope: '旅游项目开发；文化场馆管理服务；会议及展览服务；图文设计制作',
      contactName: '孙佳怡',
      contactPhone: '0571-88771234',
    },
    accounts: [
      { key: 'liangzhu-xhs', platform: 'xiaohongshu', platformAccountId: '5f8a2c1e000000000101a3b7', name: '良渚古城漫游', url: 'https://www.xiaohongshu.com/user/profile/5f8a2c1e000000000101a3b7', category: 'travel', followers: 92100, review: { decision: 'approve' } },
      { key: 'liangzhu-bili', platform: 'bilibili', platformAccountId: '438812907', name: '良渚文化研学', url: 'https://space.bilibili.com/438812907', category: 'education', followers: 28700, qualification: { qualificationType: '民办学校办学许可证', qualificationNumber: '教民133011070000123号', qualificationExpiry: '2029-06-30' }, review: { decision: 'reject', reason: '资质证书编号与附件不一致，请核对后重新提交' } },
      { key: 'liangzhu-toutiao', platform: 'toutiao', platformAccountId: '1736228840917006', name: '良渚文旅', category: 'travel', followers: 15400 },
    ],
  },
  {
    username: 'operator3',
    displayName: '杭州闲林健康科普传播有限公司',
    phone: '18968120457',
    subject: {
      kind: 'organization',
      name: '杭州闲林健康科普传播有限公司',
      creditCode: creditCode('MA2KD0P8'),
      regionCode: REGION,
      registeredAddress: '浙江省杭州市余杭区闲林街道闲兴路7号3幢201室',
      operatingAddress: '浙江省杭州市余杭区闲林街道闲兴路7号3幢201室',
      businessScope: '健康咨询服务（不含诊疗服务）；科普宣传服务；数字内容制作服务',
      contactName: '吕晓峰',
      contactPhone: '18968120457',
    },
    accounts: [
      { key: 'xianlin-wechat', platform: 'wechat', platformAccountId: 'gh_xianlinjiankang', name: '闲林健康说', url: 'https://mp.weixin.qq.com/s/xianlinjiankang', category: 'medical', followers: 64200, qualification: { qualificationType: '互联网药品信息服务资格证书', qualificationNumber: '(浙)-非经营性-2024-0187', qualificationExpiry: '2029-03-31' }, review: { decision: 'approve' } },
      { key: 'xianlin-kuaishou', platform: 'kuaishou', platformAccountId: 'xljk2021', name: '闲林健康科普', category: 'lifestyle', followers: 8300 },
    ],
  },
  {
    username: 'operator4',
    displayName: '陈晓雨',
    phone: '15869107742',
    subject: {
      kind: 'individual',
      name: '陈晓雨',
      idNumber: idNumber('1994-03-15', 242),
      regionCode: REGION,
      registeredAddress: '浙江省杭州市余杭区仓前街道良睦路1399号',
      operatingAddress: '浙江省杭州市余杭区仓前街道良睦路1399号',
      contactName: '陈晓雨',
      contactPhone: '15869107742',
    },
    accounts: [
      { key: 'chen-douyin', platform: 'douyin', platformAccountId: 'xiaoyu_chiyuhang', name: '小雨吃遍余杭', url: 'https://www.douyin.com/user/xiaoyu_chiyuhang', category: 'food', followers: 127600, review: { decision: 'approve' } },
      { key: 'chen-weibo', platform: 'weibo', platformAccountId: '6092337145', name: '小雨的余杭日常', category: 'lifestyle', followers: 4100 },
    ],
  },
];

const STAFF_OF_FIRST_ACCOUNT = [
  { name: '赵明远', idNumber: idNumber('1983-07-21', 135), phone: '13957112301', role: 'chief_editor', fullTime: true, startDate: '2021-03-01' },
  { name: '林雨桐', idNumber: idNumber('1995-11-02', 266), phone: '13666710285', role: 'editor', fullTime: true, startDate: '2022-07-18' },
  { name: '黄子涵', idNumber: idNumber('1998-05-30', 148), phone: '17706531192', role: 'reviewer', fullTime: false, startDate: '2024-02-26' },
];

// ---------------------------------------------------------------------------------------------

type Json = Record<string, unknown>;

/** One HTTP exchange; the script uses Fastify's inject, the test supertest. */
export type Transport = (req: { method: 'GET' | 'POST' | 'PATCH'; url: string; headers: Record<string, string>; body?: string }) => Promise<{ status: number; text: string }>;

export function injectTransport(app: NestFastifyApplication): Transport {
  return async ({ method, url, headers, body }) => {
    const res = await app.inject({ method, url, headers, ...(body !== undefined ? { payload: body } : {}) });
    return { status: res.statusCode, text: res.body };
  };
}

class Api {
  constructor(private readonly send: Transport) {}

  async call(method: 'GET' | 'POST' | 'PATCH', url: string, token: string | null, body?: unknown, expect = [200, 201]): Promise<Json> {
    const res = await this.send({
      method,
      url,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    if (!expect.includes(res.status)) throw new Error(`${method} ${url} answered ${res.status}: ${res.text}`);
    return res.text ? (JSON.parse(res.text) as Json) : {};
  }

  async login(username: string, password = DEMO_PASSWORD): Promise<string> {
    const res = await this.call('POST', '/api/auth/login', null, { username, password }, [200]);
    return res.accessToken as string;
  }
}

/**
 * A sysadmin token: by signing in when the first sysadmin has the demo password (a database this
 * script started) or ADMIN_PASSWORD; otherwise (the portal made the first sysadmin with a random
 * password) this process, which holds the database and the signing secret anyway, issues one.
 */
async function sysadminToken(app: NestFastifyApplication, api: Api, adminName: string, candidates: string[]): Promise<string> {
  const users = app.get(DataSource).getRepository(User);
  const admin = (await users.findOne({ where: { username: adminName, role: 'sysadmin', status: 'active' } })) ??
    (await users.findOne({ where: { role: 'sysadmin', status: 'active' }, order: { createdAt: 'ASC' } }));
  if (!admin) throw new Error('no active sysadmin in the database');
  for (const password of candidates) {
    if (await verifyPassword(admin.passwordHash, password)) return api.login(admin.username, password);
  }
  return app.get(TokenService).sign(admin);
}

export async function loadDemoData(
  app: NestFastifyApplication,
  opts: { adminName: string; adminPasswords: string[]; transport?: Transport; log?: (s: string) => void },
): Promise<{ created: boolean }> {
  const api = new Api(opts.transport ?? injectTransport(app));
  const log = opts.log ?? (() => {});
  const { adminName, adminPasswords } = opts;
  const root = await sysadminToken(app, api, adminName, adminPasswords);

  const officers = await api.call('GET', '/api/users?role=officer&pageSize=100', root);
  if ((officers.items as { username: string }[]).some((u) => u.username === 'officer1')) {
    log('演示数据已存在，未做改动 / demo data already present: nothing to do');
    return { created: false };
  }

  // 1. Staff of the office, the associations and the expert pool.
  for (const u of STAFF_USERS) {
    await api.call('POST', '/api/users', root, { ...u, password: DEMO_PASSWORD }, [201]);
  }
  log(`用户 / users: ${STAFF_USERS.map((u) => u.username).join(', ')}`);
  const officer = await api.login('officer1');

  // 2. Operators sign up themselves, register their subject and their accounts.
  const accounts: Record<string, { id: string; operatorToken: string; filingNo?: string }> = {};
  for (const op of OPERATORS) {
    await api.call('POST', '/api/auth/register', null, { username: op.username, password: DEMO_PASSWORD, displayName: op.displayName, phone: op.phone }, [201]);
    const token = await api.login(op.username);
    const subject = await api.call('POST', '/api/subjects', token, op.subject, [201]);
    for (const a of op.accounts) {
      const { key: _key, review: _review, qualification, ...fields } = a;
      const created = await api.call('POST', '/api/accounts', token, { subjectId: subject.id, ...fields, ...(qualification ?? {}) }, [201]);
      accounts[a.key] = { id: created.id as string, operatorToken: token };
    }
  }
  log(`运营者 / operators: ${OPERATORS.map((o) => o.username).join(', ')}; 账号 / accounts: ${Object.keys(accounts).length}`);

  // 3. The officer reviews: most are filed, one is returned with reasons, the rest wait.
  for (const op of OPERATORS) {
    for (const a of op.accounts) {
      if (!a.review) continue;
      const res = await api.call('POST', `/api/accounts/${accounts[a.key].id}/review`, officer, a.review, [200]);
      if (res.filingNo) accounts[a.key].filingNo = res.filingNo as string;
    }
  }
  const filed = Object.entries(accounts).filter(([, a]) => a.filingNo);
  log(`已备案 / filed: ${filed.map(([, a]) => a.filingNo).join(', ')}`);

  // 4. Editorial staff of the first filed account, their training and records, and the filing (§02.5-7).
  const first = accounts['weilai-wechat'];
  const staffIds: string[] = [];
  for (const s of STAFF_OF_FIRST_ACCOUNT) {
    const created = await api.call('POST', `/api/accounts/${first.id}/staff`, first.operatorToken, s, [201]);
    staffIds.push(created.id as string);
  }
  const trainings = [
    { date: '2025-04-17', organizer: 'office', topic: '网络信息内容生态治理规定专题培训', hours: 4 },
    { date: '2025-09-12', organizer: 'association', topic: '自媒体从业人员职业道德与新闻伦理', hours: 3 },
    { date: '2026-03-20', organizer: 'own_unit', topic: '内容“三审三校”流程与谣言识别', hours: 2.5 },
  ];
  for (const [i, staffId] of staffIds.entries()) {
    for (const tr of trainings.slice(0, 3 - i)) {
      await api.call('POST', `/api/staff/${staffId}/trainings`, first.operatorToken, tr, [201]);
    }
  }
  await api.call('POST', `/api/staff/${staffIds[0]}/records`, first.operatorToken, { kind: 'reward', date: '2025-12-30', description: '获评余杭区网络文化协会2025年度优秀自媒体编辑' }, [201]);
  await api.call('POST', `/api/staff/${staffIds[1]}/records`, first.operatorToken, { kind: 'punishment', date: '2026-02-09', description: '转发未经核实的交通事故信息，单位内部通报批评并扣减当月绩效' }, [201]);
  const filing = await api.call('POST', `/api/accounts/${first.id}/staff-filings`, first.operatorToken, {}, [201]);
  log(`编辑人员备案 / staff filing: version ${filing.version}, ${filing.status}`);

  // 5. Two reports from the public for the officer's desk (§04.6).
  const douyin = accounts['weilai-douyin'];
  await api.call('POST', '/api/public/reports', null, {
    filingNo: douyin.filingNo,
    category: 'C06',
    description: '该账号11月20日发布视频称“仓前街道某小区封闭管理”，经向社区核实并无此事，视频已被大量转发。',
    evidenceUrls: ['https://www.douyin.com/video/7439011223344556677'],
    contact: '13600000000',
  }, [201]);
  await api.call('POST', '/api/public/reports', null, {
    platform: 'weibo',
    platformAccountId: '5566778899',
    accountName: '余杭吃瓜小分队',
    category: 'C08',
    description: '该未备案账号连续发布帖子辱骂、泄露他人住址和电话。',
  }, [201]);
  log('举报 / reports: 2');
  return { created: true };
}

async function main(): Promise<void> {
  let config;
  const adminName = process.env.ADMIN_USERNAME || 'admin';
  try {
    // Only settings of this one process: no limits on its own burst of requests, no sweeps, quiet logs.
    config = loadConfig({
      ...process.env,
      ADMIN_USERNAME: adminName,
      ADMIN_PASSWORD: process.env.ADMIN_PASSWORD || DEMO_PASSWORD,
      RATE_LIMIT: 'false',
      SCHEDULER: 'false',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    });
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`配置错误 / configuration error: ${e.message}\n`);
      process.exit(2);
    }
    throw e;
  }
  const app = await createApp(config, { logger: false });
  try {
    await app.getHttpAdapter().getInstance().ready();
    const candidates = [...new Set([process.env.ADMIN_PASSWORD, DEMO_PASSWORD].filter((p): p is string => !!p))];
    const { created } = await loadDemoData(app, { adminName, adminPasswords: candidates, log: (s) => process.stdout.write(`${s}\n`) });
    if (created) {
      process.stdout.write(`\n演示数据已载入 ${config.database.kind === 'sqlite' ? config.database.file : 'MySQL'}；所有演示用户的密码均为 ${DEMO_PASSWORD}（见 README.md）。\n`);
    }
  } finally {
    await app.close();
  }
}

// Run when executed (node dist/scripts/demo-data.js), not when imported by a test.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((e) => {
    process.stderr.write(`${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
    process.exit(1);
  });
}
