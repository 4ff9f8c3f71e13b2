/**
 * An official document of the office (notices, minutes, orders, referral letters), laid out after
 * GB/T 9704-2012 (党政机关公文格式): issuing office, number, title, addressee, body, key facts,
 * signature office and date. One model renders to a printable A4 page and to a .docx.
 */
export interface OfficialDocument {
  /** For the file name: `interview-notice`, `referral-letter` … */
  kind: string;
  /** 发文机关 at the head of the page. */
  office: string;
  /** 发文字号, e.g. YH-WXYT-2026-0001. */
  number: string;
  title: string;
  /** 主送: the addressee, followed by a full-width colon. */
  addressee?: string;
  /** Body paragraphs (each indented two characters). */
  paragraphs: string[];
  /** Key facts as a two-column table (时间、地点、约谈人员 …). */
  facts?: { label: string; value: string }[];
  /** Numbered items (problems found, requirements). */
  sections?: { heading: string; items: string[] }[];
  /** 落款: signing office and date (Beijing date, YYYY-MM-DD). */
  signatureOffice: string;
  date: string;
  /** 抄送. */
  copyTo?: string;
  /** 附注, e.g. contact person and phone. */
  note?: string;
}

export const OFFICE_NAME = '余杭区互联网信息办公室';

/** 2026年11月23日 from 2026-11-23. */
export function chineseDate(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}
