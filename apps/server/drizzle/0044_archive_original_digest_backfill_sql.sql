-- archive_pages.original_digest for pages filed before the column existed: a page rendered from a PDF names the PDF's
-- digest in the audit of its filing (details.digest beside details.pageIds), so that disposal can erase the PDF too.
UPDATE archive_pages p
   SET original_digest = a.details->>'digest'
  FROM audit_log a
 WHERE a.action IN ('archive.page.add', 'archive.page.supplement', 'archive.page.replace')
   AND a.result = 'success'
   AND jsonb_typeof(a.details->'pageIds') = 'array'
   AND a.details->'pageIds' @> to_jsonb(p.id)
   AND p.original_digest IS NULL
   AND p.digest <> a.details->>'digest'
   AND EXISTS (SELECT 1 FROM blobs b WHERE b.digest = a.details->>'digest' AND b.mime = 'application/pdf');
