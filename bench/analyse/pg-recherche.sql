-- The search as EF Core (Npgsql) sends it after commit 0a2b215 (range on folded names), first statement of the split query,
-- caller = bench account "direction" (10 ESSMS), prefix MAR.
\set essms '(SELECT "EssmsId" FROM "Habilitations" h JOIN "AspNetUsers" a ON a."Id" = h."ProfessionnelId" WHERE a."UserName" = ''direction@bench.invalid'')'
PREPARE r(text, text, uuid[]) AS
SELECT u."Id", u."NomNaissance", u."NomUtilise", u."PremierPrenom", u."PrenomUtilise", u."Sexe", u."DateNaissance", u."Statut"
FROM "Usagers" AS u
WHERE u."FusionneDansId" IS NULL AND EXISTS (
    SELECT 1 FROM "Sejours" AS s
    WHERE u."Id" = s."UsagerId" AND NOT (s."Annule") AND s."EssmsId" = ANY ($3))
  AND ((u."NomRecherche" >= $1 AND u."NomRecherche" < $2) OR (u."NomUtiliseRecherche" IS NOT NULL AND u."NomUtiliseRecherche" >= $1 AND u."NomUtiliseRecherche" < $2))
  AND EXISTS (SELECT 1 FROM "Sejours" AS s0 WHERE u."Id" = s0."UsagerId" AND NOT (s0."Annule") AND s0."DateSortie" IS NULL)
ORDER BY u."NomRecherche", u."PremierPrenom", u."Id"
LIMIT 26 OFFSET 0;
SELECT array_agg("EssmsId") AS ids FROM "Habilitations" h JOIN "AspNetUsers" a ON a."Id" = h."ProfessionnelId" WHERE a."UserName" = 'direction@bench.invalid' \gset
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) EXECUTE r('MAR', 'MAS', :'ids');
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) EXECUTE r('ROB', 'ROC', :'ids');
SELECT count(*) AS usagers_prefixe_MAR FROM "Usagers" WHERE "NomRecherche" >= 'MAR' AND "NomRecherche" < 'MAS';
