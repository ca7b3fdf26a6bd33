-- One channel vocabulary (app/channels/kinds.ts): the PIM stored the storefront as "STOREFRONT" where the sync
-- engine says "SHOPIFY_STOREFRONT". Channel-specific values, their history, completeness rows and families'
-- required channels move to the sync engine's code. (No semicolon in these comments: the runner splits on it.)
UPDATE "AttributeValue" SET "channel" = 'SHOPIFY_STOREFRONT' WHERE "channel" = 'STOREFRONT';

UPDATE "ValueChange" SET "channel" = 'SHOPIFY_STOREFRONT' WHERE "channel" = 'STOREFRONT';

UPDATE "ProductCompleteness" SET "channel" = 'SHOPIFY_STOREFRONT' WHERE "channel" = 'STOREFRONT';

UPDATE "FamilyAttribute"
SET "requiredChannels" = replace("requiredChannels"::text, '"STOREFRONT"', '"SHOPIFY_STOREFRONT"')::jsonb
WHERE "requiredChannels" @> '["STOREFRONT"]'::jsonb;
