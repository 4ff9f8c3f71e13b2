import type { FastifyReply } from 'fastify';
import type { OfficialDocument } from './official-document.js';
import type { OfficialDocuments } from './official-documents.js';

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Sends an official document as a printable page or as a Word file (an attachment). Documents
 * carry names and facts of a case: never cached.
 */
export async function sendDocument(
  docs: OfficialDocuments,
  reply: FastifyReply,
  doc: OfficialDocument,
  format: 'html' | 'docx',
): Promise<string | Buffer> {
  reply.header('Cache-Control', 'no-store');
  if (format === 'html') {
    reply.type('text/html; charset=utf-8');
    return docs.html(doc);
  }
  reply.type(DOCX_TYPE);
  reply.header('Content-Disposition', `attachment; filename="${docs.fileName(doc, 'docx')}"`);
  return docs.docx(doc);
}
