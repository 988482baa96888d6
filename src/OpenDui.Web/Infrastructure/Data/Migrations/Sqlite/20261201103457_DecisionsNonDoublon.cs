using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpenDui.Web.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DecisionsNonDoublon : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The column and its foreign key in one ALTER TABLE: SQLite accepts a REFERENCES clause on an added
            // nullable column, whereas a separate AddForeignKey made EF rebuild "Sejours" (copy, PRAGMA foreign_keys
            // outside the transaction, and two warnings at every first start). Same column, key and index as before.
            migrationBuilder.Sql("""
                ALTER TABLE "Sejours" ADD "IdentifiantLocalId" TEXT NULL
                    CONSTRAINT "FK_Sejours_IdentifiantsLocaux_IdentifiantLocalId" REFERENCES "IdentifiantsLocaux" ("Id") ON DELETE RESTRICT;
                """);

            migrationBuilder.CreateTable(
                name: "DecisionsNonDoublon",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UsagerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AutreUsagerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Motif = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Horodatage = table.Column<long>(type: "INTEGER", nullable: false),
                    AuteurId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AuteurNom = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RetireeLe = table.Column<long>(type: "INTEGER", nullable: true),
                    RetireePar = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DecisionsNonDoublon", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DecisionsNonDoublon_Usagers_AutreUsagerId",
                        column: x => x.AutreUsagerId,
                        principalTable: "Usagers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DecisionsNonDoublon_Usagers_UsagerId",
                        column: x => x.UsagerId,
                        principalTable: "Usagers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Sejours_IdentifiantLocalId",
                table: "Sejours",
                column: "IdentifiantLocalId");

            migrationBuilder.CreateIndex(
                name: "IX_DecisionsNonDoublon_AutreUsagerId",
                table: "DecisionsNonDoublon",
                column: "AutreUsagerId");

            migrationBuilder.CreateIndex(
                name: "IX_DecisionsNonDoublon_UsagerId_AutreUsagerId",
                table: "DecisionsNonDoublon",
                columns: new[] { "UsagerId", "AutreUsagerId" });

            // Existing séjours were issued under their record's current identifier in their ESSMS.
            migrationBuilder.Sql("""
                UPDATE "Sejours" SET "IdentifiantLocalId" = (SELECT i."Id" FROM "IdentifiantsLocaux" i
                    WHERE i."UsagerId" = "Sejours"."UsagerId" AND i."EssmsId" = "Sejours"."EssmsId" AND i."Ancien" = 0 LIMIT 1)
                WHERE "IdentifiantLocalId" IS NULL;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Sejours_IdentifiantsLocaux_IdentifiantLocalId",
                table: "Sejours");

            migrationBuilder.DropTable(
                name: "DecisionsNonDoublon");

            migrationBuilder.DropIndex(
                name: "IX_Sejours_IdentifiantLocalId",
                table: "Sejours");

            migrationBuilder.DropColumn(
                name: "IdentifiantLocalId",
                table: "Sejours");
        }
    }
}
