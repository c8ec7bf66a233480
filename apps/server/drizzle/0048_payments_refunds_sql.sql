-- G10: the refunds made before refunds were kept one per row are recovered from their audit records (written in the
-- same transaction as the refund: target = the merchant order number, details = refund number, amount, reason), so
-- the reconciliation of those days compares them too.
INSERT INTO "fine_payment_refunds" ("payment_id", "refund_no", "amount_fen", "reason", "refunded_at")
SELECT p."id", a."details"->>'refundNo', (a."details"->>'amountFen')::integer, coalesce(a."details"->>'reason', ''), a."ts"
FROM "audit_log" a
JOIN "fine_payments" p ON p."merchant_order_no" = a."target_id"
WHERE a."action" = 'payments.refund' AND a."result" = 'success' AND a."details" ? 'refundNo'
ON CONFLICT ("refund_no") DO NOTHING;
