-- One actor format in every audit column (lib/http.server.ts actorOf): a staff member is "user:<id>". The PIM
-- recorded the bare session-token id ("84") where the DAM and the sync engine already wrote "user:84".
-- (No semicolon in these comments: the migration runner splits statements on it.)
UPDATE "ValueChange" SET "actor" = 'user:' || "actor"
WHERE "actor" ~ '^[0-9]+$';

UPDATE "AttributeValue" SET "updatedBy" = 'user:' || "updatedBy"
WHERE "updatedBy" ~ '^[0-9]+$';

UPDATE "Product" SET "approvedBy" = 'user:' || "approvedBy"
WHERE "approvedBy" ~ '^[0-9]+$';
