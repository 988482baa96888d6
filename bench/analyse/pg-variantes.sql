SELECT array_agg("EssmsId") AS ids FROM "Habilitations" h JOIN "AspNetUsers" a ON a."Id" = h."ProfessionnelId" WHERE a."UserName" = 'direction@bench.invalid' \gset
\timing on
-- V0: as sent today (OR of the two ranges)
PREPARE v0(text, text, uuid[]) AS
SELECT u."Id" FROM "Usagers" u
WHERE u."FusionneDansId" IS NULL
  AND EXISTS (SELECT 1 FROM "Sejours" s WHERE u."Id" = s."UsagerId" AND NOT s."Annule" AND s."EssmsId" = ANY ($3))
  AND ((u."NomRecherche" >= $1 AND u."NomRecherche" < $2) OR (u."NomUtiliseRecherche" IS NOT NULL AND u."NomUtiliseRecherche" >= $1 AND u."NomUtiliseRecherche" < $2))
  AND EXISTS (SELECT 1 FROM "Sejours" s0 WHERE u."Id" = s0."UsagerId" AND NOT s0."Annule" AND s0."DateSortie" IS NULL)
ORDER BY u."NomRecherche", u."PremierPrenom", u."Id" LIMIT 26;
-- V1: the two ranges as a union of ids (each branch an index range scan), then the same filters
PREPARE v1(text, text, uuid[]) AS
SELECT u."Id" FROM "Usagers" u
WHERE u."Id" IN (SELECT "Id" FROM "Usagers" WHERE "NomRecherche" >= $1 AND "NomRecherche" < $2
                 UNION SELECT "Id" FROM "Usagers" WHERE "NomUtiliseRecherche" >= $1 AND "NomUtiliseRecherche" < $2)
  AND u."FusionneDansId" IS NULL
  AND EXISTS (SELECT 1 FROM "Sejours" s WHERE u."Id" = s."UsagerId" AND NOT s."Annule" AND s."EssmsId" = ANY ($3))
  AND EXISTS (SELECT 1 FROM "Sejours" s0 WHERE u."Id" = s0."UsagerId" AND NOT s0."Annule" AND s0."DateSortie" IS NULL)
ORDER BY u."NomRecherche", u."PremierPrenom", u."Id" LIMIT 26;
EXPLAIN (ANALYZE, COSTS OFF, SUMMARY ON) EXECUTE v0('MAR','MAS',:'ids');
EXPLAIN (ANALYZE, COSTS OFF, SUMMARY ON) EXECUTE v1('MAR','MAS',:'ids');
EXPLAIN (ANALYZE, COSTS OFF, SUMMARY ON) EXECUTE v1('ROB','ROC',:'ids');
-- V0 with the planner kept off the ordered full index scan
SET enable_indexscan = off;
EXPLAIN (ANALYZE, COSTS OFF, SUMMARY ON) EXECUTE v0('MAR','MAS',:'ids');
RESET enable_indexscan;
SELECT n_distinct, correlation FROM pg_stats WHERE tablename='Usagers' AND attname IN ('NomRecherche','NomUtiliseRecherche');
SELECT count(*) FILTER (WHERE "NomUtiliseRecherche" IS NOT NULL) AS avec_nom_utilise FROM "Usagers";
