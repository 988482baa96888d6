using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpenDui.Programme.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ReservationsEssms : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ReservationsEssms",
                columns: table => new
                {
                    Annee = table.Column<int>(type: "integer", nullable: false),
                    FinessEt = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    CandidatureId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReservationsEssms", x => new { x.Annee, x.FinessEt });
                    table.ForeignKey(
                        name: "FK_ReservationsEssms_Candidatures_CandidatureId",
                        column: x => x.CandidatureId,
                        principalTable: "Candidatures",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ReservationsEssms_CandidatureId",
                table: "ReservationsEssms",
                column: "CandidatureId");

            // The claims of the files already live; an ESSMS claimed twice before this constraint stays with the older file.
            migrationBuilder.Sql(@"
INSERT INTO ""ReservationsEssms"" (""Annee"", ""FinessEt"", ""CandidatureId"")
SELECT DISTINCT ON (c.""Annee"", e.""FinessEt"") c.""Annee"", e.""FinessEt"", c.""Id""
FROM ""EssmsCandidatures"" e JOIN ""Candidatures"" c ON c.""Id"" = e.""CandidatureId""
WHERE e.""Retenu"" AND c.""Statut"" NOT IN ('Irrecevable', 'Rejetee')
ORDER BY c.""Annee"", e.""FinessEt"", c.""Reference"";");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ReservationsEssms");
        }
    }
}
