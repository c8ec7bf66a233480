-- Name forms stored before the bigrams column: their two-character pieces, as road-keys.ts bigramsOf cuts them.
UPDATE "rw_road_names" SET "bigrams" = CASE
  WHEN char_length("key") < 2 THEN ARRAY(SELECT "key" WHERE "key" <> '')
  ELSE ARRAY(
    SELECT piece FROM (
      SELECT DISTINCT ON (substr("key", i, 2)) substr("key", i, 2) AS piece, i
      FROM generate_series(1, char_length("key") - 1) AS i
      ORDER BY substr("key", i, 2), i
    ) p ORDER BY i
  )
END;
