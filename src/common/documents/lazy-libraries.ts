/**
 * The document libraries, loaded on first use. exceljs (≈ 30 MB resident) and docx (≈ 12 MB) serve
 * a few downloads a day; loading them at boot kept that memory in every process for nothing
 * (issue #6: peak RSS ≤ 300 MB). Node caches a module after its first import, so later calls are free.
 */
export const loadExcel = async () => (await import('exceljs')).default;
export const loadDocx = () => import('docx');
