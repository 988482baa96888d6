using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpenDui.Web.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Ecrits : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Ecrits",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UsagerId = table.Column<Guid>(type: "uuid", nullable: false),
                    EssmsId = table.Column<Guid>(type: "uuid", nullable: false),
                    Type = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Cercle = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Cible = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Donnees = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    Actions = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    Resultats = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    Texte = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    Important = table.Column<bool>(type: "boolean", nullable: false),
                    Horodatage = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    AuteurId = table.Column<Guid>(type: "uuid", nullable: false),
                    AuteurNom = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RoleAuteur = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    CorrigeEcritId = table.Column<Guid>(type: "uuid", nullable: true),
                    CleIdempotence = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Ecrits", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Ecrits_Ecrits_CorrigeEcritId",
                        column: x => x.CorrigeEcritId,
                        principalTable: "Ecrits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Ecrits_Essms_EssmsId",
                        column: x => x.EssmsId,
                        principalTable: "Essms",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Ecrits_Usagers_UsagerId",
                        column: x => x.UsagerId,
                        principalTable: "Usagers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Ecrits_AuteurId_CleIdempotence",
                table: "Ecrits",
                columns: new[] { "AuteurId", "CleIdempotence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Ecrits_CorrigeEcritId",
                table: "Ecrits",
                column: "CorrigeEcritId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Ecrits_EssmsId",
                table: "Ecrits",
                column: "EssmsId");

            migrationBuilder.CreateIndex(
                name: "IX_Ecrits_UsagerId_Horodatage_Id",
                table: "Ecrits",
                columns: new[] { "UsagerId", "Horodatage", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Ecrits");
        }
    }
}
