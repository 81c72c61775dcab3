-- Idempotency records of key creations written before secrets were withheld from them (issue 9)
-- held the key's secret. Keep their replay, without the secret, as new records are written.
UPDATE `idempotency_keys`
SET `response_body` = json_set(json_remove(`response_body`, '$.key'), '$.keyWithheld', json('true'))
WHERE json_valid(`response_body`) AND json_extract(`response_body`, '$.key') IS NOT NULL;
