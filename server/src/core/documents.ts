/**
 * Uploaded documents (consent scans, signed agreements and minutes): a PDF or a scan as image, at most 5 MB,
 * and checked by their first bytes, whatever the file name or the declared type claims.
 */
export const DOCUMENT_TYPES = ['application/pdf', 'image/png', 'image/jpeg'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];
export const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;

/** Whether a document's bytes say they are the PDF, PNG or JPEG its declared type says. */
export function matchesContentType(bytes: Uint8Array, contentType: DocumentType): boolean {
  const starts = (...prefix: number[]) => prefix.every((b, i) => bytes[i] === b);
  switch (contentType) {
    case 'application/pdf':
      return starts(0x25, 0x50, 0x44, 0x46); // %PDF
    case 'image/png':
      return starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
    case 'image/jpeg':
      return starts(0xff, 0xd8, 0xff);
  }
}
