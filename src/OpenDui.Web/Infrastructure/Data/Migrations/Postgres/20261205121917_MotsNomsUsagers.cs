using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpenDui.Web.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class MotsNomsUsagers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "MotsNomsUsagers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UsagerId = table.Column<Guid>(type: "uuid", nullable: false),
                    UsagerOrigineId = table.Column<Guid>(type: "uuid", nullable: false),
                    Mot = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MotsNomsUsagers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MotsNomsUsagers_Usagers_UsagerId",
                        column: x => x.UsagerId,
                        principalTable: "Usagers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_MotsNomsUsagers_Mot_UsagerId",
                table: "MotsNomsUsagers",
                columns: new[] { "Mot", "UsagerId" });

            migrationBuilder.CreateIndex(
                name: "IX_MotsNomsUsagers_UsagerId_Mot",
                table: "MotsNomsUsagers",
                columns: new[] { "UsagerId", "Mot" });

            migrationBuilder.CreateIndex(
                name: "IX_MotsNomsUsagers_UsagerOrigineId",
                table: "MotsNomsUsagers",
                column: "UsagerOrigineId");

            // Back-fill: the words of every existing record (names are stored normalised: A-Z, space, hyphen,
            // apostrophe; hyphens and apostrophes become spaces, each word and the glued rest of each name are kept,
            // as MotsNoms.MotsDe does in C#). Only records without words, so that it can be run again.
            migrationBuilder.Sql(@"WITH RECURSIVE champs(uid, reste) AS (
  SELECT u.""Id"", trim(replace(replace(u.""NomNaissance"", '-', ' '), '''', ' '))::text FROM ""Usagers"" u WHERE u.""NomNaissance"" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ""MotsNomsUsagers"" m WHERE m.""UsagerOrigineId"" = u.""Id"")
  UNION ALL SELECT u.""Id"", trim(replace(replace(u.""NomUtilise"", '-', ' '), '''', ' '))::text FROM ""Usagers"" u WHERE u.""NomUtilise"" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ""MotsNomsUsagers"" m WHERE m.""UsagerOrigineId"" = u.""Id"")
  UNION ALL SELECT u.""Id"", trim(replace(replace(u.""PrenomsNaissance"", '-', ' '), '''', ' '))::text FROM ""Usagers"" u WHERE u.""PrenomsNaissance"" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ""MotsNomsUsagers"" m WHERE m.""UsagerOrigineId"" = u.""Id"")
  UNION ALL SELECT u.""Id"", trim(replace(replace(u.""PrenomUtilise"", '-', ' '), '''', ' '))::text FROM ""Usagers"" u WHERE u.""PrenomUtilise"" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ""MotsNomsUsagers"" m WHERE m.""UsagerOrigineId"" = u.""Id"")
),
decoupe(uid, reste, mot, colle) AS (
  SELECT uid, reste, NULL::text, NULL::text FROM champs WHERE reste <> ''
  UNION ALL
  SELECT uid,
    CASE WHEN strpos(reste, ' ') > 0 THEN ltrim(substr(reste, strpos(reste, ' ') + 1)) ELSE '' END,
    CASE WHEN strpos(reste, ' ') > 0 THEN substr(reste, 1, strpos(reste, ' ') - 1) ELSE reste END,
    CASE WHEN strpos(reste, ' ') > 0 THEN replace(reste, ' ', '') ELSE NULL::text END
  FROM decoupe WHERE reste <> ''
)
INSERT INTO ""MotsNomsUsagers"" (""Id"", ""UsagerId"", ""UsagerOrigineId"", ""Mot"")
SELECT gen_random_uuid(), t.uid, t.uid, t.mot FROM (
  SELECT uid, mot FROM decoupe WHERE mot IS NOT NULL
  UNION
  SELECT uid, colle FROM decoupe WHERE colle IS NOT NULL
) t;");

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "MotsNomsUsagers");
        }
    }
}
