SELECT array_agg("EssmsId") AS ids FROM "Habilitations" h JOIN "AspNetUsers" a ON a."Id" = h."ProfessionnelId" WHERE a."UserName" = 'direction@bench.invalid' \gset
SELECT "Id" AS uid FROM "Usagers" u WHERE EXISTS (SELECT 1 FROM "Sejours" s WHERE s."UsagerId" = u."Id" AND s."EssmsId" = ANY (:'ids'::uuid[])) LIMIT 1 OFFSET 777 \gset
\timing on
PREPARE peut(uuid[], uuid) AS SELECT EXISTS (SELECT 1 FROM "Usagers" u WHERE u."FusionneDansId" IS NULL AND EXISTS (SELECT 1 FROM "Sejours" s WHERE u."Id" = s."UsagerId" AND NOT s."Annule" AND s."EssmsId" = ANY ($1)) AND u."Id" = $2);
EXPLAIN (ANALYZE, COSTS OFF) EXECUTE peut(:'ids', :'uid');
PREPARE sej(uuid) AS SELECT s.*, e.*, un.* FROM (SELECT u."Id" FROM "Usagers" u WHERE u."Id" = $1 ORDER BY u."Id" LIMIT 1) u4 JOIN "Sejours" s ON s."UsagerId" = u4."Id" JOIN "Essms" e ON s."EssmsId" = e."Id" LEFT JOIN "Unites" un ON s."UniteId" = un."Id" ORDER BY u4."Id";
EXPLAIN (ANALYZE, COSTS OFF) EXECUTE sej(:'uid');
EXPLAIN (ANALYZE, COSTS OFF) SELECT "Hash" FROM "TracesAcces" ORDER BY "Id" DESC LIMIT 1;
PREPARE chrono(uuid) AS SELECT * FROM "Chronologie" WHERE "UsagerId" = $1 ORDER BY "Id" DESC LIMIT 21;
EXPLAIN (ANALYZE, COSTS OFF) EXECUTE chrono(:'uid');
